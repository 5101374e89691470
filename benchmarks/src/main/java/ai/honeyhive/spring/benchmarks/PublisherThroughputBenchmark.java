package ai.honeyhive.spring.benchmarks;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import ai.honeyhive.spring.client.CreateEventRequest;
import ai.honeyhive.spring.client.EventType;
import ai.honeyhive.spring.client.SessionStartRequest;
import ai.honeyhive.spring.client.UpdateEventRequest;
import ai.honeyhive.spring.publisher.EventPublisher;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * Events of about 1 KB delivered per second: through the starter's batching publisher,
 * {@code RestClient} and JSON, or through OpenTelemetry's {@code BatchSpanProcessor} and
 * OTLP/HTTP exporter, into the same kind of loopback HTTP sink, which reads every body.
 * One operation is one event; with {@code honeyhive-sessions} every three events are a
 * session of their own, as when each request is traced as a session. Each invocation
 * hands over {@value #CHUNK} events and waits until all of them were delivered, so the
 * score counts delivered events, never dropped ones. Both queues hold 8192 records and
 * both batches are 512 records at most.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = { "-Xms1g", "-Xmx1g" })
@State(Scope.Benchmark)
public class PublisherThroughputBenchmark {

	static final int CHUNK = 5000;

	static final String QUESTION = "How do I reset the password of my account when the reset email never arrives? "
		.repeat(4);

	static final String CONTEXT = "Open Settings, choose Security and press Reset password; the link is valid "
		.repeat(5);

	static final String ANSWER = "Check the spam folder first, then request a new link from the Security page. "
		.repeat(3);

	/**
	 * {@code honeyhive-sessions}: every three events are a session of their own (start,
	 * events, end).
	 */
	@Param({ "honeyhive", "honeyhive-sessions", "opentelemetry" })
	public String publisher;

	private LoopbackSink sink;

	private ConfigurableApplicationContext context;

	private EventPublisher eventPublisher;

	private SdkTracerProvider tracerProvider;

	private Tracer tracer;

	private final AtomicLong spansDelivered = new AtomicLong();

	private long spansProduced;

	private final String sessionId = UUID.randomUUID().toString();

	@Setup(Level.Trial)
	public void start() throws Exception {
		this.sink = new LoopbackSink();
		if (this.publisher.startsWith("honeyhive")) {
			this.context = BenchmarkContexts.http(this.sink.baseUrl(), "honeyhive.publisher.max-queue-size=8192",
					"honeyhive.publisher.max-batch-size=512");
			this.eventPublisher = this.context.getBean(EventPublisher.class);
		}
		else {
			SpanExporter otlp = OtlpHttpSpanExporter.builder().setEndpoint(this.sink.baseUrl() + "/v1/traces").build();
			this.tracerProvider = SdkTracerProvider.builder()
				.addSpanProcessor(BatchSpanProcessor.builder(new CountingExporter(otlp, this.spansDelivered))
					.setMaxQueueSize(8192)
					.setMaxExportBatchSize(512)
					.build())
				.build();
			this.tracer = this.tracerProvider.get("benchmark");
		}
	}

	@TearDown(Level.Trial)
	public void stop() {
		System.err.printf("sink: %d requests, %d MB%n", this.sink.requests(), this.sink.bytes() >> 20);
		if (this.context != null) {
			this.context.close();
		}
		if (this.tracerProvider != null) {
			this.tracerProvider.close();
		}
		this.sink.close();
	}

	@Benchmark
	@OperationsPerInvocation(CHUNK)
	public void deliver() {
		if (this.eventPublisher != null && this.publisher.equals("honeyhive-sessions")) {
			for (int i = 0; i < CHUNK; i += 3) {
				String session = UUID.randomUUID().toString();
				long now = System.currentTimeMillis();
				this.eventPublisher.startSession(SessionStartRequest.builder()
					.project("benchmarks")
					.source("benchmark")
					.sessionName("request")
					.sessionId(session)
					.startTime(now)
					.build());
				for (int j = i; j < Math.min(i + 3, CHUNK); j++) {
					this.eventPublisher.publish(event(j, session));
				}
				this.eventPublisher.update(UpdateEventRequest.builder(session).endTime(now).duration(1.0).build());
			}
			if (!this.eventPublisher.flush(Duration.ofSeconds(60))) {
				throw new IllegalStateException("events were not delivered");
			}
		}
		else if (this.eventPublisher != null) {
			for (int i = 0; i < CHUNK; i++) {
				this.eventPublisher.publish(event(i, this.sessionId));
			}
			if (!this.eventPublisher.flush(Duration.ofSeconds(60))) {
				throw new IllegalStateException("events were not delivered");
			}
		}
		else {
			for (int i = 0; i < CHUNK; i++) {
				Span span = this.tracer.spanBuilder("answer_question")
					.setAttribute(AttributeKey.stringKey("inputs.question"), QUESTION)
					.setAttribute(AttributeKey.stringKey("inputs.context"), CONTEXT)
					.setAttribute(AttributeKey.stringKey("session_id"), this.sessionId)
					.startSpan();
				span.setAttribute(AttributeKey.stringKey("outputs.result"), ANSWER);
				span.setAttribute(AttributeKey.longKey("metadata.n"), i);
				span.end();
			}
			this.spansProduced += CHUNK;
			boolean flushed = this.tracerProvider.forceFlush().join(60, TimeUnit.SECONDS).isSuccess();
			// forceFlush can complete before the export of spans ended just before it has
			// been acknowledged: wait for the count, bounded, so only delivered spans
			// count.
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
			while (this.spansDelivered.get() < this.spansProduced && System.nanoTime() < deadline) {
				LockSupport.parkNanos(100_000);
			}
			long delivered = this.spansDelivered.get();
			if (!flushed || delivered < this.spansProduced) {
				throw new IllegalStateException("spans were not delivered: flushed=" + flushed + ", delivered="
						+ delivered + " of " + this.spansProduced);
			}
		}
	}

	private CreateEventRequest event(int n, String session) {
		long now = System.currentTimeMillis();
		return CreateEventRequest.builder()
			.project("benchmarks")
			.source("benchmark")
			.eventName("answer_question")
			.eventType(EventType.CHAIN)
			.eventId(UUID.randomUUID().toString())
			.sessionId(session)
			.parentId(session)
			.inputs(Map.of("question", QUESTION, "context", CONTEXT))
			.outputs(Map.of("result", ANSWER))
			.metadata(Map.of("n", n))
			.startTime(now)
			.endTime(now)
			.duration(0.5)
			.build();
	}

	/** Counts the spans its delegate delivered. */
	static final class CountingExporter implements SpanExporter {

		private final SpanExporter delegate;

		private final AtomicLong delivered;

		CountingExporter(SpanExporter delegate, AtomicLong delivered) {
			this.delegate = delegate;
			this.delivered = delivered;
		}

		@Override
		public CompletableResultCode export(Collection<SpanData> spans) {
			CompletableResultCode result = this.delegate.export(spans);
			int count = spans.size();
			result.whenComplete(() -> {
				if (result.isSuccess()) {
					this.delivered.addAndGet(count);
				}
			});
			return result;
		}

		@Override
		public CompletableResultCode flush() {
			return this.delegate.flush();
		}

		@Override
		public CompletableResultCode shutdown() {
			return this.delegate.shutdown();
		}

	}

}
