package ai.honeyhive.spring.sample.assistant;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import ai.honeyhive.spring.collector.CollectedEvent;
import ai.honeyhive.spring.collector.CollectedSession;
import ai.honeyhive.spring.collector.CollectorStore;
import ai.honeyhive.spring.publisher.EventPublisher;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample as a user runs it: chat turns over HTTP on a random port, traced by the
 * starter, delivered by its publisher to the embedded collector over HTTP, and read back
 * through the {@code EventsClient}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "HH_API_KEY=")
@Timeout(120)
class AssistantEndToEndTests {

	private static final Duration FLUSH = Duration.ofSeconds(30);

	@LocalServerPort
	private int port;

	@Autowired
	private CollectorStore store;

	@Autowired
	private EventPublisher publisher;

	private RestClient http;

	@BeforeEach
	void setUp() {
		this.store.clear();
		this.http = RestClient.builder()
			.baseUrl("http://localhost:" + this.port)
			.defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {
			})
			.build();
	}

	private Map<String, Object> chat(String sessionId, String message) {
		Map<String, Object> body = (sessionId != null) ? Map.of("sessionId", sessionId, "message", message)
				: Map.of("message", message);
		return this.http.post()
			.uri("/api/chat")
			.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.retrieve()
			.body(new ParameterizedTypeReference<>() {
			});
	}

	private CollectedSession flushedSession(String sessionId) {
		assertThat(this.publisher.flush(FLUSH)).isTrue();
		return this.store.session(sessionId).orElseThrow();
	}

	@Test
	void chatTurnProducesOneWellLinkedSessionTree() {
		Map<String, Object> response = chat(null, "How do I reset my password?");
		String sessionId = (String) response.get("sessionId");
		assertThat((String) response.get("answer")).contains("Reset password");
		assertThat(this.publisher.flush(FLUSH)).isTrue();
		assertThat(this.store.sessions()).hasSize(1);
		CollectedSession session = flushedSession(sessionId);
		assertThat(session.started()).isTrue();
		assertThat(session.session().eventType()).isEqualTo("session");
		assertThat(session.session().eventId()).isEqualTo(sessionId);
		assertThat(session.name()).isEqualTo("support-chat");
		assertThat(session.session().inputs()).containsEntry("message", "How do I reset my password?");
		assertThat(session.session().outputs()).containsEntry("answer", response.get("answer"));
		assertWellLinked(session);

		CollectedEvent chain = single(session, "answer_question");
		assertThat(chain.eventType()).isEqualTo("chain");
		assertThat(chain.parentId()).isEqualTo(sessionId);
		assertThat(chain.inputs()).containsEntry("question", "How do I reset my password?");

		CollectedEvent retrieve = single(session, "retrieve_documents");
		assertThat(retrieve.eventType()).isEqualTo("tool");
		assertThat(retrieve.parentId()).isEqualTo(chain.eventId());
		List<CollectedEvent> searches = session.eventsNamed("search_knowledge_base");
		assertThat(searches).hasSize(2).allSatisfy((search) -> {
			assertThat(search.eventType()).isEqualTo("tool");
			// ran on the executor's threads, still under the retrieval
			assertThat(search.parentId()).isEqualTo(retrieve.eventId());
		});
		assertThat(searches).extracting((search) -> search.inputs().get("source"))
			.containsExactlyInAnyOrder("manual", "faq");

		CollectedEvent model = single(session, "chat_completion");
		assertThat(model.eventType()).isEqualTo("model");
		assertThat(model.eventId()).isEqualTo(response.get("eventId"));
		assertThat(model.parentId()).isEqualTo(chain.eventId());
		assertThat(model.config()).containsEntry("model", OfflineChatModel.MODEL)
			.containsEntry("provider", OfflineChatModel.PROVIDER);
		assertThat(model.inputs()).containsOnlyKeys("chat_history");
		assertThat(model.inputs().get("chat_history")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
			.hasSize(2);
		assertThat(model.outputs()).containsEntry("role", "assistant").containsEntry("content", response.get("answer"));
		assertThat(model.metadata()).containsKeys("prompt_tokens", "completion_tokens", "total_tokens", "cost");
		assertThat(((Number) model.metadata().get("total_tokens")).longValue())
			.isEqualTo(((Number) model.metadata().get("prompt_tokens")).longValue()
					+ ((Number) model.metadata().get("completion_tokens")).longValue());
		assertThat(model.duration()).isPositive();
	}

	@Test
	void turnsOfOneConversationLandInOneSession() {
		String sessionId = (String) chat(null, "How do I reset my password?").get("sessionId");
		Map<String, Object> second = chat(sessionId, "Which plans include data export?");
		assertThat(second.get("sessionId")).isEqualTo(sessionId);
		CollectedSession session = flushedSession(sessionId);
		assertThat(this.store.sessions()).hasSize(1);
		assertThat(session.eventsNamed("answer_question")).hasSize(2)
			.allSatisfy((chain) -> assertThat(chain.parentId()).isEqualTo(sessionId));
		assertThat(session.eventsNamed("chat_completion")).hasSize(2);
		assertWellLinked(session);
	}

	@Test
	void feedbackIsRecordedOnTheModelEvent() {
		Map<String, Object> response = chat(null, "I lost my two-factor device");
		String eventId = (String) response.get("eventId");
		var answer = this.http.post()
			.uri("/api/feedback")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("eventId", eventId, "rating", 4, "comment", "helpful"))
			.retrieve()
			.toBodilessEntity();
		assertThat(answer.getStatusCode().value()).isEqualTo(202);
		CollectedSession session = flushedSession((String) response.get("sessionId"));
		assertThat(session.event(eventId).feedback()).containsEntry("rating", 4).containsEntry("comment", "helpful");
	}

	@Test
	void readBackEndpointReturnsTheSessionsEvents() {
		String sessionId = (String) chat(null, "How do I cancel my subscription?").get("sessionId");
		assertThat(this.publisher.flush(FLUSH)).isTrue();
		List<Map<String, Object>> events = this.http.get()
			.uri("/api/sessions/{id}/events", sessionId)
			.retrieve()
			.body(new ParameterizedTypeReference<>() {
			});
		assertThat(events).extracting((event) -> event.get("event_name"))
			.contains("support-chat", "answer_question", "retrieve_documents", "search_knowledge_base",
					"chat_completion");
		assertThat(events).allSatisfy((event) -> assertThat(event.get("session_id")).isEqualTo(sessionId));
	}

	@Test
	void streamedAnswerIsOneModelEventWithTheWholeText() {
		String text = this.http.get()
			.uri("/api/chat/stream?message={m}", "How do I export my data?")
			.accept(MediaType.TEXT_EVENT_STREAM)
			.retrieve()
			.body(String.class);
		assertThat(text).contains("data:Here").contains("data: Export");
		assertThat(this.publisher.flush(FLUSH)).isTrue();
		List<CollectedEvent> streams = this.store.sessions()
			.stream()
			.flatMap((session) -> session.eventsNamed("chat_completion_stream").stream())
			.toList();
		assertThat(streams).isNotEmpty().allSatisfy((model) -> {
			assertThat(model.eventType()).isEqualTo("model");
			assertThat((String) model.outputs().get("result")).startsWith("Here is what the help center says.")
				.contains("Export data");
			assertThat(model.metadata()).containsKey("total_tokens");
		});
	}

	@Test
	void pageRendersTheTree() {
		String sessionId = (String) chat(null, "How do I reset my password?").get("sessionId");
		assertThat(this.publisher.flush(FLUSH)).isTrue();
		String page = this.http.get().uri("/honeyhive/sessions/{id}", sessionId).retrieve().body(String.class);
		assertThat(page).contains("support-chat", "answer_question", "retrieve_documents", "search_knowledge_base",
				"chat_completion", OfflineChatModel.MODEL);
		String index = this.http.get().uri("/honeyhive").retrieve().body(String.class);
		assertThat(index).contains(sessionId);
	}

	@Test
	void blankMessageIsABadRequest() {
		var response = this.http.post()
			.uri("/api/chat")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("message", " "))
			.retrieve()
			.toEntity(String.class);
		assertThat(response.getStatusCode().value()).isEqualTo(400);
		assertThat(response.getBody()).contains("'message' is required");
	}

	private static CollectedEvent single(CollectedSession session, String name) {
		List<CollectedEvent> events = session.eventsNamed(name);
		assertThat(events).as(name).hasSize(1);
		return events.get(0);
	}

	/**
	 * Same session id throughout, every parent in the tree, every event listed by its
	 * parent's children and every listed child a real child.
	 */
	static void assertWellLinked(CollectedSession session) {
		String sessionId = session.sessionId();
		Set<String> ids = session.events().stream().map(CollectedEvent::eventId).collect(Collectors.toSet());
		for (CollectedEvent event : session.events()) {
			assertThat(event.sessionId()).isEqualTo(sessionId);
			assertThat(event.parentId()).isNotNull();
			assertThat(event.parentId().equals(sessionId) || ids.contains(event.parentId()))
				.as("parent of %s", event.eventName())
				.isTrue();
			Set<String> children = session.children(event.eventId())
				.stream()
				.map(CollectedEvent::eventId)
				.collect(Collectors.toSet());
			assertThat(new HashSet<>(event.childrenIds())).as("children of %s", event.eventName()).isEqualTo(children);
		}
		Set<String> topLevel = session.children(sessionId)
			.stream()
			.map(CollectedEvent::eventId)
			.collect(Collectors.toSet());
		assertThat(new HashSet<>(session.session().childrenIds())).isEqualTo(topLevel);
	}

}
