package ai.honeyhive.spring.publisher;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.json.JsonMapper;

import ai.honeyhive.spring.client.CreateEventRequest;
import ai.honeyhive.spring.client.SessionStartRequest;
import ai.honeyhive.spring.client.UpdateEventRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The publisher's bounds, measured from outside: queued bytes against sizes measured on
 * the wire, and the time {@code flush} and {@code close} may take.
 */
@Timeout(60)
class PublisherBoundsTests {

	private static final int KB = 1024;

	private static final JsonMapper json = JsonMapper.builder().build();

	@RegisterExtension
	final PublisherFixture fixture = new PublisherFixture();

	private final FakeEventsClient client = this.fixture.client;

	private final RecordingMetrics metrics = this.fixture.metrics;

	private BatchingEventPublisher start(BatchingEventPublisherBuilder builder) {
		return this.fixture
			.start(builder.metrics(this.metrics).retryBackoff(Duration.ofMillis(5), 2.0, Duration.ofMillis(20)));
	}

	private static CreateEventRequest heavyEvent(String id) {
		return CreateEventRequest.builder()
			.eventId(id)
			.sessionId("s-1")
			.eventName("chat")
			.inputs(Map.of("prompt", "p".repeat(100 * KB)))
			.build();
	}

	private static long wireSize(Object record) {
		return json.writeValueAsBytes(record).length;
	}

	@Test
	void queuedBytesAreReleasedOnceRecordsLeaveSoTheBoundNeverFillsForGood() {
		// a 1 MB bound holds ten events of 100 KB measured on the wire, not eleven
		assertThat(wireSize(heavyEvent("e"))).isBetween(100L * KB, 101L * KB);
		BatchingEventPublisher publisher = start(BatchingEventPublisher.builder(this.client)
			.scheduleDelay(Duration.ofHours(1))
			.maxBatchSize(100)
			.maxQueueBytes(1024L * KB));
		int accepted = 0;
		for (int i = 0; i < 12; i++) {
			accepted += publisher.publish(heavyEvent("first-" + i)) ? 1 : 0;
		}
		assertThat(accepted).isEqualTo(10);
		// 30 rounds move 30 MB through a 1 MB bound
		for (int round = 0; round < 30; round++) {
			assertThat(publisher.flush(Duration.ofSeconds(10))).isTrue();
			assertThat(publisher.getStatus().queueBytes()).as("bytes queued after round %d", round).isZero();
			for (int i = 0; i < 10; i++) {
				assertThat(publisher.publish(heavyEvent("r" + round + "-" + i))).as("round %d, event %d", round, i)
					.isTrue();
			}
		}
		assertThat(publisher.flush(Duration.ofSeconds(10))).isTrue();
		assertThat(this.metrics.exported).hasValue(310);
		assertThat(this.metrics.dropped(DropReason.QUEUE_FULL)).isEqualTo(2);
	}

	@Test
	void theSizeEstimateCountsWhatMakesRecordsHeavy() {
		String text = "x".repeat(50 * KB);
		List<Object> heavy = List.of(CreateEventRequest.builder().eventId("i").inputs(Map.of("prompt", text)).build(),
				CreateEventRequest.builder().eventId("o").outputs(Map.of("content", text)).build(),
				CreateEventRequest.builder()
					.eventId("c")
					.inputs(Map.of("chat_history",
							List.of(Map.of("role", "system", "content", text.substring(25 * KB)),
									Map.of("role", "user", "content", text.substring(25 * KB)))))
					.build(),
				CreateEventRequest.builder().eventId("t").config(Map.of("template", text)).build(),
				CreateEventRequest.builder().eventId("m").metadata(Map.of("notes", text)).build(),
				CreateEventRequest.builder().eventId("e").error(text).build(),
				UpdateEventRequest.builder("u").outputs(Map.of("content", text)).build(),
				UpdateEventRequest.builder("v").metadata(Map.of("notes", text)).build(),
				SessionStartRequest.builder().sessionId("s").inputs(Map.of("question", text)).build(),
				SessionStartRequest.builder().sessionId("r").outputs(Map.of("answer", text)).build());
		for (Object record : heavy) {
			long measured = wireSize(record);
			assertThat(SizeEstimator.estimate(record)).as("estimate of %s measuring %d bytes", record, measured)
				.isBetween(measured * 9 / 10, measured * 3 / 2);
		}
	}

	@Test
	void flushReturnsWithinItsTimeoutWhileACallIsStuck() throws Exception {
		CountDownLatch entered = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		this.client.beforeEachCall = () -> {
			entered.countDown();
			awaitIgnoringInterrupts(release);
		};
		BatchingEventPublisher publisher = start(
				BatchingEventPublisher.builder(this.client).scheduleDelay(Duration.ofMillis(1)));
		publisher.publish(heavyEvent("a"));
		assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
		long start = System.nanoTime();
		assertThat(publisher.flush(Duration.ofMillis(300))).isFalse();
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(250),
				Duration.ofSeconds(3));
		release.countDown();
		assertThat(publisher.flush(Duration.ofSeconds(10))).isTrue();
	}

	@Test
	void closeGivesUpAfterTheShutdownTimeoutAndTheRecordsOfACallStillStuckAreCountedWhenItEnds() throws Exception {
		CountDownLatch entered = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		this.client.beforeEachCall = () -> {
			entered.countDown();
			awaitIgnoringInterrupts(release);
		};
		BatchingEventPublisher publisher = start(BatchingEventPublisher.builder(this.client)
			.scheduleDelay(Duration.ofHours(1))
			.maxBatchSize(2)
			.maxConcurrentExports(1)
			.shutdownTimeout(Duration.ofMillis(300)));
		publisher.publish(heavyEvent("stuck-1"));
		publisher.publish(heavyEvent("stuck-2"));
		assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
		for (int i = 0; i < 5; i++) {
			publisher.publish(heavyEvent("queued-" + i));
		}
		long start = System.nanoTime();
		publisher.close();
		// the shutdown timeout, then at most the one-second grace for the interrupted
		// senders
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(250),
				Duration.ofSeconds(3));
		assertThat(this.metrics.dropped(DropReason.SHUTDOWN)).isEqualTo(5);
		assertThat(this.metrics.exported).hasValue(0);
		release.countDown();
		// the stuck call ends after the close; its two records are counted once
		await().untilAsserted(() -> assertThat(this.metrics.exported.get() + this.metrics.totalDropped()).isEqualTo(7));
		assertThat(this.metrics.exported).hasValue(2);
		assertThat(this.client.deliveredEventIds()).containsExactly("stuck-1", "stuck-2");
	}

	private static void awaitIgnoringInterrupts(CountDownLatch latch) {
		boolean interrupted = false;
		try {
			while (true) {
				try {
					if (latch.await(20, TimeUnit.SECONDS)) {
						return;
					}
					return;
				}
				catch (InterruptedException ex) {
					interrupted = true;
				}
			}
		}
		finally {
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
		}
	}

}
