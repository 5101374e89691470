package ai.honeyhive.spring.testserver;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Count-only versions of the delivery benchmark: an application with one session per
 * request, against a server that answers every call after a real network's latency. Every
 * session and event must be stored once, every record accounted for, and the context must
 * close within its shutdown timeout with nothing left.
 */
@Timeout(120)
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
