package ai.honeyhive.spring.reliability;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import ai.honeyhive.spring.publisher.BatchingEventPublisher;
import ai.honeyhive.spring.publisher.DropReason;
import ai.honeyhive.spring.reliability.TracedServices.Agent;
import ai.honeyhive.spring.reliability.TracedServices.Produced;
import ai.honeyhive.spring.testserver.HoneyHiveTestServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The context is closed while producers are still tracing calls and a backlog waits: the
 * publisher delivers what fits in its shutdown timeout and counts the rest, the close is
 * bounded and leaves no thread behind.
 */
@Timeout(60)
class ShutdownUnderLoadTests {

	private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(3);

	/**
	 * Each call takes at least this long, so two senders of 10 records make at most 26
	 * calls in the shutdown timeout: 260 records, counted as up to 520 (a session's start
	 * and end merged count as two), less than the backlog; on a busy machine fewer, but
	 * one call of 250 ms fits in 3 s.
	 */
	private static final Duration LATENCY = Duration.ofMillis(250);

	private static final int MAX_BATCH_SIZE = 10;

	private static final int MAX_CONCURRENT_EXPORTS = 2;

	private static final int BACKLOG = 1000;

	private final HoneyHiveTestServer server;

	ShutdownUnderLoadTests() throws Exception {
		this.server = new HoneyHiveTestServer(7L);
	}

	@AfterEach
	void stop() {
		this.server.close();
	}

	@Test
	void shouldDeliverPartOfTheBacklogAndCountTheRestWhenClosedUnderLoadAgainstASlowServer() throws Exception {
		this.server.latency(LATENCY);
		closeUnderLoadWithABacklog(() -> {
		});
	}

	@Test
	void shouldDeliverPartOfAnOutagesBacklogAndCountTheRestWhenClosedUnderLoadAsTheServerComesBack() throws Exception {
		this.server.latency(LATENCY);
		this.server.down(true);
		closeUnderLoadWithABacklog(() -> this.server.down(false));
	}

	@Test
	void shouldStopTheWorkerWhenClosedDuringACallLongerThanTheShutdownTimeout() throws Exception {
		this.server.latency(Duration.ofSeconds(10));
		ContextThreads.run(() -> ReliabilityContexts.runner(this.server.baseUrl())
			.withPropertyValues("honeyhive.client.read-timeout=20s", "honeyhive.publisher.schedule-delay=10ms",
					"honeyhive.publisher.shutdown-timeout=200ms")
			.run((context) -> {
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				context.getBean(Agent.class).answer("q");
				await().atMost(Duration.ofSeconds(10)).until(() -> this.server.totalCalls() > 0);
				long start = System.nanoTime();
				context.close();
				long closeMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
				assertThat(ContextThreads.liveHoneyHiveThreads()).isEmpty();
				assertThat(closeMillis).isLessThan(5_000);
				// The session with its end merged in, and four events
				assertThat(ReliabilityContexts.dropped(registry, DropReason.SHUTDOWN)).isEqualTo(6);
				assertThat(ReliabilityContexts.exported(registry)).isZero();
			}));
	}

	private void closeUnderLoadWithABacklog(Runnable beforeClose) throws Exception {
		ContextThreads.run(() -> ReliabilityContexts.runner(this.server.baseUrl())
			.withPropertyValues("honeyhive.client.read-timeout=10s", "honeyhive.client.connect-timeout=2s",
					"honeyhive.client.retry.initial-interval=50ms", "honeyhive.client.retry.max-interval=200ms",
					"honeyhive.publisher.max-batch-size=" + MAX_BATCH_SIZE,
					"honeyhive.publisher.max-concurrent-exports=" + MAX_CONCURRENT_EXPORTS,
					"honeyhive.publisher.schedule-delay=20ms", "honeyhive.publisher.export-timeout=30s",
					"honeyhive.publisher.max-queue-size=" + 2 * BACKLOG,
					"honeyhive.publisher.shutdown-timeout=" + SHUTDOWN_TIMEOUT.toMillis() + "ms")
			.run((context) -> {
				BatchingEventPublisher publisher = context.getBean(BatchingEventPublisher.class);
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				Produced produced = context.getBean(Produced.class);
				double exportedBefore;
				int backlog;
				long closeMillis;
				try (TracedLoad load = TracedLoad.start(context, 4, Duration.ofMillis(10), () -> {
				})) {
					await().atMost(Duration.ofSeconds(30)).until(() -> publisher.getStatus().queueSize() >= BACKLOG);
					beforeClose.run();
					exportedBefore = ReliabilityContexts.exported(registry);
					backlog = publisher.getStatus().queueSize();
					long start = System.nanoTime();
					context.close();
					closeMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
					assertThat(ContextThreads.liveHoneyHiveThreads()).as("threads after the close").isEmpty();
					// Calls traced after the close are counted too
					load.awaitMoreCalls(8);
					load.stop();
				}
				long handedOver = ReliabilityContexts.handedOver(produced);
				double exported = ReliabilityContexts.exported(registry);
				double dropped = ReliabilityContexts.dropped(registry);
				long stored = ReliabilityContexts.storedRecords(this.server, produced);
				double deliveredAtClose = exported - exportedBefore;
				System.out.printf(
						"shutdown: %d records handed over; backlog %d at the close, %.0f delivered during it;"
								+ " exported %.0f, dropped %.0f [%s]; stored %d; close %d ms%n",
						handedOver, backlog, deliveredAtClose, exported, dropped,
						ReliabilityContexts.droppedByReason(registry), stored, closeMillis);

				assertThat(exported + dropped).as("exported + dropped").isEqualTo((double) handedOver);
				assertThat(deliveredAtClose).as("delivered during the close").isPositive().isLessThan(backlog);
				assertThat(ReliabilityContexts.dropped(registry, DropReason.SHUTDOWN)).as("dropped at shutdown")
					.isPositive();
				assertThat(closeMillis).as("close").isLessThan(SHUTDOWN_TIMEOUT.plusSeconds(5).toMillis());
				// Every exported record is on the server, once; a record may be stored
				// without being exported only if its call was cut short by the close
				assertThat(this.server.storedCounts().values()).allMatch((times) -> times == 1);
				assertThat((double) stored).as("stored").isGreaterThanOrEqualTo(exported);
				assertThat(stored - exported).as("stored but counted as dropped")
					.isLessThanOrEqualTo(2.0 * MAX_CONCURRENT_EXPORTS * MAX_BATCH_SIZE);
			}));
	}

}
