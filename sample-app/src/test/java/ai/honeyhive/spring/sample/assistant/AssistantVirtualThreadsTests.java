package ai.honeyhive.spring.sample.assistant;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.servlet.Filter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import ai.honeyhive.spring.collector.CollectedEvent;
import ai.honeyhive.spring.collector.CollectedSession;
import ai.honeyhive.spring.collector.CollectorStore;
import ai.honeyhive.spring.publisher.EventPublisher;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A chat turn served on virtual threads ({@code spring.threads.virtual.enabled=true}):
 * the session and its events are recorded and linked as on platform threads. On Java 21
 * and later (CI runs it on 25) the request is checked to have run on a virtual thread; on
 * 17 the property has no effect and the turn is checked alone.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "HH_API_KEY=", "spring.threads.virtual.enabled=true" })
@Timeout(120)
class AssistantVirtualThreadsTests {

	private static final Duration FLUSH = Duration.ofSeconds(30);

	@LocalServerPort
	private int port;

	@Autowired
	private CollectorStore store;

	@Autowired
	private EventPublisher publisher;

	@Autowired
	private AtomicReference<String> requestThread;

	@Test
	void chatTurnOnVirtualThreadsIsRecorded() {
		Map<?, ?> response = RestClient.create("http://localhost:" + this.port)
			.post()
			.uri("/api/chat")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("message", "How do I export my data?"))
			.retrieve()
			.body(Map.class);
		assertThat((String) response.get("answer")).contains("Export data");
		if (Runtime.version().feature() >= 21) {
			assertThat(this.requestThread.get()).startsWith("VirtualThread");
		}
		assertThat(this.publisher.flush(FLUSH)).isTrue();
		CollectedSession session = this.store.session((String) response.get("sessionId")).orElseThrow();
		CollectedEvent turn = session.eventsNamed("answer_question").get(0);
		assertThat(turn.eventId()).isEqualTo(response.get("eventId"));
		assertThat(turn.parentId()).isEqualTo(session.sessionId());
		assertThat(session.eventsNamed("chat_client")).singleElement()
			.satisfies((client) -> assertThat(client.parentId()).isEqualTo(turn.eventId()));
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class RequestThreadConfiguration {

		@Bean
		AtomicReference<String> requestThread() {
			return new AtomicReference<>();
		}

		@Bean
		Filter requestThreadFilter(AtomicReference<String> requestThread) {
			return (request, response, chain) -> {
				requestThread.set(Thread.currentThread().toString());
				chain.doFilter(request, response);
			};
		}

	}

}
