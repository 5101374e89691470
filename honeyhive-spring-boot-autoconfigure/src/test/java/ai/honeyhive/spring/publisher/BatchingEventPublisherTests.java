package ai.honeyhive.spring.publisher;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import ai.honeyhive.spring.client.CreateEventBatchResponse;
import ai.honeyhive.spring.client.CreateEventRequest;
import ai.honeyhive.spring.client.EventsClient;
import ai.honeyhive.spring.client.EventType;
import ai.honeyhive.spring.client.HoneyHiveApiException;
import ai.honeyhive.spring.client.HoneyHiveConfigurationException;
import ai.honeyhive.spring.client.HoneyHivePartialBatchException;
import ai.honeyhive.spring.client.HoneyHiveTransportException;
import ai.honeyhive.spring.client.SessionStartRequest;
import ai.honeyhive.spring.client.UpdateEventRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link BatchingEventPublisher} against a fake client.
 */
@Timeout(30)
class BatchingEventPublisherTests {

	@RegisterExtension
	final PublisherFixture fixture = new PublisherFixture();

	private final FakeEventsClient client = this.fixture.client;

	private final RecordingMetrics metrics = this.fixture.metrics;

	private BatchingEventPublisherBuilder builder() {
		return this.fixture.builder();
	}

	private BatchingEventPublisher start(BatchingEventPublisherBuilder builder) {
		return this.fixture.start(builder);
	}

	static CreateEventRequest event(String id) {
		return CreateEventRequest.builder()
			.eventId(id)
			.sessionId("s-1")
			.eventName("call-" + id)
			.inputs(Map.of("question", "what is " + id))
			.build();
	}

