package ai.honeyhive.spring.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import ai.honeyhive.spring.client.CreateEventBatchRequest;
import ai.honeyhive.spring.client.CreateEventBatchResponse;
import ai.honeyhive.spring.client.CreateEventRequest;
import ai.honeyhive.spring.client.CreateEventResponse;
import ai.honeyhive.spring.client.CreateModelEventBatchRequest;
import ai.honeyhive.spring.client.CreateModelEventRequest;
import ai.honeyhive.spring.client.EventsClient;
import ai.honeyhive.spring.client.GetEventsRequest;
import ai.honeyhive.spring.client.GetEventsResponse;
import ai.honeyhive.spring.client.HoneyHiveApiException;
import ai.honeyhive.spring.client.SessionStartRequest;
import ai.honeyhive.spring.client.StartSessionResponse;
import ai.honeyhive.spring.client.UpdateEventRequest;
import ai.honeyhive.spring.publisher.BatchingEventPublisher;
import ai.honeyhive.spring.publisher.InMemoryEventPublisher;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link HoneyHiveHealthIndicator}.
 */
@Timeout(30)
class HoneyHiveHealthIndicatorTests {

	private volatile boolean failing = true;

	// when set, each failing call first takes a permit, so a test counts the failures
	private volatile @Nullable Semaphore gate;

	private final EventsClient client = new EventsClient() {

		@Override
		public StartSessionResponse startSession(SessionStartRequest session) {
			return new StartSessionResponse(session.sessionId());
		}

		@Override
		public CreateEventResponse createEvent(CreateEventRequest event) {
			throw new UnsupportedOperationException();
		}

		@Override
		public void updateEvent(UpdateEventRequest update) {
		}

		@Override
		public GetEventsResponse getEvents(GetEventsRequest query) {
			throw new UnsupportedOperationException();
		}

		@Override
		public CreateEventResponse createModelEvent(CreateModelEventRequest modelEvent) {
			throw new UnsupportedOperationException();
		}

		@Override
		public CreateEventBatchResponse createEventBatch(CreateEventBatchRequest batch) {
			if (HoneyHiveHealthIndicatorTests.this.failing) {
				Semaphore gate = HoneyHiveHealthIndicatorTests.this.gate;
				if (gate != null) {
					try {
						gate.tryAcquire(20, TimeUnit.SECONDS);
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
				}
				throw new HoneyHiveApiException(503, "unavailable", "service unavailable", null, null);
			}
			return new CreateEventBatchResponse(List.of(), null, true);
		}

		@Override
		public CreateEventBatchResponse createModelEventBatch(CreateModelEventBatchRequest batch) {
			throw new UnsupportedOperationException();
		}

	};

	private final BatchingEventPublisher publisher = BatchingEventPublisher.builder(this.client)
		.scheduleDelay(Duration.ofMillis(10))
		.retryBackoff(Duration.ofMillis(5), 1.0, Duration.ofMillis(5))
		.build();

	@AfterEach
	void close() {
		this.publisher.close();
	}

	@Test
	void shouldBeDegradedAfterRepeatedFailuresAndUpAgainOnceABatchGetsThrough() {
		HoneyHiveHealthIndicator indicator = new HoneyHiveHealthIndicator(this.publisher);
		assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
		this.publisher.publish(CreateEventRequest.builder().eventId("e").sessionId("s").build());
		await().until(() -> indicator.health().getStatus().equals(HoneyHiveHealthIndicator.DEGRADED));
		Health down = indicator.health();
		assertThat(down.getDetails())
			.containsEntry("lastError", "HoneyHive API answered HTTP 503 [unavailable]: service unavailable")
			.containsKeys("failingSince", "consecutiveFailures", "queueFill");
		this.failing = false;
		await().until(() -> indicator.health().getStatus().equals(Status.UP));
		assertThat(indicator.health().getDetails()).containsKey("lastSuccess").doesNotContainKey("lastError");
	}

	@Test
	void shouldBeDownAfterRepeatedFailuresWhenAskedTo() {
		HoneyHiveHealthIndicator indicator = new HoneyHiveHealthIndicator(this.publisher,
				HoneyHiveHealthIndicator.DEFAULT_FAILURE_THRESHOLD, true);
		this.publisher.publish(CreateEventRequest.builder().eventId("e").sessionId("s").build());
		await().until(() -> indicator.health().getStatus().equals(Status.DOWN));
		assertThat(indicator.health().getDetails()).containsKeys("lastError", "consecutiveFailures");
	}

	@Test
	void shouldStayUpForTwoFailedCallsInARowAndTurnDegradedAtTheThird() {
		Semaphore gate = new Semaphore(0);
		this.gate = gate;
		HoneyHiveHealthIndicator indicator = new HoneyHiveHealthIndicator(this.publisher);
		this.publisher.publish(CreateEventRequest.builder().eventId("e").sessionId("s").build());
		try {
			for (int failures = 1; failures <= 3; failures++) {
				gate.release();
				int expected = failures;
				await().until(() -> this.publisher.getStatus().consecutiveFailures() == expected);
				Health health = indicator.health();
				assertThat(health.getStatus()).as("after %d failed calls", failures)
					.isEqualTo((failures < 3) ? Status.UP : HoneyHiveHealthIndicator.DEGRADED);
				assertThat(health.getDetails()).containsEntry("consecutiveFailures", failures);
			}
		}
		finally {
			this.failing = false;
			gate.release(100);
		}
	}

	@Test
	void shouldBeUnknownForAPublisherThatIsNotBatching() {
		Health health = new HoneyHiveHealthIndicator(new InMemoryEventPublisher()).health();
		assertThat(health.getStatus()).isEqualTo(Status.UNKNOWN);
		assertThat(health.getDetails()).containsEntry("publisher", "InMemoryEventPublisher");
	}

}
