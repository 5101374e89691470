package ai.honeyhive.spring.publisher;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import ai.honeyhive.spring.client.CreateEventBatchResponse;
import ai.honeyhive.spring.client.CreateEventRequest;
import ai.honeyhive.spring.client.EventType;
import ai.honeyhive.spring.client.HoneyHiveApiException;
import ai.honeyhive.spring.client.SessionStartRequest;
import ai.honeyhive.spring.client.UpdateEventRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for how {@link BatchingEventPublisher} keeps up with a real network: calls in
 * parallel with ordering kept, bad records found without losing their batch, the server's
 * pauses honoured, the session transport fallback, and a publisher that stops and starts.
 */
@Timeout(60)
class PublisherDeliveryTests {

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

	private static CreateEventRequest event(String id, String sessionId) {
		return CreateEventRequest.builder()
			.eventId(id)
			.sessionId(sessionId)
			.eventName("call-" + id)
			.inputs(Map.of("question", "what is " + id))
			.build();
	}

	private static SessionStartRequest session(String id) {
		return SessionStartRequest.builder().sessionId(id).sessionName("chat").startTime(1000L).build();
	}

	private static boolean contains(List<CreateEventRequest> events, String id) {
		return events.stream().anyMatch((event) -> id.equals(event.eventId()));
	}

	@Test
	void callsOverlapUpToMaxConcurrentExports() throws Exception {
		CountDownLatch allInFlight = new CountDownLatch(3);
		AtomicInteger concurrent = new AtomicInteger();
		AtomicInteger maxConcurrent = new AtomicInteger();
		this.client.batchHandler = (batch) -> {
			maxConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
			allInFlight.countDown();
			try {
				allInFlight.await(10, TimeUnit.SECONDS);
				return new CreateEventBatchResponse(FakeEventsClient.ids(batch), null, true);
			}
			catch (InterruptedException ex) {
				throw new IllegalStateException(ex);
			}
			finally {
				concurrent.decrementAndGet();
			}
		};
		BatchingEventPublisher publisher = start(builder().maxBatchSize(2).maxConcurrentExports(3));
		for (int i = 0; i < 6; i++) {
			publisher.publish(event("e" + i, "s-" + i));
		}
		assertThat(publisher.flush(Duration.ofSeconds(20))).isTrue();
		assertThat(maxConcurrent).hasValue(3);
		assertThat(this.metrics.exported).hasValue(6);
	}