	private static List<String> ids(String prefix, int count) {
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			ids.add(prefix + i);
		}
		return ids;
	}

	@Test
	void shouldExportWhenBatchIsFull() {
		BatchingEventPublisher publisher = start(builder().maxBatchSize(5));
		ids("e", 5).forEach((id) -> publisher.publish(event(id)));
		await().untilAsserted(() -> assertThat(this.client.batches).hasSize(1));
		assertThat(FakeEventsClient.ids(this.client.batches.get(0))).containsExactlyElementsOf(ids("e", 5));
		assertThat(this.client.batches.get(0).isSingleSession()).isFalse();
		await().untilAsserted(() -> assertThat(this.metrics.exported).hasValue(5));
	}

	@Test
	void shouldNotExportBeforeTheBatchIsFullOrTheDelayHasPassed() {
		BatchingEventPublisher publisher = start(builder().maxBatchSize(5));
		ids("e", 4).forEach((id) -> publisher.publish(event(id)));
		// the worker has a whole second to send too early
		await().during(Duration.ofSeconds(1))
			.atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(this.client.calls).isEmpty());
		assertThat(publisher.getStatus().queueSize()).isEqualTo(4);
		publisher.publish(event("e4"));
		await().untilAsserted(() -> assertThat(this.client.calls).containsExactly("batch:e0,e1,e2,e3,e4"));
	}

	@Test
	void shouldExportAfterTheScheduleDelay() {
		BatchingEventPublisher publisher = start(builder().maxBatchSize(100).scheduleDelay(Duration.ofMillis(50)));
		publisher.publish(event("a"));
		publisher.publish(event("b"));
		await().untilAsserted(() -> assertThat(this.client.deliveredEventIds()).containsExactly("a", "b"));
	}

	@Test
	void flushShouldSendEverythingAndReportSuccess() {
		BatchingEventPublisher publisher = start(builder());
		ids("e", 10).forEach((id) -> publisher.publish(event(id)));
		assertThat(publisher.flush(Duration.ofSeconds(10))).isTrue();
		assertThat(this.client.deliveredEventIds()).containsExactlyElementsOf(ids("e", 10));
		assertThat(publisher.getStatus().queueSize()).isZero();
	}

	@Test
	void flushWithNothingQueuedShouldReturnTrueAtOnce() {
		BatchingEventPublisher publisher = start(builder());
		assertThat(publisher.flush(Duration.ofMillis(1))).isTrue();
	}

	@Test
	void flushShouldReportFalseWhenEventsWereRejected() {
		this.client.batchHandler = (batch) -> {
			throw new HoneyHiveApiException(400, "bad", "invalid event", null, null);
		};
		BatchingEventPublisher publisher = start(builder());
		publisher.publish(event("a"));
		assertThat(publisher.flush(Duration.ofSeconds(10))).isFalse();
		assertThat(this.metrics.dropped(DropReason.REJECTED)).isEqualTo(1);
	}

	@Test
	void flushShouldReportFalseWhenItTimesOut() throws Exception {
		CountDownLatch entered = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		this.client.beforeEachCall = () -> {
			entered.countDown();
			awaitQuietly(release);
		};
		BatchingEventPublisher publisher = start(builder());
		publisher.publish(event("a"));
		assertThat(publisher.flush(Duration.ofMillis(50))).isFalse();
		assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
		release.countDown();
		assertThat(publisher.flush(Duration.ofSeconds(10))).isTrue();
	}

	@Test
	void closeShouldDrainEveryQueuedEvent() {
		BatchingEventPublisher publisher = start(builder().maxBatchSize(7));
		ids("e", 100).forEach((id) -> publisher.publish(event(id)));
		publisher.close();
		// Several calls overlap: every event once, in any order
		assertThat(this.client.deliveredEventIds()).containsExactlyInAnyOrderElementsOf(ids("e", 100));
		assertThat(this.metrics.exported).hasValue(100);
		assertThat(this.metrics.totalDropped()).isZero();
	}

	@Test
	void closeShouldBeIdempotent() {
		BatchingEventPublisher publisher = start(builder());
		publisher.publish(event("a"));
		publisher.close();
		publisher.close();
		assertThat(this.client.deliveredEventIds()).containsExactly("a");
		assertThat(this.metrics.totalDropped()).isZero();
	}

	@Test
	void publishAfterCloseShouldBeDroppedWithReasonShutdown() {
		BatchingEventPublisher publisher = start(builder());
		publisher.close();
		assertThat(publisher.publish(event("late"))).isFalse();
		assertThat(publisher.update(UpdateEventRequest.builder("late").build())).isFalse();
		assertThat(this.metrics.dropped(DropReason.SHUTDOWN)).isEqualTo(2);
		assertThat(this.client.calls).isEmpty();
	}

	@Test
	void closeShouldStopWithinTheShutdownTimeoutAndCountWhatIsLeft() throws Exception {
		CountDownLatch entered = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		this.client.beforeEachCall = () -> {
			entered.countDown();
			awaitQuietly(release);
		};
		BatchingEventPublisher publisher = start(
				builder().maxBatchSize(1).maxConcurrentExports(1).shutdownTimeout(Duration.ofMillis(200)));
		publisher.publish(event("in-flight"));
		assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
		ids("e", 5).forEach((id) -> publisher.publish(event(id)));
		publisher.close();
		assertThat(this.metrics.dropped(DropReason.SHUTDOWN)).isEqualTo(5);
		release.countDown();
	}

	@Test
	void shouldDropAndCountExactlyTheOverflowWhenTheQueueIsFull() throws Exception {
		CountDownLatch entered = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		this.client.beforeEachCall = () -> {
			entered.countDown();
			awaitQuietly(release);
		};
		BatchingEventPublisher publisher = start(builder().maxQueueSize(10).maxBatchSize(1).maxConcurrentExports(1));
		publisher.publish(event("first"));
		assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
		int accepted = 0;
		for (String id : ids("e", 15)) {
			accepted += publisher.publish(event(id)) ? 1 : 0;
		}
		assertThat(accepted).isEqualTo(10);
		assertThat(this.metrics.dropped(DropReason.QUEUE_FULL)).isEqualTo(5);
		release.countDown();
		assertThat(publisher.flush(Duration.ofSeconds(10))).isTrue();
		List<String> expected = new ArrayList<>(List.of("first"));
		expected.addAll(ids("e", 10));
		assertThat(this.client.deliveredEventIds()).containsExactlyElementsOf(expected);
	}

	@Test
	void shouldDropWhenTheQueuedBytesWouldExceedTheBound() {
		long oneEvent = SizeEstimator.estimate(event("e0"));
		BatchingEventPublisher publisher = start(builder().maxQueueBytes(oneEvent * 3 + oneEvent / 2));
		int accepted = 0;
		for (String id : ids("e", 5)) {
			accepted += publisher.publish(event(id)) ? 1 : 0;
		}
		assertThat(accepted).isEqualTo(3);
		assertThat(this.metrics.dropped(DropReason.QUEUE_FULL)).isEqualTo(2);
		assertThat(publisher.getStatus().queueBytes()).isEqualTo(oneEvent * 3);
	}

	@Test
	void publishShouldReturnWhileTheWorkerIsBlockedOnTheNetwork() throws Exception {
		CountDownLatch entered = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		this.client.beforeEachCall = () -> {
			entered.countDown();
			awaitQuietly(release);
		};
		BatchingEventPublisher publisher = start(builder().maxBatchSize(1));
		publisher.publish(event("a"));
		assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
		// The worker is stuck in a call; the caller's hand-over must still complete
		for (String id : ids("e", 100)) {
			assertThat(publisher.publish(event(id))).isTrue();
		}
		assertThat(release.getCount()).isOne();
		release.countDown();
		assertThat(publisher.flush(Duration.ofSeconds(10))).isTrue();
	}

	@Test
	void shouldSendASessionInTheBatchOfItsEventsWithQueuedUpdatesMerged() {
		BatchingEventPublisher publisher = start(builder());
		publisher.startSession(SessionStartRequest.builder().sessionId("s-1").sessionName("chat").build());
		publisher.publish(event("a"));
		publisher.update(UpdateEventRequest.builder("a").metadata(Map.of("k", "v")).build());
		publisher.publish(event("b"));
		publisher.update(UpdateEventRequest.builder("s-1").endTime(5L).duration(5.0).build());
		assertThat(publisher.flush(Duration.ofSeconds(10))).isTrue();
		assertThat(this.client.calls).containsExactly("batch:s-1,a,b");
		CreateEventRequest session = this.client.batches.get(0).events().get(0);
		assertThat(session.eventType()).isEqualTo(EventType.SESSION);
		assertThat(session.eventName()).isEqualTo("chat");
		assertThat(session.duration()).isEqualTo(5.0);
		assertThat(this.client.batches.get(0).events().get(1).metadata()).containsEntry("k", "v");
		assertThat(this.metrics.exported).hasValue(5);
	}

	@Test
	void withTheStartEndpointASessionIsStartedBeforeItsEventsAndItsEndIsMergedIntoTheStart() {
		BatchingEventPublisher publisher = start(builder().sessionTransport(SessionTransport.START_ENDPOINT));
		publisher.startSession(SessionStartRequest.builder().sessionId("s-1").sessionName("chat").build());
		publisher.publish(event("a"));
		publisher.publish(event("b"));
		publisher.update(UpdateEventRequest.builder("s-1").endTime(5L).duration(5.0).build());
		assertThat(publisher.flush(Duration.ofSeconds(10))).isTrue();
		assertThat(this.client.calls).containsExactly("session:s-1", "batch:a,b");
		assertThat(this.metrics.exported).hasValue(4);
	}

	@Test
	void shouldMergeAnUpdateOfAQueuedEventIntoIt() {
		BatchingEventPublisher publisher = start(builder());
		publisher.publish(event("a"));
		EventsClient client = BatchingEventPublisher.eventsClient(this.client, () -> publisher);
		client.updateEvent(UpdateEventRequest.builder("a").outputs(Map.of("answer", "42")).build());
		assertThat(this.client.calls).isEmpty();
		assertThat(publisher.flush(Duration.ofSeconds(10))).isTrue();
		assertThat(this.client.calls).containsExactly("batch:a");
		assertThat(this.client.batches.get(0).events().get(0).outputs()).containsEntry("answer", "42");
	}

	@Test
	void shouldSendAnUpdateOfAnEventBeingSentOnlyAfterItsBatchWasAcknowledged() throws Exception {
		CountDownLatch inCall = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		this.client.batchHandler = (batch) -> {
			inCall.countDown();
			awaitQuietly(release);
			return new CreateEventBatchResponse(FakeEventsClient.ids(batch), null, true);
		};
		BatchingEventPublisher publisher = start(builder().scheduleDelay(Duration.ofMillis(1)));
		EventsClient client = BatchingEventPublisher.eventsClient(this.client, () -> publisher);
		publisher.publish(event("a"));
		assertThat(inCall.await(10, TimeUnit.SECONDS)).isTrue();
		client.updateEvent(UpdateEventRequest.builder("a").outputs(Map.of("answer", "42")).build());
		assertThat(this.client.calls).containsExactly("batch:a");
		release.countDown();
		assertThat(publisher.flush(Duration.ofSeconds(10))).isTrue();
		assertThat(this.client.calls).containsExactly("batch:a", "update:a");
	}

	@Test
	void anUpdateOfAnEventThePublisherDoesNotHoldGoesStraightToTheClient() {
		BatchingEventPublisher publisher = start(builder());
		publisher.publish(event("a"));
		assertThat(publisher.flush(Duration.ofSeconds(10))).isTrue();
		EventsClient client = BatchingEventPublisher.eventsClient(this.client, () -> publisher);
		client.updateEvent(UpdateEventRequest.builder("a").build());
		client.updateEvent(UpdateEventRequest.builder("unknown").build());
		assertThat(this.client.calls).containsExactly("batch:a", "update:a", "update:unknown");
	}

	@Test
	void anUpdateThePublisherCannotTakeIsReportedAsRefused() {
		BatchingEventPublisher publisher = start(builder().maxQueueBytes(4096));
		CreateEventRequest event = event("a");
		publisher.publish(event);
		EventsClient client = BatchingEventPublisher.eventsClient(this.client, () -> publisher);
		UpdateEventRequest large = UpdateEventRequest.builder("a").outputs(Map.of("text", "x".repeat(8192))).build();
		assertThatExceptionOfType(UpdateRefusedException.class).isThrownBy(() -> client.updateEvent(large))
			.satisfies((ex) -> assertThat(ex.getEventId()).isEqualTo("a"));
		assertThat(this.metrics.dropped(DropReason.QUEUE_FULL)).isEqualTo(1);
	}

	@Test
	void shouldGiveAnEventWithoutIdAnIdSoThatResendsCannotDuplicateIt() {
		BatchingEventPublisher publisher = start(builder());
		publisher.publish(CreateEventRequest.builder().sessionId("s-1").eventName("no-id").build());
		assertThat(publisher.flush(Duration.ofSeconds(10))).isTrue();
		assertThat(this.client.deliveredEventIds()).singleElement().asString().hasSize(36);
	}

	@Test
	void shouldRetryRetryableFailuresUntilTheyPass() {
		AtomicInteger calls = new AtomicInteger();
		this.client.batchHandler = (batch) -> {
			int call = calls.incrementAndGet();
			if (call == 1) {
				throw new HoneyHiveApiException(503, null, null, "busy", null);
			}
			if (call == 2) {
				throw new HoneyHiveTransportException("read timed out", true, new RuntimeException());
			}
			if (call == 3) {
				throw new HoneyHiveTransportException("connection refused", false, new RuntimeException());
			}
			return new CreateEventBatchResponse(FakeEventsClient.ids(batch), null, true);
		};
		BatchingEventPublisher publisher = start(builder());
		publisher.publish(event("a"));
		assertThat(publisher.flush(Duration.ofSeconds(10))).isTrue();
		assertThat(this.client.deliveredEventIds()).containsExactly("a");
		assertThat(this.metrics.failures(FailureKind.HTTP_5XX)).isEqualTo(1);
		assertThat(this.metrics.failures(FailureKind.TIMEOUT)).isEqualTo(1);
		assertThat(this.metrics.failures(FailureKind.IO)).isEqualTo(1);
		assertThat(this.metrics.exported).hasValue(1);
	}

	@Test
	void shouldHonourRetryAfter() {
		List<Long> callTimes = new ArrayList<>();
		this.client.batchHandler = (batch) -> {
			callTimes.add(System.nanoTime());
			if (callTimes.size() == 1) {
				throw new HoneyHiveApiException(429, null, "slow down", null, Duration.ofMillis(300));
			}
			return new CreateEventBatchResponse(FakeEventsClient.ids(batch), null, true);
		};
		BatchingEventPublisher publisher = start(builder());
		publisher.publish(event("a"));
		assertThat(publisher.flush(Duration.ofSeconds(10))).isTrue();
		assertThat(callTimes).hasSize(2);
		assertThat(callTimes.get(1) - callTimes.get(0)).isGreaterThanOrEqualTo(Duration.ofMillis(300).toNanos());
	}

	@Test
	void shouldResendOnlyTheEventsAPartiallyCreatedBatchMissed() {
		AtomicInteger calls = new AtomicInteger();
		this.client.batchHandler = (batch) -> {
			if (calls.incrementAndGet() == 1) {
				throw new HoneyHivePartialBatchException(500, List.of("a", "c"), List.of("b failed", "d failed"), "{}");
			}
			return new CreateEventBatchResponse(FakeEventsClient.ids(batch), null, true);
		};
		BatchingEventPublisher publisher = start(builder());
		List.of("a", "b", "c", "d").forEach((id) -> publisher.publish(event(id)));
		assertThat(publisher.flush(Duration.ofSeconds(10))).isTrue();
		assertThat(this.client.calls).containsExactly("batch:a,b,c,d", "batch:b,d");
		assertThat(this.metrics.exported).hasValue(4);
		assertThat(this.metrics.failures(FailureKind.PARTIAL)).isEqualTo(1);
	}

	@Test
	void shouldDropRejectedBatchesWithoutRetrying() {
		this.client.batchHandler = (batch) -> {
			throw new HoneyHiveApiException(401, null, "invalid key", null, null);
		};
		BatchingEventPublisher publisher = start(builder());
		List.of("a", "b").forEach((id) -> publisher.publish(event(id)));
		assertThat(publisher.flush(Duration.ofSeconds(10))).isFalse();
		assertThat(this.client.calls).hasSize(1);
		assertThat(this.metrics.dropped(DropReason.REJECTED)).isEqualTo(2);
		assertThat(this.metrics.failures(FailureKind.HTTP_4XX)).isEqualTo(1);
	}

	@Test
	void shouldGiveUpAfterTheExportTimeout() {
		this.client.batchHandler = (batch) -> {
			throw new HoneyHiveApiException(503, null, "down", null, null);
		};
		BatchingEventPublisher publisher = start(builder().exportTimeout(Duration.ofMillis(100)));
		publisher.publish(event("a"));
		assertThat(publisher.flush(Duration.ofSeconds(10))).isFalse();
		assertThat(this.metrics.dropped(DropReason.RETRIES_EXHAUSTED)).isEqualTo(1);
		assertThat(this.client.calls.size()).isGreaterThan(1);
	}

	@Test
	void shouldKeepWorkingAfterAnUnexpectedError() {
		AtomicInteger calls = new AtomicInteger();
		this.client.batchHandler = (batch) -> {
			if (calls.incrementAndGet() == 1) {
				throw new StackOverflowError("boom");
			}
			return new CreateEventBatchResponse(FakeEventsClient.ids(batch), null, true);
		};
		BatchingEventPublisher publisher = start(builder());
		publisher.publish(event("a"));
		assertThat(publisher.flush(Duration.ofSeconds(10))).isFalse();
		assertThat(this.metrics.dropped(DropReason.ERROR)).isEqualTo(1);
		publisher.publish(event("b"));
		assertThat(publisher.flush(Duration.ofSeconds(10))).isTrue();
		assertThat(this.client.deliveredEventIds()).containsExactly("b");
	}

	@Test
	void shouldCountEventsAsNoApiKeyAndSendNothingWithoutAKey() {
		BatchingEventPublisher publisher = start(builder().sending(false));
		assertThat(publisher.publish(event("a"))).isFalse();
		assertThat(publisher.startSession(SessionStartRequest.builder().sessionId("s").build())).isFalse();
		assertThat(this.metrics.dropped(DropReason.NO_API_KEY)).isEqualTo(2);
		assertThat(publisher.getStatus().sending()).isFalse();
		publisher.close();
		assertThat(this.client.calls).isEmpty();
	}

	@Test
	void shouldCountAConfigurationErrorOfTheClientAsNoApiKey() {
		this.client.batchHandler = (batch) -> {
			throw new HoneyHiveConfigurationException("No HoneyHive API key is configured");
		};
		BatchingEventPublisher publisher = start(builder());
		publisher.publish(event("a"));
		assertThat(publisher.flush(Duration.ofSeconds(10))).isFalse();
		assertThat(this.metrics.dropped(DropReason.NO_API_KEY)).isEqualTo(1);
	}

	@Test
	void statusShouldReportTheRunningFailure() {
		AtomicInteger calls = new AtomicInteger();
		this.client.batchHandler = (batch) -> {
			if (calls.incrementAndGet() <= 3) {
				throw new HoneyHiveApiException(502, null, null, "<html>bad gateway</html>", null);
			}
			return new CreateEventBatchResponse(FakeEventsClient.ids(batch), null, true);
		};
		BatchingEventPublisher publisher = start(builder().retryBackoff(Duration.ofHours(1), 1, Duration.ofHours(1))
			.exportTimeout(Duration.ofHours(2))
			.scheduleDelay(Duration.ofMillis(10)));
		publisher.publish(event("a"));
		await().untilAsserted(() -> assertThat(publisher.getStatus().consecutiveFailures()).isEqualTo(1));
		PublisherStatus failing = publisher.getStatus();
		assertThat(failing.lastError()).contains("502");
		assertThat(failing.failingSince()).isNotNull();
		assertThat(failing.sending()).isTrue();
	}

	@Test
	void statusShouldReportSuccess() {
		BatchingEventPublisher publisher = start(builder());
		publisher.publish(event("a"));
		assertThat(publisher.flush(Duration.ofSeconds(10))).isTrue();
		PublisherStatus status = publisher.getStatus();
		assertThat(status.consecutiveFailures()).isZero();
		assertThat(status.lastSuccessTime()).isNotNull();
		assertThat(status.queueCapacity()).isEqualTo(8192);
		assertThat(status.queueBytesCapacity()).isEqualTo(32L * 1024 * 1024);
	}

	@Test
	void workerThreadShouldBeANamedDaemon() {
		start(builder());
		Thread worker = Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.getName().startsWith(BatchingEventPublisher.THREAD_NAME + "-"))
			.findFirst()
			.orElseThrow();
		assertThat(worker.isDaemon()).isTrue();
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await(20, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
