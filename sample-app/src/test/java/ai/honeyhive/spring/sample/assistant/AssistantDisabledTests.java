package ai.honeyhive.spring.sample.assistant;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import ai.honeyhive.spring.client.EventsClient;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With HoneyHive switched off the starter defines no beans, and the assistant still
 * answers: telemetry is never what breaks the application.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "honeyhive.enabled=false")
@Timeout(60)
class AssistantDisabledTests {

	@LocalServerPort
	private int port;

	@Autowired
	private ApplicationContext context;

	@Test
	void assistantAnswersWithoutHoneyHive() {
		assertThat(this.context.getBeanNamesForType(EventsClient.class)).isEmpty();
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
		assertThat(answer.get("eventId")).isNull();
		var feedback = http.post()
			.uri("/api/feedback")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("eventId", "e", "rating", 1))
			.retrieve()
			.toEntity(String.class);
		assertThat(feedback.getStatusCode().value()).isEqualTo(503);
		assertThat(feedback.getBody()).contains("honeyhive.enabled=false");
	}

}
