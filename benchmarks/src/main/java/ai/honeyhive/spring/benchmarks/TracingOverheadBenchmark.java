package ai.honeyhive.spring.benchmarks;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import ai.honeyhive.spring.publisher.BatchingEventPublisher;
import ai.honeyhive.spring.publisher.EventPublisher;
import ai.honeyhive.spring.tracing.HoneyHiveTracer;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * What a traced call costs: the same method (a 100-character {@code String} and an
 * {@code int} in, a {@code String} out) through a Spring proxy, bare, under
 * {@code @TraceEvent} (capture on and off, and three nested), under OpenTelemetry's
 * {@code @WithSpan} and under Micrometer's {@code @Observed}. The starter's batching
 * publisher runs for real; only its {@code EventsClient} discards. HoneyHive calls run
 * inside a session of {@value RollingSession#CALLS_PER_SESSION} calls, as calls inside a
 * request do; {@link #tracedImplicitSession()} shows a call that opens its own session.
 * <p>
 * Run with {@code -prof gc} for bytes allocated per call, and with {@code -t 2} for two
 * threads.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = { "-Xms1g", "-Xmx1g" })
public class TracingOverheadBenchmark {

	static final String TEXT = "a".repeat(50) + "b".repeat(50);

	/** One application context for all threads. */
	@State(Scope.Benchmark)
	public static class Application {

		ConfigurableApplicationContext context;

		Work plain;

		Work traced;

		Work uncaptured;

		Work outer;

		Work otel;

		Work observed;

		HoneyHiveTracer tracer;

		@Setup(Level.Trial)
		public void start() {
			this.context = BenchmarkContexts.discarding();
			this.plain = this.context.getBean("plain", Work.class);
			this.traced = this.context.getBean("traced", Work.class);
			this.uncaptured = this.context.getBean("uncaptured", Work.class);
			this.outer = this.context.getBean("outer", Work.class);
			this.otel = this.context.getBean("otel", Work.class);
			this.observed = this.context.getBean("observed", Work.class);
			this.tracer = this.context.getBean(HoneyHiveTracer.class);
		}

		@TearDown(Level.Trial)
		public void stop() {
			EventPublisher publisher = this.context.getBean(EventPublisher.class);
			if (publisher instanceof BatchingEventPublisher batching) {
				System.err.println("publisher: " + batching.getStatus());
			}
			this.context.close();
		}

	}

	/** A {@link RollingSession} per thread, and the argument's counter. */
	@State(Scope.Thread)
	public static class Session {

		RollingSession session;

		int number;

		@Setup(Level.Iteration)
		public void open(Application application) {
			this.session = new RollingSession(application.tracer);
		}

		void next() {
			this.session.next();
		}

		@TearDown(Level.Iteration)
		public void close() {
			this.session.close();
		}

	}

	@Benchmark
	public String baseline(Application application, Session session) {
		return application.plain.call(TEXT, session.number++);
	}

	@Benchmark
	public String traced(Application application, Session session) {
		session.next();
		return application.traced.call(TEXT, session.number++);
	}

	@Benchmark
	public String tracedNoCapture(Application application, Session session) {
		session.next();
		return application.uncaptured.call(TEXT, session.number++);
	}

	@Benchmark
	public String tracedNested3(Application application, Session session) {
		session.next();
		return application.outer.call(TEXT, session.number++);
	}

	@Benchmark
	public String tracedImplicitSession(Application application) {
		return application.traced.call(TEXT, 42);
	}

	@Benchmark
	public String otelWithSpan(Application application, Session session) {
		return application.otel.call(TEXT, session.number++);
	}

	@Benchmark
	public String micrometerObserved(Application application, Session session) {
		return application.observed.call(TEXT, session.number++);
	}

}
