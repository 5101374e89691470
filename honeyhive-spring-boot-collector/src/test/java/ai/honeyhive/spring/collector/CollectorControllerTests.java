package ai.honeyhive.spring.collector;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpMethod;
import org.springframework.web.context.WebApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * The collector's write paths: valid bodies are stored as the server stores them, bad
 * ones are answered as the API answers them.
 */
@SpringBootTest(properties = { "honeyhive.enabled=false", "honeyhive.collector.enabled=true" })
class CollectorControllerTests {

	static final String SESSION_ID = "7d1c5e0a-6b4e-4a59-9d55-1b3c2f0e8a10";

	static final String SESSION_START = """
			{"session": {"project": "support", "session_name": "chat", "source": "dev",
			  "session_id": "7d1c5e0a-6b4e-4a59-9d55-1b3c2f0e8a10", "inputs": {"message": "hi"},
			  "metadata": {"channel": "web"}, "start_time": 1714978764301}}
			""";

	static final String CREATE_EVENT = """
			{"event": {"project": "support", "source": "dev", "event_name": "knowledge.search", "event_type": "tool",
			  "config": {"index": "faq"}, "inputs": {"query": "refund"}, "duration": 12.5,
			  "event_id": "e0000000-0000-4000-8000-000000000001", "session_id": "7d1c5e0a-6b4e-4a59-9d55-1b3c2f0e8a10",
			  "parent_id": "c0000000-0000-4000-8000-000000000001", "outputs": {"result": ["doc-1"]},
			  "start_time": 1714978764400, "end_time": 1714978764413, "metadata": {"hits": 1}}}
			""";

	static final String CREATE_EVENT_BATCH = """
			{"events": [
			  {"project": "support", "source": "dev", "event_name": "assistant.answer", "event_type": "chain",
			   "config": {}, "inputs": {"message": "refund?"}, "duration": 40,
			   "event_id": "c0000000-0000-4000-8000-000000000001", "session_id": "7d1c5e0a-6b4e-4a59-9d55-1b3c2f0e8a10",
			   "start_time": 1714978764390},
			  {"project": "support", "source": "dev", "event_name": "chat.model", "event_type": "model",
			   "config": {"model": "offline-1"}, "inputs": {"messages": []}, "duration": 20,
			   "event_id": "m0000000-0000-4000-8000-000000000001", "session_id": "7d1c5e0a-6b4e-4a59-9d55-1b3c2f0e8a10",
			   "parent_id": "c0000000-0000-4000-8000-000000000001", "start_time": 1714978764410}
			], "is_single_session": false}
			""";

	static final String CREATE_MODEL_EVENT = """
			{"model_event": {"project": "support", "model": "gpt-4o", "provider": "openai",
			  "messages": [{"role": "user", "content": "Where is my refund?"}],
			  "response": {"role": "assistant", "content": "On its way."}, "duration": 42,
			  "usage": {"prompt_tokens": 10, "completion_tokens": 5, "total_tokens": 15}, "cost": 0.00012,
			  "hyperparameters": {"temperature": 0}, "event_id": "m0000000-0000-4000-8000-000000000002",
			  "session_id": "7d1c5e0a-6b4e-4a59-9d55-1b3c2f0e8a10", "parent_id": "c0000000-0000-4000-8000-000000000001",
			  "start_time": 1714978764500}}
			""";

	static final String CREATE_MODEL_EVENT_BATCH = """
			{"model_events": [
			  {"project": "support", "model": "gpt-4o", "provider": "openai", "messages": [{"role": "user", "content": "a"}],
			   "response": {"role": "assistant", "content": "b"}, "duration": 5, "usage": {"total_tokens": 3}},
			  {"project": "support", "model": "gpt-4o-mini", "provider": "openai", "messages": [],
			   "response": {"content": "c"}, "duration": 6, "usage": {"total_tokens": 4}}
			], "is_single_session": true, "session_properties": {"session_name": "model batch", "source": "eval"}}
			""";

	static final String UPDATE_EVENT = """
			{"event_id": "e0000000-0000-4000-8000-000000000001", "metadata": {"hits": 2}}
			""";

	static final String EXPORT = """
			{"project": "support", "filters": []}
			""";

	@Autowired
	private WebApplicationContext context;

	@Autowired
	private CollectorStore store;

	private CollectorClient client;

