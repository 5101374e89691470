package ai.honeyhive.spring.testserver;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import ai.honeyhive.spring.client.CreateEventRequest;
import ai.honeyhive.spring.client.EventType;
import ai.honeyhive.spring.client.RestEventsClient;
import ai.honeyhive.spring.publisher.BatchingEventPublisher;
import ai.honeyhive.spring.publisher.DropReason;
import ai.honeyhive.spring.publisher.PublisherMetrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Count-only versions of the delivery benchmark: an application with one session per
 * request, against a server that answers every call after a real network's latency. Every
 * session and event must be stored once, every record accounted for, and the context must
 * close within its shutdown timeout with nothing left.
 */
@Timeout(180)
class DeliveryUnderLatencyTests {

	private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);

	@Test
	void sessionsInBatchesKeepUpWithTwoHundredSessionsASecondAt100Milliseconds() throws Exception {
		try (HoneyHiveTestServer server = new HoneyHiveTestServer(1).latency(Duration.ofMillis(100))) {
			DeliveryScenario.Result result = new DeliveryScenario(server).sessionsPerSecond(200)
				.duration(Duration.ofSeconds(5))
				.run();
			System.out.println("batch transport, 100 ms: " + result);
			assertThat(result.storedOnceShare()).isGreaterThanOrEqualTo(0.999);
			assertThat(result.duplicates).isZero();
			assertThat(result.exported + result.droppedInAll()).isEqualTo(result.handedOver());
			assertThat(result.callsPerSession()).isLessThan(0.05);
			assertThat(result.close).isLessThan(SHUTDOWN_TIMEOUT);
			// Sessions ride in the batches; only a session still open when its batch left
			// has its end sent as an update
			assertThat(server.calls("POST /session/start")).isZero();
			assertThat(server.calls("PUT /events")).isLessThan(result.sessions / 20);
		}
	}

	@Test
	void theStartEndpointKeepsUpWithFiftySessionsASecondAt50Milliseconds() throws Exception {
		try (HoneyHiveTestServer server = new HoneyHiveTestServer(2).latency(Duration.ofMillis(50))) {
			DeliveryScenario.Result result = new DeliveryScenario(server).sessionsPerSecond(50)
				.duration(Duration.ofSeconds(5))
				.properties("honeyhive.publisher.session-transport=start-endpoint")
				.run();
			System.out.println("start-endpoint transport, 50 ms: " + result);
			assertThat(result.storedOnceShare()).isGreaterThanOrEqualTo(0.99);
			assertThat(result.exported + result.droppedInAll()).isEqualTo(result.handedOver());
			assertThat(server.calls("POST /session/start")).isEqualTo(result.sessions);
			// Starts go first, so the events of the sessions started meanwhile share a
			// batch: not one batch per session on top of its start
			assertThat(result.callsPerSession()).isLessThan(1.25);
			assertThat(result.close).isLessThan(SHUTDOWN_TIMEOUT);
		}
	}

	@Test
	void aServerThatRefusesSessionRecordsInBatchesStillGetsEverySession() throws Exception {
		try (HoneyHiveTestServer server = new HoneyHiveTestServer(3).latency(Duration.ofMillis(20))
			.refuseSessionsInBatches(true)) {
			DeliveryScenario.Result result = new DeliveryScenario(server).sessionsPerSecond(50)
				.duration(Duration.ofSeconds(2))
				.run();
			System.out.println("fallback to the start endpoint: " + result);
			assertThat(result.storedOnceShare()).isEqualTo(1.0);
			assertThat(result.droppedInAll()).isZero();
			assertThat(server.calls("POST /session/start")).isEqualTo(result.sessions);
		}
	}

	@Test
	void underRandomFaultsAndAnOutageAtAHundredSessionsASecondEverythingIsStoredOnceOrCounted() throws Exception {
		try (HoneyHiveTestServer server = new HoneyHiveTestServer(4).latency(Duration.ofMillis(50))
			.faults(0.2, Duration.ofSeconds(1))) {
			DeliveryScenario.Result result = new DeliveryScenario(server).sessionsPerSecond(100)
				.duration(Duration.ofSeconds(8))
				.run(() -> outage(server, Duration.ofSeconds(3)));
			System.out.println("faults and a 3 s outage: " + result);
			assertThat(result.storedOnceShare()).isGreaterThanOrEqualTo(0.99);
			assertThat(result.exported + result.droppedInAll()).isEqualTo(result.handedOver());
			assertThat(result.close).isLessThan(SHUTDOWN_TIMEOUT.plusSeconds(2));
		}
	}

	@Test
	void aRetryAfterOfSixtySecondsHoldsEveryCallForSixtySecondsAndDropsNothing() throws Exception {
		try (HoneyHiveTestServer server = new HoneyHiveTestServer(5).rateLimit(1, Duration.ofSeconds(60))) {
			RecordingMetrics metrics = new RecordingMetrics();
			BatchingEventPublisher publisher = BatchingEventPublisher
				.builder(RestEventsClient.builder().baseUrl(server.baseUrl()).apiKey("hh-key").build().withoutRetries())
				.metrics(metrics)
				.scheduleDelay(Duration.ofMillis(10))
				.maxBatchSize(2)
				.build();
			try {
				publisher.publish(event("e0"));
				// Once the 429 is in, nothing may leave for a minute, whatever is handed
				// over
				await().atMost(Duration.ofSeconds(10)).until(() -> publisher.getStatus().consecutiveFailures() == 1);
				for (int i = 1; i < 10; i++) {
					publisher.publish(event("e" + i));
				}
				assertThat(publisher.flush(Duration.ofSeconds(90))).isTrue();
			}
			finally {
				publisher.close();
			}
			List<Long> calls = server.callTimes();
			long first = calls.get(0);
			// The 429 came first; every later call waited the whole minute
			assertThat(calls.subList(1, calls.size())).allSatisfy(
					(time) -> assertThat(time - first).isGreaterThanOrEqualTo(Duration.ofSeconds(60).toNanos()));
			assertThat(metrics.dropped).isEmpty();
			assertThat(server.storedCounts()).hasSize(10);
		}
	}

	private static CreateEventRequest event(String id) {
		return CreateEventRequest.builder()
			.eventId(id)
			.sessionId("s")
			.eventType(EventType.TOOL)
			.eventName("step")
			.inputs(Map.of())
			.build();
	}

	/** Counts what the publisher reports. */
	static final class RecordingMetrics implements PublisherMetrics {

		final Map<DropReason, Integer> dropped = new java.util.concurrent.ConcurrentHashMap<>();

		@Override
		public void dropped(DropReason reason, int count) {
			this.dropped.merge(reason, count, Integer::sum);
		}

	}

	private static void outage(HoneyHiveTestServer server, Duration length) {
		server.down(true);
		Thread restore = new Thread(() -> {
			java.util.concurrent.locks.LockSupport.parkNanos(length.toNanos());
			server.down(false);
		}, "outage");
		restore.setDaemon(true);
		restore.start();
	}

}
