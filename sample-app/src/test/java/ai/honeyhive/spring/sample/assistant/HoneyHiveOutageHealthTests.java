package ai.honeyhive.spring.sample.assistant;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * HoneyHive unreachable: the assistant still answers, the {@code honeyhive} health
 * component shows the trouble, and the application's health stays UP (HTTP 200), so a
 * load balancer probing it keeps the application in rotation.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "honeyhive.api-key=test-key", "honeyhive.collector.enabled=false",
				"honeyhive.base-url=http://127.0.0.1:1", "honeyhive.client.export-path=/events/export",
				"honeyhive.publisher.schedule-delay=20ms", "honeyhive.client.retry.initial-interval=10ms",
				"honeyhive.client.retry.max-interval=20ms", "honeyhive.client.connect-timeout=1s",
				"honeyhive.publisher.shutdown-timeout=1s" })
@Timeout(120)
class HoneyHiveOutageHealthTests {

	@LocalServerPort
	private int port;

	@Test
	void failingHoneyHiveLeavesTheApplicationHealthUp() {
		RestClient http = RestClient.builder()
			.baseUrl("http://localhost:" + this.port)
			.defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {
			})
			.build();
		Map<?, ?> answer = http.post()
			.uri("/api/chat")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("message", "How do I export my data?"))
			.retrieve()
			.body(Map.class);
		assertThat((String) answer.get("answer")).contains("Export data");
		await().atMost(Duration.ofSeconds(60))
			.until(() -> "DEGRADED"
				.equals(http.get().uri("/actuator/health/honeyhive").retrieve().body(Map.class).get("status")));
		ResponseEntity<Map> health = http.get().uri("/actuator/health").retrieve().toEntity(Map.class);
		assertThat(health.getStatusCode().value()).isEqualTo(200);
		assertThat(health.getBody()).containsEntry("status", "UP");
		Map<?, ?> honeyhive = (Map<?, ?>) ((Map<?, ?>) health.getBody().get("components")).get("honeyhive");
		assertThat(honeyhive.get("status")).isEqualTo("DEGRADED");
		Map<?, ?> details = (Map<?, ?>) honeyhive.get("details");
		assertThat(details.get("lastError")).isNotNull();
		assertThat(details.get("consecutiveFailures")).isNotNull();
	}

}