	@BeforeEach
	void setUp() {
		this.store.clear();
		this.client = new CollectorClient(this.context);
	}

	@Test
	void shouldStartSessionAsSessionEvent() {
		CollectorClient.Response response = this.client.post("/session/start", SESSION_START);
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json()).containsExactly(entry("session_id", SESSION_ID));
		CollectedSession session = this.store.session(SESSION_ID).orElseThrow();
		assertThat(session.started()).isTrue();
		CollectedEvent event = session.session();
		assertThat(event.eventType()).isEqualTo("session");
		assertThat(event.eventId()).isEqualTo(SESSION_ID);
		assertThat(event.sessionId()).isEqualTo(SESSION_ID);
		assertThat(event.parentId()).isNull();
		assertThat(event.eventName()).isEqualTo("chat");
		assertThat(event.projectId()).isEqualTo("support");
		assertThat(event.source()).isEqualTo("dev");
		assertThat(event.startTime()).isEqualTo(1714978764301L);
		assertThat(event.inputs()).containsExactly(entry("message", "hi"));
		assertThat(event.metadata()).containsExactly(entry("channel", "web"));
	}

	@Test
	void shouldGenerateSessionIdWhenNoneSent() {
		CollectorClient.Response response = this.client.post("/session/start",
				"{\"session\": {\"project\": \"support\", \"session_name\": \"chat\", \"source\": \"dev\"}}");
		assertThat(response.status()).isEqualTo(200);
		String sessionId = (String) response.json().get("session_id");
		assertThat(sessionId).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}");
		assertThat(this.store.session(sessionId)).isPresent();
	}

	@Test
	void shouldCreateEventWithAllFieldsKept() {
		this.client.post("/session/start", SESSION_START);
		CollectorClient.Response response = this.client.post("/events", CREATE_EVENT);
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json()).containsExactly(entry("event_id", "e0000000-0000-4000-8000-000000000001"),
				entry("success", true));
		CollectedEvent event = this.store.event("e0000000-0000-4000-8000-000000000001").orElseThrow();
		assertThat(event.sessionId()).isEqualTo(SESSION_ID);
		assertThat(event.parentId()).isEqualTo("c0000000-0000-4000-8000-000000000001");
		assertThat(event.eventType()).isEqualTo("tool");
		assertThat(event.eventName()).isEqualTo("knowledge.search");
		assertThat(event.config()).containsExactly(entry("index", "faq"));
		assertThat(event.inputs()).containsExactly(entry("query", "refund"));
		assertThat(event.outputs()).containsExactly(entry("result", List.of("doc-1")));
		assertThat(event.duration()).isEqualTo(12.5);
		assertThat(event.startTime()).isEqualTo(1714978764400L);
		assertThat(event.endTime()).isEqualTo(1714978764413L);
		assertThat(event.metadata()).containsExactly(entry("hits", 1));
		assertThat(event.fields()).containsEntry("project_id", "support").doesNotContainKey("project");
		assertThat(this.store.session(SESSION_ID).orElseThrow().events()).extracting(CollectedEvent::eventId)
			.containsExactly("e0000000-0000-4000-8000-000000000001");
	}

	@Test
	void shouldGiveSessionAndParentToEventWithoutThem() {
		CollectorClient.Response response = this.client.post("/events", """
				{"event": {"project": "support", "source": "dev", "event_name": "lonely", "event_type": "chain",
				  "config": {}, "inputs": {}, "duration": 1}}
				""");
		assertThat(response.status()).isEqualTo(200);
		CollectedEvent event = this.store.event((String) response.json().get("event_id")).orElseThrow();
		assertThat(event.sessionId()).isNotBlank().isNotEqualTo("null");
		assertThat(event.parentId()).isEqualTo(event.sessionId());
		CollectedSession session = this.store.session(event.sessionId()).orElseThrow();
		assertThat(session.started()).isFalse();
		assertThat(session.session().eventType()).isEqualTo("session");
	}

	@Test
	void shouldDefaultParentToSession() {
		this.client.post("/session/start", SESSION_START);
		this.client.post("/events",
				CREATE_EVENT.replace("\"parent_id\": \"c0000000-0000-4000-8000-000000000001\", ", ""));
		assertThat(this.store.event("e0000000-0000-4000-8000-000000000001").orElseThrow().parentId())
			.isEqualTo(SESSION_ID);
	}

	@Test
	void shouldCreateEventBatch() {
		CollectorClient.Response response = this.client.post("/events/batch", CREATE_EVENT_BATCH);
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json()).containsExactly(
				entry("event_ids",
						List.of("c0000000-0000-4000-8000-000000000001", "m0000000-0000-4000-8000-000000000001")),
				entry("session_id", SESSION_ID), entry("success", true));
		CollectedSession session = this.store.session(SESSION_ID).orElseThrow();
		assertThat(session.children(SESSION_ID)).extracting(CollectedEvent::eventName)
			.containsExactly("assistant.answer");
		assertThat(session.children("c0000000-0000-4000-8000-000000000001")).extracting(CollectedEvent::eventName)
			.containsExactly("chat.model");
	}

	@Test
	void shouldPutSingleSessionBatchInOneSessionWithItsProperties() {
		CollectorClient.Response response = this.client.post("/events/batch", """
				{"events": [
				  {"project": "p", "source": "dev", "event_name": "a", "event_type": "tool", "config": {}, "inputs": {},
				   "duration": 1, "session_id": "ignored-1"},
				  {"project": "p", "source": "dev", "event_name": "b", "event_type": "tool", "config": {}, "inputs": {},
				   "duration": 1}
				], "is_single_session": true,
				 "session_properties": {"session_name": "nightly", "source": "batch", "metadata": {"run": 7}}}
				""");
		assertThat(response.status()).isEqualTo(200);
		String sessionId = (String) response.json().get("session_id");
		CollectedSession session = this.store.session(sessionId).orElseThrow();
		assertThat(session.events()).extracting(CollectedEvent::eventName).containsExactlyInAnyOrder("a", "b");
		assertThat(session.name()).isEqualTo("nightly");
		assertThat(session.session().source()).isEqualTo("batch");
		assertThat(session.session().metadata()).containsExactly(entry("run", 7));
		assertThat(this.store.sessionCount()).isOne();
	}

	@Test
	void shouldMapLegacyModelEventFields() {
		CollectorClient.Response response = this.client.post("/events/model", CREATE_MODEL_EVENT);
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json()).containsExactly(entry("event_id", "m0000000-0000-4000-8000-000000000002"),
				entry("success", true));
		CollectedEvent event = this.store.event("m0000000-0000-4000-8000-000000000002").orElseThrow();
		assertThat(event.eventType()).isEqualTo("model");
		assertThat(event.eventName()).isEqualTo("gpt-4o");
		assertThat(event.sessionId()).isEqualTo(SESSION_ID);
		assertThat(event.parentId()).isEqualTo("c0000000-0000-4000-8000-000000000001");
		assertThat(event.get("inputs.messages.0.content")).isEqualTo("Where is my refund?");
		assertThat(event.get("outputs.response.content")).isEqualTo("On its way.");
		assertThat(event.get("inputs.usage.total_tokens")).isEqualTo(15);
		assertThat(event.get("inputs.hyperparameters.temperature")).isEqualTo(0);
		assertThat(event.config()).containsEntry("model", "gpt-4o").containsEntry("provider", "openai");
		assertThat(event.metadata()).containsEntry("prompt_tokens", 10)
			.containsEntry("completion_tokens", 5)
			.containsEntry("total_tokens", 15)
			.containsEntry("cost", 0.00012);
		assertThat(event.duration()).isEqualTo(42);
		assertThat(event.startTime()).isEqualTo(1714978764500L);
		assertThat(event.source()).isEqualTo("unknown");
	}

	@Test
	void shouldCreateModelEventBatchInOneSession() {
		CollectorClient.Response response = this.client.post("/events/model/batch", CREATE_MODEL_EVENT_BATCH);
		assertThat(response.status()).isEqualTo(200);
		Map<String, Object> body = response.json();
		assertThat(body).containsEntry("success", true).containsKey("session_id");
		assertThat((List<?>) body.get("event_ids")).hasSize(2);
		CollectedSession session = this.store.session((String) body.get("session_id")).orElseThrow();
		assertThat(session.name()).isEqualTo("model batch");
		assertThat(session.events()).extracting(CollectedEvent::eventType).containsOnly("model");
		assertThat(session.events()).extracting((event) -> event.config().get("model"))
			.containsExactlyInAnyOrder("gpt-4o", "gpt-4o-mini");
	}

	static Stream<Arguments> requiredFields() {
		return Stream.of(Arguments.of("/session/start", SESSION_START, "session", "session"),
				Arguments.of("/session/start", SESSION_START, "session.project", "session.project"),
				Arguments.of("/session/start", SESSION_START, "session.session_name", "session.session_name"),
				Arguments.of("/session/start", SESSION_START, "session.source", "session.source"),
				Arguments.of("/events", CREATE_EVENT, "event", "event"),
				Arguments.of("/events", CREATE_EVENT, "event.project", "event.project"),
				Arguments.of("/events", CREATE_EVENT, "event.source", "event.source"),
				Arguments.of("/events", CREATE_EVENT, "event.event_name", "event.event_name"),
				Arguments.of("/events", CREATE_EVENT, "event.event_type", "event.event_type"),
				Arguments.of("/events", CREATE_EVENT, "event.config", "event.config"),
				Arguments.of("/events", CREATE_EVENT, "event.inputs", "event.inputs"),
				Arguments.of("/events", CREATE_EVENT, "event.duration", "event.duration"),
				Arguments.of("/events/batch", CREATE_EVENT_BATCH, "events", "events"),
				Arguments.of("/events/batch", CREATE_EVENT_BATCH, "events.1.inputs", "events[1].inputs"),
				Arguments.of("/events/batch", CREATE_EVENT_BATCH, "events.0.event_type", "events[0].event_type"),
				Arguments.of("/events/model", CREATE_MODEL_EVENT, "model_event", "model_event"),
				Arguments.of("/events/model", CREATE_MODEL_EVENT, "model_event.project", "model_event.project"),
				Arguments.of("/events/model", CREATE_MODEL_EVENT, "model_event.model", "model_event.model"),
				Arguments.of("/events/model", CREATE_MODEL_EVENT, "model_event.provider", "model_event.provider"),
				Arguments.of("/events/model", CREATE_MODEL_EVENT, "model_event.messages", "model_event.messages"),
				Arguments.of("/events/model", CREATE_MODEL_EVENT, "model_event.response", "model_event.response"),
				Arguments.of("/events/model", CREATE_MODEL_EVENT, "model_event.duration", "model_event.duration"),
				Arguments.of("/events/model", CREATE_MODEL_EVENT, "model_event.usage", "model_event.usage"),
				Arguments.of("/events/model/batch", CREATE_MODEL_EVENT_BATCH, "model_events", "model_events"),
				Arguments.of("/events/model/batch", CREATE_MODEL_EVENT_BATCH, "model_events.1.usage",
						"model_events[1].usage"),
				Arguments.of("/events/export", EXPORT, "project", "project"),
				Arguments.of("/events/export", EXPORT, "filters", "filters"),
				Arguments.of("/v1/events/export", EXPORT, "filters", "filters"));
	}

	@ParameterizedTest(name = "{0} without {2}")
	@MethodSource("requiredFields")
	void shouldRejectBodyMissingRequiredField(String path, String validBody, String removed, String field) {
		Map<String, Object> body = CollectorClient.parse(validBody);
		remove(body, removed);
		CollectorClient.Response response = this.client.post(path, CollectorClient.json(body));
		assertApiError(response, 400, "VALIDATION_ERROR", "Missing required field '" + field + "'");
		assertThat(this.store.sessionCount()).isZero();
	}

	@Test
	void shouldRejectUpdateWithoutEventId() {
		CollectorClient.Response response = this.client.put("/events", "{\"metadata\": {\"a\": 1}}");
		assertApiError(response, 400, "VALIDATION_ERROR", "Missing required field 'event_id'");
	}

	static Stream<Arguments> badTypes() {
		return Stream.of(Arguments.of("/events", CREATE_EVENT, "event.config", "\"faq\"", "event.config"),
				Arguments.of("/events", CREATE_EVENT, "event.inputs", "[]", "event.inputs"),
				Arguments.of("/events", CREATE_EVENT, "event.duration", "\"12\"", "event.duration"),
				Arguments.of("/events", CREATE_EVENT, "event.end_time", "1.5", "event.end_time"),
				Arguments.of("/events", CREATE_EVENT, "event.children_ids", "[1]", "event.children_ids"),
				Arguments.of("/events", CREATE_EVENT, "event.session_id", "42", "event.session_id"),
				Arguments.of("/session/start", SESSION_START, "session.start_time", "\"now\"", "session.start_time"),
				Arguments.of("/session/start", SESSION_START, "session.metadata", "true", "session.metadata"),
				Arguments.of("/events/model", CREATE_MODEL_EVENT, "model_event.messages", "{}", "model_event.messages"),
				Arguments.of("/events/model", CREATE_MODEL_EVENT, "model_event.cost", "\"cheap\"", "model_event.cost"),
				Arguments.of("/events/batch", CREATE_EVENT_BATCH, "events", "{}", "events"),
				Arguments.of("/events/batch", CREATE_EVENT_BATCH, "is_single_session", "\"yes\"", "is_single_session"),
				Arguments.of("/events/export", EXPORT, "filters", "{}", "filters"),
				Arguments.of("/events/export", EXPORT, "limit", "7501", "limit"),
				Arguments.of("/events/export", EXPORT, "page", "0", "page"));
	}

	@ParameterizedTest(name = "{0} with {2} = {3}")
	@MethodSource("badTypes")
	void shouldRejectFieldOfWrongType(String path, String validBody, String field, String value, String named) {
		Map<String, Object> body = CollectorClient.parse(validBody);
		set(body, field, CollectorClient.JSON.readValue(value, Object.class));
		CollectorClient.Response response = this.client.post(path, CollectorClient.json(body));
		assertApiError(response, 400, "VALIDATION_ERROR", "Invalid field '" + named + "'");
	}

	@ParameterizedTest
	@ValueSource(strings = { "session", "TOOL", "agent", "" })
	void shouldRejectUnknownEventType(String eventType) {
		CollectorClient.Response response = this.client.post("/events",
				CREATE_EVENT.replace("\"event_type\": \"tool\"", "\"event_type\": \"" + eventType + "\""));
		assertApiError(response, 400, "VALIDATION_ERROR", "Invalid field 'event.event_type'");
		assertThat(response.json().get("message").toString()).contains("'" + eventType + "'");
		assertThat(this.store.eventCount()).isZero();
	}

	@Test
	void shouldRejectWholeBatchWhenOneEventIsInvalid() {
		CollectorClient.Response response = this.client.post("/events/batch",
				CREATE_EVENT_BATCH.replace("\"event_type\": \"model\"", "\"event_type\": \"llm\""));
		assertApiError(response, 400, "VALIDATION_ERROR", "Invalid field 'events[1].event_type'");
		assertThat(this.store.eventCount()).isZero();
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"event\": {", "not json", "[1, 2]", "\"text\"", "" })
	void shouldRejectMalformedJson(String body) {
		CollectorClient.Response response = this.client.post("/events", body);
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.json()).containsEntry("statusCode", 400)
			.containsEntry("success", false)
			.containsEntry("errorCode", "INVALID_JSON")
			.containsKey("message");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "Basic dXNlcjpwYXNz", "Bearer ", "Bearer    " })
	void shouldRejectMissingBearerToken(String authorization) {
		CollectorClient.Response response = this.client.send(HttpMethod.POST, "/events", CREATE_EVENT,
				authorization.isEmpty() ? null : authorization);
		assertApiError(response, 401, "UNAUTHORIZED", "Authorization");
		assertThat(this.store.eventCount()).isZero();
	}

	@Test
	void shouldAnswerUnknownPathInErrorShape() {
		CollectorClient.Response response = this.client.post("/events/unknown", "{}");
		assertApiError(response, 404, "NOT_FOUND", "/honeyhive/api/events/unknown");
		assertThat(this.client.send(HttpMethod.GET, "/events", "", "Bearer k").status()).isEqualTo(404);
	}

	@Test
	void shouldMergeObjectsAndReplaceOutputsOnUpdate() {
		this.client.post("/events", CREATE_EVENT.replace("\"metadata\": {\"hits\": 1}",
				"\"metadata\": {\"hits\": 1, \"index\": \"faq\"}, \"feedback\": {\"rating\": 1}"));
		CollectorClient.Response response = this.client.put("/events", """
				{"event_id": "e0000000-0000-4000-8000-000000000001",
				 "metadata": {"hits": 2, "reranked": true}, "feedback": {"comment": "great"},
				 "metrics": {"relevance": 0.9}, "config": {"top_k": 3}, "user_properties": {"user": "u-1"},
				 "outputs": {"documents": []}, "duration": 99, "end_time": 1714978765000,
				 "children_ids": ["x-1"], "unknown_field": "ignored"}
				""");
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body()).isEmpty();
		CollectedEvent event = this.store.event("e0000000-0000-4000-8000-000000000001").orElseThrow();
		assertThat(event.metadata()).containsExactly(entry("hits", 2), entry("index", "faq"), entry("reranked", true));
		assertThat(event.feedback()).containsExactly(entry("rating", 1), entry("comment", "great"));
		assertThat(event.metrics()).containsExactly(entry("relevance", 0.9));
		assertThat(event.config()).containsExactly(entry("index", "faq"), entry("top_k", 3));
		assertThat(event.userProperties()).containsExactly(entry("user", "u-1"));
		assertThat(event.outputs()).containsExactly(entry("documents", List.of()));
		assertThat(event.duration()).isEqualTo(99);
		assertThat(event.endTime()).isEqualTo(1714978765000L);
		assertThat(event.childrenIds()).containsExactly("x-1");
		assertThat(event.inputs()).containsExactly(entry("query", "refund"));
		assertThat(event.fields()).doesNotContainKey("unknown_field");
	}

	@Test
	void shouldKeepOutputsWhenUpdateSendsNone() {
		this.client.post("/events", CREATE_EVENT);
		this.client.put("/events", UPDATE_EVENT);
		CollectedEvent event = this.store.event("e0000000-0000-4000-8000-000000000001").orElseThrow();
		assertThat(event.outputs()).containsExactly(entry("result", List.of("doc-1")));
		assertThat(event.metadata()).containsExactly(entry("hits", 2));
	}

	@Test
	void shouldUpdateSessionWhenEventIdIsSessionId() {
		this.client.post("/session/start", SESSION_START);
		CollectorClient.Response response = this.client.put("/events", """
				{"event_id": "7d1c5e0a-6b4e-4a59-9d55-1b3c2f0e8a10", "outputs": {"answer": "done"},
				 "metadata": {"turns": 2}}
				""");
		assertThat(response.status()).isEqualTo(200);
		CollectedEvent session = this.store.session(SESSION_ID).orElseThrow().session();
		assertThat(session.outputs()).containsExactly(entry("answer", "done"));
		assertThat(session.metadata()).containsExactly(entry("channel", "web"), entry("turns", 2));
	}

	@Test
	void shouldAnswerNotFoundForUnknownEventOnUpdate() {
		CollectorClient.Response response = this.client.put("/events", UPDATE_EVENT);
		assertApiError(response, 404, "EVENT_NOT_FOUND", "e0000000-0000-4000-8000-000000000001");
	}

	@Test
	void shouldRejectUpdateWithOutputsThatAreNotAnObject() {
		this.client.post("/events", CREATE_EVENT);
		CollectorClient.Response response = this.client.put("/events",
				"{\"event_id\": \"e0000000-0000-4000-8000-000000000001\", \"outputs\": \"text\"}");
		assertApiError(response, 400, "VALIDATION_ERROR", "Invalid field 'outputs'");
	}

	static void assertApiError(CollectorClient.Response response, int status, String errorCode, String message) {
		assertThat(response.status()).isEqualTo(status);
		assertThat(response.contentType()).startsWith("application/json");
		Map<String, Object> body = response.json();
		assertThat(body).containsOnlyKeys("statusCode", "message", "success", "errorCode")
			.containsEntry("statusCode", status)
			.containsEntry("success", false)
			.containsEntry("errorCode", errorCode);
		assertThat((String) body.get("message")).contains(message);
	}

	@SuppressWarnings("unchecked")
	private static void remove(Map<String, Object> body, String path) {
		String[] segments = path.split("\\.");
		Object parent = (segments.length == 1) ? body : navigate(body, segments);
		String last = segments[segments.length - 1];
		((Map<String, Object>) parent).remove(last);
	}

	@SuppressWarnings("unchecked")
	private static void set(Map<String, Object> body, String path, Object value) {
		String[] segments = path.split("\\.");
		Object parent = (segments.length == 1) ? body : navigate(body, segments);
		((Map<String, Object>) parent).put(segments[segments.length - 1], value);
	}

	private static Object navigate(Map<String, Object> body, String[] segments) {
		Object current = body;
		for (int i = 0; i < segments.length - 1; i++) {
			current = (current instanceof List<?> list) ? list.get(Integer.parseInt(segments[i]))
					: ((Map<?, ?>) current).get(segments[i]);
		}
		return current;
	}

}
