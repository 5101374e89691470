package ai.honeyhive.spring.reliability;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import ai.honeyhive.spring.publisher.DropReason;
import ai.honeyhive.spring.reliability.FaultServer.Answer;
import ai.honeyhive.spring.reliability.TracedServices.Agent;
import ai.honeyhive.spring.reliability.TracedServices.Produced;
import ai.honeyhive.spring.tracing.HoneyHiveTracer;
import ai.honeyhive.spring.tracing.SessionScope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The context is closed while producers are still tracing calls and the server is slow
 * and failing: every record is delivered or counted, the close is bounded and leaves no
 * thread behind.
 */
@Timeout(60)
class ShutdownUnderLoadTests {

	private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(1);

	private final ScheduledExecutorService producers = Executors.newScheduledThreadPool(4);

	private FaultServer server;

	@AfterEach
	void stop() {
		this.producers.shutdownNow();
		if (this.server != null) {
			this.server.shutdown();
		}
	}

	private static Map<Answer, Integer> weights(int ok, int slow, int unavailable) {
		Map<Answer, Integer> weights = new EnumMap<>(Answer.class);
		weights.put(Answer.OK, ok);
		weights.put(Answer.SLOW, slow);
		weights.put(Answer.UNAVAILABLE, unavailable);
		return weights;
	}

	@Test
	void shouldDeliverOrCountEveryRecordWhenClosedUnderLoadAgainstASlowServer() throws Exception {
		this.server = new FaultServer(7L, 2_000, weights(40, 40, 20));
		runUnderLoadAndClose();
	}

	@Test
	void shouldDeliverOrCountEveryRecordWhenClosedUnderLoadAgainstAServerThatIsDown() throws Exception {
		this.server = new FaultServer(11L, 2_000, weights(100, 0, 0));
		this.server.down(true);
		runUnderLoadAndClose();
	}

	@Test
	void shouldStopTheWorkerWhenClosedDuringACallLongerThanTheShutdownTimeout() throws Exception {
		this.server = new FaultServer(13L, 3_000, weights(0, 100, 0));
		ContextThreads.run(() -> ReliabilityContexts.runner(this.server.baseUrl())
			.withPropertyValues("honeyhive.client.read-timeout=20s", "honeyhive.publisher.schedule-delay=10ms",
					"honeyhive.publisher.shutdown-timeout=200ms")
			.run((context) -> {
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				context.getBean(Agent.class).answer("q");
				await().atMost(Duration.ofSeconds(10)).until(() -> this.server.requests.get() > 0);
				long start = System.nanoTime();
				context.close();
				long closeMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
				assertThat(ContextThreads.liveHoneyHiveThreads()).isEmpty();
				assertThat(closeMillis).isLessThan(3_000);
				assertThat(ReliabilityContexts.dropped(registry)).isEqualTo(6);
			}));
	}

	private void runUnderLoadAndClose() throws Exception {
		AtomicReference<Produced> producedRef = new AtomicReference<>();
		AtomicReference<MeterRegistry> registryRef = new AtomicReference<>();
		AtomicLong closeMillis = new AtomicLong();
		ContextThreads.run(() -> ReliabilityContexts.runner(this.server.baseUrl())
			.withPropertyValues("honeyhive.client.read-timeout=250ms", "honeyhive.client.connect-timeout=1s",
					"honeyhive.client.retry.max-attempts=3", "honeyhive.client.retry.initial-interval=50ms",
					"honeyhive.client.retry.max-interval=200ms", "honeyhive.client.retry.max-elapsed-time=5s",
					"honeyhive.publisher.max-batch-size=20", "honeyhive.publisher.schedule-delay=50ms",
					"honeyhive.publisher.export-timeout=20s", "honeyhive.publisher.max-queue-size=400",
					"honeyhive.publisher.shutdown-timeout=" + SHUTDOWN_TIMEOUT.toMillis() + "ms")
			.run((context) -> {
				Agent agent = context.getBean(Agent.class);
				HoneyHiveTracer tracer = context.getBean(HoneyHiveTracer.class);
				producedRef.set(context.getBean(Produced.class));
				registryRef.set(context.getBean(MeterRegistry.class));
				AtomicReference<Throwable> failure = new AtomicReference<>();
				CountDownLatch busy = new CountDownLatch(200);
				for (int p = 0; p < 4; p++) {
					int producer = p;
					AtomicLong call = new AtomicLong();
					this.producers.scheduleAtFixedRate(() -> {
						try {
							long n = call.incrementAndGet();
							if (n % 2 == 0) {
								try (SessionScope session = tracer.startSession("conversation")) {
									agent.answer("p" + producer + "-" + n);
								}
							}
							else {
								agent.answer("p" + producer + "-" + n);
							}
							busy.countDown();
						}
						catch (Throwable ex) {
							failure.compareAndSet(null, ex);
						}
					}, producer, 5, TimeUnit.MILLISECONDS);
				}
				assertThat(busy.await(30, TimeUnit.SECONDS)).isTrue();
				long start = System.nanoTime();
				context.close();
				closeMillis.set(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
				// Threads of the application still trace calls after the close
				assertThat(ContextThreads.liveHoneyHiveThreads()).isEmpty();
				this.producers.shutdown();
				assertThat(this.producers.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
				assertThat(failure.get()).isNull();
			}));
		Produced produced = producedRef.get();
		MeterRegistry registry = registryRef.get();
		long records = produced.events.size() + 2L * produced.sessions.size();
		double exported = ReliabilityContexts.exported(registry);
		double dropped = ReliabilityContexts.dropped(registry);
		System.out.printf("shutdown: %d records; exported %.0f, dropped %.0f [%s]; stored %d; close %d ms%n", records,
				exported, dropped, ReliabilityContexts.droppedByReason(registry), this.server.stored.size(),
				closeMillis.get());
		assertThat(exported + dropped).as("exported + dropped").isEqualTo((double) records);
		assertThat(registry.find(ReliabilityContexts.EVENTS)
			.tag("reason", DropReason.SHUTDOWN.tagValue())
			.counter()
			.count()).as("dropped at shutdown").isPositive();
		assertThat(exported).isLessThanOrEqualTo(this.server.stored.size());
		assertThat((double) (records - this.server.stored.size())).isLessThanOrEqualTo(dropped);
		assertThat(closeMillis.get()).isLessThan(SHUTDOWN_TIMEOUT.plusSeconds(5).toMillis());
	}

}