	@Test
	void eventsNeverLeaveBeforeTheBatchCarryingTheirSessionWasAcknowledged() throws Exception {
		AtomicBoolean sessionAcknowledged = new AtomicBoolean();
		AtomicBoolean eventsAheadOfSession = new AtomicBoolean();
		CountDownLatch laterBatchArrived = new CountDownLatch(1);
		this.client.batchHandler = (batch) -> {
			if (contains(batch.events(), "s-1")) {
				try {
					// Hold the session's batch: a later batch of its events must not come
					laterBatchArrived.await(300, TimeUnit.MILLISECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				sessionAcknowledged.set(true);
			}
			else {
				if (!sessionAcknowledged.get()) {
					eventsAheadOfSession.set(true);
				}
				laterBatchArrived.countDown();
			}
			return new CreateEventBatchResponse(FakeEventsClient.ids(batch), null, true);
		};
		BatchingEventPublisher publisher = start(builder().maxBatchSize(2).maxConcurrentExports(4));
		publisher.startSession(session("s-1"));
		for (int i = 0; i < 5; i++) {
			publisher.publish(event("e" + i, "s-1"));
		}
		assertThat(publisher.flush(Duration.ofSeconds(20))).isTrue();
		assertThat(eventsAheadOfSession).isFalse();
		assertThat(this.client.deliveredEventIds()).containsExactlyInAnyOrder("s-1", "e0", "e1", "e2", "e3", "e4");
	}

	@Test
	void aBatchWithOneInvalidEventLandsTheOthersAndCountsOneRejected() {
		this.client.batchHandler = (batch) -> {
			if (contains(batch.events(), "bad")) {
				throw new HoneyHiveApiException(400, null, "event 'bad': inputs must be an object", null, null);
			}
			return new CreateEventBatchResponse(FakeEventsClient.ids(batch), null, true);
		};
		BatchingEventPublisher publisher = start(builder());
		List.of("a", "b", "bad", "c", "d").forEach((id) -> publisher.publish(event(id, "s-1")));
		assertThat(publisher.flush(Duration.ofSeconds(10))).isFalse();
		assertThat(this.client.deliveredEventIds()).containsExactlyInAnyOrder("a", "b", "c", "d");
		assertThat(this.metrics.dropped(DropReason.REJECTED)).isEqualTo(1);
		assertThat(this.metrics.exported).hasValue(4);
	}

	@Test
	void aPartialAnswerWithValidationErrorsIsNarrowedDownToTheBadRecord() {
		this.client.batchHandler = (batch) -> {
			List<String> ids = FakeEventsClient.ids(batch);
			if (ids.contains("bad")) {
				List<String> created = ids.stream().filter((id) -> !id.equals("bad")).toList();
				throw new ai.honeyhive.spring.client.HoneyHivePartialBatchException(500, created,
						List.of("event bad: 'event_type' is required"), "{}");
			}
			return new CreateEventBatchResponse(ids, null, true);
		};
		BatchingEventPublisher publisher = start(builder());
		List.of("a", "bad", "c").forEach((id) -> publisher.publish(event(id, "s-1")));
		assertThat(publisher.flush(Duration.ofSeconds(10))).isFalse();
		assertThat(this.metrics.dropped(DropReason.REJECTED)).isEqualTo(1);
		assertThat(this.metrics.exported).hasValue(2);
		assertThat(this.client.calls).containsExactly("batch:a,bad,c", "batch:bad");
	}

	@Test
	void aRecordThatCannotBeWrittenIsDroppedAloneWithReasonError() {
		this.client.batchHandler = (batch) -> {
			if (contains(batch.events(), "unwritable")) {
				throw new IllegalArgumentException("cannot serialize a value of inputs");
			}
			return new CreateEventBatchResponse(FakeEventsClient.ids(batch), null, true);
		};
		BatchingEventPublisher publisher = start(builder());
		List.of("a", "unwritable", "c", "d").forEach((id) -> publisher.publish(event(id, "s-1")));
		assertThat(publisher.flush(Duration.ofSeconds(10))).isFalse();
		assertThat(this.client.deliveredEventIds()).containsExactlyInAnyOrder("a", "c", "d");
		assertThat(this.metrics.dropped(DropReason.ERROR)).isEqualTo(1);
	}

	@Test
	void aRetryAfterLongerThanTheExportTimeoutPausesEveryCallAndDropsNothing() {
		List<Long> callTimes = new ArrayList<>();
		this.client.batchHandler = (batch) -> {
			synchronized (callTimes) {
				callTimes.add(System.nanoTime());
				if (callTimes.size() == 1) {
					throw new HoneyHiveApiException(429, null, "slow down", null, Duration.ofMillis(1500));
				}
			}
			return new CreateEventBatchResponse(FakeEventsClient.ids(batch), null, true);
		};
		BatchingEventPublisher publisher = start(
				builder().exportTimeout(Duration.ofMillis(200)).maxBatchSize(1).maxConcurrentExports(2));
		publisher.publish(event("a", "s-1"));
		// Once the 429 is in, no sender may call before the pause ends
		await().atMost(Duration.ofSeconds(10)).until(() -> publisher.getStatus().consecutiveFailures() == 1);
		publisher.publish(event("b", "s-2"));
		publisher.publish(event("c", "s-3"));
		assertThat(publisher.flush(Duration.ofSeconds(20))).isTrue();
		assertThat(this.metrics.totalDropped()).isZero();
		assertThat(this.client.deliveredEventIds()).containsExactlyInAnyOrder("a", "b", "c");
		synchronized (callTimes) {
			long first = callTimes.get(0);
			// Every call after the 429 waited for the pause, the other sender's too
			assertThat(callTimes.subList(1, callTimes.size())).allSatisfy(
					(time) -> assertThat(time - first).isGreaterThanOrEqualTo(Duration.ofMillis(1400).toNanos()));
		}
	}

	@Test
	void aServerThatRefusesSessionRecordsInBatchesSwitchesToTheStartEndpoint() {
		this.client.batchHandler = (batch) -> {
			if (batch.events().stream().anyMatch((event) -> event.eventType() == EventType.SESSION)) {
				throw new HoneyHiveApiException(400, null, "event_type 'session' is not allowed in a batch", null,
						null);
			}
			return new CreateEventBatchResponse(FakeEventsClient.ids(batch), null, true);
		};
		BatchingEventPublisher publisher = start(builder());
		publisher.startSession(session("s-1"));
		publisher.publish(event("a", "s-1"));
		publisher.update(UpdateEventRequest.builder("s-1").endTime(2000L).duration(1000.0).build());
		assertThat(publisher.flush(Duration.ofSeconds(10))).isTrue();
		assertThat(publisher.getSessionTransport()).isEqualTo(SessionTransport.START_ENDPOINT);
		assertThat(this.client.calls).containsExactly("batch:s-1,a", "session:s-1", "batch:a");
		assertThat(this.metrics.totalDropped()).isZero();
		publisher.startSession(session("s-2"));
		assertThat(publisher.flush(Duration.ofSeconds(10))).isTrue();
		assertThat(this.client.calls).last().isEqualTo("session:s-2");
	}

	@Test
	void aResumedSessionKeepsItsFirstTurnsStartAndInputsAndItsEndCoversEveryTurn() {
		List<SessionStartRequest> starts = new ArrayList<>();
		List<UpdateEventRequest> updates = new ArrayList<>();
		FakeEventsClient recording = new FakeEventsClient() {

			@Override
			public ai.honeyhive.spring.client.StartSessionResponse startSession(SessionStartRequest session) {
				starts.add(session);
				return super.startSession(session);
			}

			@Override
			public void updateEvent(UpdateEventRequest update) {
				updates.add(update);
				super.updateEvent(update);
			}

		};
		BatchingEventPublisher publisher = start(
				BatchingEventPublisher.builder(recording).metrics(this.metrics).scheduleDelay(Duration.ofMillis(1)));
		publisher.resumeSession(SessionStartRequest.builder()
			.sessionId("c-1")
			.startTime(1000L)
			.inputs(Map.of("first", "question"))
			.build());
		assertThat(publisher.flush(Duration.ofSeconds(10))).isTrue();
		publisher.update(UpdateEventRequest.builder("c-1").endTime(1500L).duration(500.0).build());
		publisher.resumeSession(SessionStartRequest.builder()
			.sessionId("c-1")
			.startTime(5000L)
			.inputs(Map.of("second", "question"))
			.build());
		publisher.update(UpdateEventRequest.builder("c-1").endTime(5600L).duration(600.0).build());
		assertThat(publisher.flush(Duration.ofSeconds(10))).isTrue();
		assertThat(starts).hasSize(2);
		assertThat(starts.get(1).startTime()).isEqualTo(1000L);
		assertThat(starts.get(1).inputs()).isNull();
		// Each turn's end is an update (the server's merge of an update keeps what
		// earlier turns set), covering every turn so far
		assertThat(updates).extracting(UpdateEventRequest::duration).containsExactly(500.0, 4600.0);
		assertThat(updates).extracting(UpdateEventRequest::endTime).containsExactly(1500L, 5600L);
		assertThat(recording.calls).containsExactly("session:c-1", "update:c-1", "session:c-1", "update:c-1");
	}

	@Test
	void afterStopStartDeliversAgain() {
		BatchingEventPublisher publisher = start(builder());
		publisher.publish(event("a", "s-1"));
		publisher.close();
		assertThat(publisher.isRunning()).isFalse();
		assertThat(publisher.publish(event("b", "s-1"))).isFalse();
		publisher.start();
		assertThat(publisher.publish(event("c", "s-1"))).isTrue();
		assertThat(publisher.flush(Duration.ofSeconds(10))).isTrue();
		assertThat(this.client.deliveredEventIds()).containsExactly("a", "c");
		assertThat(this.metrics.dropped(DropReason.SHUTDOWN)).isEqualTo(1);
	}

	@Test
	void closeOnAnInterruptedThreadStillDrainsAndKeepsTheInterrupt() {
		BatchingEventPublisher publisher = start(builder());
		for (int i = 0; i < 10; i++) {
			publisher.publish(event("e" + i, "s-1"));
		}
		Thread.currentThread().interrupt();
		try {
			publisher.close();
			assertThat(Thread.currentThread().isInterrupted()).isTrue();
		}
		finally {
			Thread.interrupted();
		}
		assertThat(this.client.deliveredEventIds()).hasSize(10);
		assertThat(this.metrics.dropped(DropReason.SHUTDOWN)).isZero();
	}

}
