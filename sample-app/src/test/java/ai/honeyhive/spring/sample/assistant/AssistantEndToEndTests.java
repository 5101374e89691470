package ai.honeyhive.spring.sample.assistant;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.assertj.core.api.InstanceOfAssertFactories;
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
		// The knowledge base's indexing session, recorded at startup, is delivered first
		assertThat(this.publisher.flush(FLUSH)).isTrue();
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
	void chatTurnProducesTheSpringAiTree() {
		Map<String, Object> response = chat(null, "Where is my order 1042?");
		String sessionId = (String) response.get("sessionId");
		assertThat((String) response.get("answer")).startsWith("Order 1042 shipped on 28 November");
		CollectedSession session = flushedSession(sessionId);
		assertThat(this.store.sessions()).hasSize(1);
		assertThat(session.started()).isTrue();
		assertThat(session.name()).isEqualTo("support-chat");
		assertThat(session.session().outputs()).containsEntry("answer", response.get("answer"));
		assertWellLinked(session);

		CollectedEvent turn = single(session, "answer_question");
		assertThat(turn.eventType()).isEqualTo("chain");
		assertThat(turn.parentId()).isEqualTo(sessionId);
		assertThat(turn.eventId()).isEqualTo(response.get("eventId"));

		CollectedEvent client = single(session, "chat_client");
		assertThat(client.eventType()).isEqualTo("chain");
		assertThat(client.parentId()).isEqualTo(turn.eventId());
		assertThat(client.inputs().get("chat_history")).asInstanceOf(InstanceOfAssertFactories.LIST)
			.containsExactly(Map.of("role", "system", "content", AssistantConfiguration.INSTRUCTIONS),
					Map.of("role", "user", "content", "Where is my order 1042?"));
		assertThat(client.outputs()).containsEntry("content", response.get("answer"));
		assertThat(client.metadata()).doesNotContainKeys("prompt_tokens", "total_tokens");

		CollectedEvent query = single(session, "vector_store_query");
		assertThat(query.eventType()).isEqualTo("tool");
		assertThat(query.parentId()).isEqualTo(client.eventId());
		assertThat(query.inputs()).containsEntry("query", "Where is my order 1042?").containsEntry("top_k", 2);
		assertThat(query.outputs().get("documents")).asInstanceOf(InstanceOfAssertFactories.LIST)
			.anySatisfy((document) -> assertThat(document).asInstanceOf(InstanceOfAssertFactories.MAP)
				.containsEntry("id", "faq-4"));
		CollectedEvent embedding = single(session, "embedding");
		assertThat(embedding.eventType()).isEqualTo("model");
		assertThat(embedding.parentId()).isEqualTo(query.eventId());

		List<CollectedEvent> models = session.eventsNamed("chat " + OfflineChatModel.MODEL);
		assertThat(models).hasSize(2).allSatisfy((model) -> {
			assertThat(model.eventType()).isEqualTo("model");
			assertThat(model.parentId()).isEqualTo(client.eventId());
			assertThat(model.config()).containsEntry("model", OfflineChatModel.MODEL)
				.containsEntry("provider", OfflineChatModel.PROVIDER);
			assertThat(model.metadata()).containsKeys("prompt_tokens", "completion_tokens", "total_tokens", "cost");
			assertThat(((Number) model.metadata().get("total_tokens")).longValue())
				.isEqualTo(((Number) model.metadata().get("prompt_tokens")).longValue()
						+ ((Number) model.metadata().get("completion_tokens")).longValue());
		});
		CollectedEvent asking = models.stream()
			.filter((model) -> model.outputs().containsKey("tool_calls"))
			.findFirst()
			.orElseThrow();
		CollectedEvent answering = models.stream().filter((model) -> model != asking).findFirst().orElseThrow();
		assertThat(asking.outputs()).containsEntry("finish_reason", "tool_calls");
		assertThat(asking.inputs().get("chat_history")).asInstanceOf(InstanceOfAssertFactories.LIST).hasSize(2);
		CollectedEvent tool = single(session, OrderTools.LOOKUP_ORDER);
		assertThat(tool.eventType()).isEqualTo("tool");
		assertThat(tool.parentId()).isEqualTo(client.eventId());
		assertThat(tool.inputs()).containsEntry("arguments", Map.of("orderNumber", "1042"));
		assertThat((String) tool.outputs().get("result")).startsWith("Order 1042 shipped");
		assertThat(answering.inputs().get("chat_history")).asInstanceOf(InstanceOfAssertFactories.LIST)
			.hasSize(4)
			.last()
			.asInstanceOf(InstanceOfAssertFactories.MAP)
			.containsEntry("role", "tool")
			.containsEntry("name", OrderTools.LOOKUP_ORDER);
		assertThat(answering.outputs()).containsEntry("role", "assistant")
			.containsEntry("content", response.get("answer"));
		// In the order the turn ran: retrieval, the tool call, the tool, the answer
		assertThat(query.startTime()).isLessThanOrEqualTo(asking.startTime());
		assertThat(asking.endTime()).isLessThanOrEqualTo(tool.startTime());
		assertThat(tool.endTime()).isLessThanOrEqualTo(answering.startTime());
	}

	@Test
	void threeTurnsOfOneConversationAreOneSessionCoveringEveryTurn() {
		String sessionId = (String) chat(null, "How do I reset my password?").get("sessionId");
		chat(sessionId, "Which plans include data export?");
		chat(sessionId, "How do I cancel my subscription?");
		CollectedSession session = flushedSession(sessionId);
		assertThat(this.store.sessions()).hasSize(1);
		List<CollectedEvent> turns = session.eventsNamed("answer_question");
		assertThat(turns).hasSize(3).allSatisfy((chain) -> assertThat(chain.parentId()).isEqualTo(sessionId));
		// The session's children are the three turns, and its time covers all of them
		assertThat(session.session().childrenIds())
			.containsExactlyInAnyOrderElementsOf(turns.stream().map(CollectedEvent::eventId).toList());
		long firstStart = turns.stream().mapToLong(CollectedEvent::startTime).min().orElseThrow();
		long lastEnd = turns.stream().mapToLong(CollectedEvent::endTime).max().orElseThrow();
		// (times are whole milliseconds, each rounded on its own: 1 ms either way)
		assertThat(session.session().startTime()).isLessThanOrEqualTo(firstStart + 1);
		assertThat(session.session().endTime()).isGreaterThanOrEqualTo(lastEnd - 1);
		assertThat(session.session().duration()).isGreaterThanOrEqualTo(lastEnd - firstStart - 2.0);
		assertWellLinked(session);
	}

	@Test
	void turnsOfOneConversationLandInOneSession() {
		String sessionId = (String) chat(null, "How do I reset my password?").get("sessionId");
		Map<String, Object> second = chat(sessionId, "Which plans include data export?");
		assertThat(second.get("sessionId")).isEqualTo(sessionId);
		assertThat((String) second.get("answer")).contains("Every plan includes data export");
		CollectedSession session = flushedSession(sessionId);
		assertThat(this.store.sessions()).hasSize(1);
		assertThat(session.eventsNamed("answer_question")).hasSize(2)
			.allSatisfy((chain) -> assertThat(chain.parentId()).isEqualTo(sessionId));
		assertThat(session.eventsNamed("chat_client")).hasSize(2);
		assertThat(session.eventsNamed("chat " + OfflineChatModel.MODEL)).hasSize(2);
		assertWellLinked(session);
	}

	@Test
	void feedbackIsRecordedOnTheTurnsEvent() {
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
		assertThat(session.event(eventId).eventName()).isEqualTo("answer_question");
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
			.contains("support-chat", "answer_question", "chat_client", "vector_store_query",
					"chat " + OfflineChatModel.MODEL);
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
		List<CollectedSession> sessions = this.store.sessions()
			.stream()
			.filter((session) -> !session.eventsNamed("stream_answer").isEmpty())
			.toList();
		assertThat(sessions).hasSize(1);
		CollectedSession session = sessions.get(0);
		CollectedEvent turn = single(session, "stream_answer");
		CollectedEvent client = single(session, "chat_client");
		CollectedEvent model = single(session, "chat " + OfflineChatModel.MODEL);
		assertThat(turn.parentId()).isEqualTo(session.sessionId());
		assertThat(client.parentId()).isEqualTo(turn.eventId());
		assertThat(model.parentId()).isEqualTo(client.eventId());
		assertThat(single(session, "vector_store_query").parentId()).isEqualTo(client.eventId());
		assertThat((String) model.outputs().get("content")).startsWith("Here is what the help center says.")
			.contains("Export data");
		assertThat(model.metadata()).containsEntry("stream", true).containsKey("total_tokens");
		assertThat(client.metadata()).containsEntry("stream", true);
		assertThat((String) turn.outputs().get("result")).isEqualTo(model.outputs().get("content"));
	}

	@Test
	void pageRendersTheTreeWithReadableToolCalls() {
		String sessionId = (String) chat(null, "Where is my order 2077?").get("sessionId");
		assertThat(this.publisher.flush(FLUSH)).isTrue();
		String page = this.http.get().uri("/honeyhive/sessions/{id}", sessionId).retrieve().body(String.class);
		assertThat(page).contains("support-chat", "answer_question", "chat_client", "vector_store_query",
				OfflineChatModel.MODEL, OrderTools.LOOKUP_ORDER, "orderNumber", "Order 2077 is being packed");
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
