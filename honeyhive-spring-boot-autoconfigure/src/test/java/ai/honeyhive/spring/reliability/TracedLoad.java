package ai.honeyhive.spring.reliability;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import ai.honeyhive.spring.reliability.TracedServices.Agent;
import ai.honeyhive.spring.tracing.HoneyHiveTracer;
import ai.honeyhive.spring.tracing.SessionScope;

import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Producer threads of the application tracing calls of the {@link TracedServices} at a
 * steady pace, every other call in a session of its own and the others each in an
 * implicit session; they go on after the context closed, until stopped.
 */
final class TracedLoad implements AutoCloseable {

	private final ScheduledExecutorService producers;

	private final AtomicReference<Throwable> failure = new AtomicReference<>();

	private final AtomicLong calls = new AtomicLong();

	private TracedLoad(int producers) {
		AtomicInteger threads = new AtomicInteger();
		this.producers = Executors.newScheduledThreadPool(producers,
				(runnable) -> new Thread(runnable, "load-" + threads.incrementAndGet()));
	}

	/**
	 * Start the producers.
	 * @param afterEachCall run by a producer after each call
	 */
	static TracedLoad start(ApplicationContext context, int producers, Duration period, Runnable afterEachCall) {
		TracedLoad load = new TracedLoad(producers);
		Agent agent = context.getBean(Agent.class);
		HoneyHiveTracer tracer = context.getBean(HoneyHiveTracer.class);
		long periodNanos = period.toNanos();
		for (int p = 0; p < producers; p++) {
			int producer = p;
			AtomicLong call = new AtomicLong();
			load.producers.scheduleAtFixedRate(() -> {
				try {
					long n = call.incrementAndGet();
					String question = "p" + producer + "-q" + n;
					if (n % 2 == 0) {
						try (SessionScope session = tracer.startSession("conversation")) {
							assertThat(agent.answer(question)).startsWith("answer(");
						}
					}
					else {
						assertThat(agent.answer(question)).startsWith("answer(");
					}
					load.calls.incrementAndGet();
					afterEachCall.run();
				}
				catch (Throwable ex) {
					load.failure.compareAndSet(null, ex);
				}
			}, producer * periodNanos / producers, periodNanos, TimeUnit.NANOSECONDS);
		}
		return load;
	}

	/** Wait until the producers made this many more calls. */
	void awaitMoreCalls(long more) {
		long target = this.calls.get() + more;
		await().atMost(Duration.ofSeconds(30)).until(() -> this.calls.get() >= target || this.failure.get() != null);
		assertThat(this.failure.get()).as("producer failure").isNull();
	}

	/**
	 * Stop the producers and wait for their last calls to end.
	 */
	void stop() throws InterruptedException {
		this.producers.shutdown();
		assertThat(this.producers.awaitTermination(10, TimeUnit.SECONDS)).as("producers stopped").isTrue();
		assertThat(this.failure.get()).as("producer failure").isNull();
	}

	@Override
	public void close() {
		this.producers.shutdownNow();
	}

}
