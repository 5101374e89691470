package ai.honeyhive.spring.collector;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.web.context.WebApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The export (getEvents) paths: filters, date range, projections and paging.
 */
@SpringBootTest(properties = { "honeyhive.enabled=false", "honeyhive.collector.enabled=true" })
class CollectorExportTests {

	private static final String SESSION_A = "a0000000-0000-4000-8000-000000000000";

	private static final String SESSION_B = "b0000000-0000-4000-8000-000000000000";

	/** 2024-05-06T07:00:00Z. */
	private static final long T0 = 1714978800000L;

	@Autowired
	private WebApplicationContext context;

	@Autowired
	private CollectorStore store;

	private CollectorClient client;

	@BeforeEach
	void setUp() {
		this.store.clear();
		this.client = new CollectorClient(this.context);
		assertThat(this.client.post("/session/start", """
				{"session": {"project": "support", "session_name": "a", "source": "dev",
				 "session_id": "%s", "start_time": %d}}
				""".formatted(SESSION_A, T0)).status()).isEqualTo(200);
		assertThat(this.client
			.post("/events/batch",
					"""
							{"events": [
							 {"project": "support", "source": "dev", "event_name": "assistant.answer", "event_type": "chain",
							  "config": {}, "inputs": {"message": "Where is my refund?"}, "duration": 50, "event_id": "a-chain",
							  "session_id": "%1$s", "start_time": %2$d, "metadata": {"turn": 1}},
							 {"project": "support", "source": "dev", "event_name": "knowledge.search", "event_type": "tool",
							  "config": {}, "inputs": {"query": "refund"}, "duration": 10, "event_id": "a-tool",
							  "session_id": "%1$s", "parent_id": "a-chain", "start_time": %3$d},
							 {"project": "support", "source": "dev", "event_name": "chat.model", "event_type": "model",
							  "config": {"model": "offline-1"}, "inputs": {"chat_history": [{"role": "user", "content": "refund"}]},
							  "duration": 30, "event_id": "a-model", "session_id": "%1$s", "parent_id": "a-chain",
							  "start_time": %4$d, "metadata": {"cost": 0.002, "total_tokens": 120}}
							]}
							"""
						.formatted(SESSION_A, T0 + 1000, T0 + 2000, T0 + 3000))
			.status()).isEqualTo(200);
		assertThat(this.client.post("/events/batch", """
				{"events": [
				 {"project": "support", "source": "prod", "event_name": "chat.model", "event_type": "model",
				  "config": {"model": "offline-1"}, "inputs": {}, "duration": 30, "event_id": "b-model",
				  "session_id": "%s", "start_time": %d, "metadata": {"cost": 0.0005, "total_tokens": 40}}
				]}
				""".formatted(SESSION_B, T0 + 86_400_000L)).status()).isEqualTo(200);
	}

	@Test
	void shouldExportSessionEventsInApiEventShapeByStartTime() {
		CollectorClient.Response response = export("/events/export", """
				{"project": "support", "filters": [{"field": "session_id", "value": "%s", "operator": "is",
				 "type": "string"}]}
				""".formatted(SESSION_A));
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json()).containsEntry("totalEvents", 4);
		List<Map<String, Object>> events = response.events();
		assertThat(events).extracting((event) -> event.get("event_id"))
			.containsExactly(SESSION_A, "a-chain", "a-tool", "a-model");
		assertThat(events.get(0)).containsEntry("event_type", "session").containsEntry("parent_id", null);
		assertThat(events.get(1)).containsEntry("parent_id", SESSION_A);
		assertThat(events.get(3)).containsOnlyKeys(EventDocuments.EVENT_FIELDS)
			.containsEntry("project_id", "support")
			.containsEntry("session_id", SESSION_A)
			.containsEntry("parent_id", "a-chain")
			.containsEntry("event_type", "model")
			.containsEntry("start_time", T0 + 3000)
			.containsEntry("end_time", T0 + 3030)
			.containsEntry("error", null);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/events/export", "/v1/events/export" })
	void shouldServeBothExportPaths(String path) {
		CollectorClient.Response response = export(path, """
				{"project": "support", "filters": [{"field": "event_type", "value": "model", "operator": "is",
				 "type": "string"}]}
				""");
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json()).containsEntry("totalEvents", 2);
		assertThat(response.events()).extracting((event) -> event.get("event_id"))
			.containsExactly("a-model", "b-model");
	}

	@Test
	void shouldFilterWithEveryOperator() {
		assertThat(ids(filter("event_name", "is not", "chat.model", "string"))).containsExactly(SESSION_A, "a-chain",
				"a-tool", SESSION_B);
		assertThat(ids(filter("event_name", "contains", "search", "string"))).containsExactly("a-tool");
		assertThat(ids(filter("event_name", "not contains", ".", "string"))).containsExactly(SESSION_A, SESSION_B);
		assertThat(ids(filter("metadata.cost", "greater than", "0.001", "number"))).containsExactly("a-model");
		assertThat(ids(filter("metadata.total_tokens", "is", "40", "number"))).containsExactly("b-model");
		assertThat(ids(filter("inputs.chat_history.0.content", "contains", "ref", "string")))
			.containsExactly("a-model");
		assertThat(ids(filter("source", "is", "prod", "string"))).containsExactly(SESSION_B, "b-model");
		assertThat(ids(filter("metadata.turn", "is", "1", "number"))).containsExactly("a-chain");
	}

	@Test
	void shouldFilterWithTheCurrentServersOperatorsAndTypes() {
		assertThat(ids(filter("metadata.cost", "less than", "0.001", "number"))).containsExactly("b-model");
		assertThat(ids(export("/events/export", """
				{"project": "support", "filters": [{"field": "metadata.turn", "value": null, "operator": "exists",
				 "type": "string"}]}
				"""))).containsExactly("a-chain");
		assertThat(ids(export("/events/export", """
				{"project": "support", "filters": [{"field": "metadata.turn", "value": null, "operator": "not exists",
				 "type": "string"}]}
				"""))).contains("a-tool", "a-model", "b-model").doesNotContain("a-chain");
		String between = java.time.Instant.ofEpochMilli(T0 + 2500).toString();
		assertThat(ids(filter("start_time", "after", between, "datetime"))).contains("a-model", "b-model")
			.doesNotContain(SESSION_A, "a-chain", "a-tool");
		assertThat(ids(filter("start_time", "before", between, "datetime"))).contains(SESSION_A, "a-chain", "a-tool")
			.doesNotContain("a-model", "b-model");
	}

	@Test
	void shouldCombineFiltersWithAnd() {
		CollectorClient.Response response = export("/events/export", """
				{"project": "support", "filters": [
				 {"field": "event_type", "value": "model", "operator": "is", "type": "string"},
				 {"field": "session_id", "value": "%s", "operator": "is", "type": "string"}]}
				""".formatted(SESSION_B));
		assertThat(ids(response)).containsExactly("b-model");
	}

	@Test
	void shouldFilterByDateRangeOnStartTime() {
		CollectorClient.Response response = export("/events/export", """
				{"project": "support", "filters": [],
				 "dateRange": {"$gte": "2024-05-06T07:00:01.000Z", "$lte": "2024-05-06T07:00:02.000Z"}}
				""");
		assertThat(ids(response)).containsExactly("a-chain", "a-tool");
		CollectorClient.Response later = export("/events/export", """
				{"project": "support", "filters": [], "dateRange": {"$gte": "2024-05-07T00:00:00Z"}}
				""");
		assertThat(ids(later)).containsExactly(SESSION_B, "b-model");
	}

	@Test
	void shouldPageWithLimitAndCountAllMatches() {
		CollectorClient.Response page1 = export("/events/export",
				"{\"project\": \"support\", \"filters\": [], \"limit\": 2, \"page\": 1}");
		CollectorClient.Response page2 = export("/events/export",
				"{\"project\": \"support\", \"filters\": [], \"limit\": 2, \"page\": 2}");
		CollectorClient.Response page4 = export("/events/export",
				"{\"project\": \"support\", \"filters\": [], \"limit\": 2, \"page\": 4}");
		assertThat(ids(page1)).containsExactly(SESSION_A, "a-chain");
		assertThat(ids(page2)).containsExactly("a-tool", "a-model");
		assertThat(ids(page4)).isEmpty();
		assertThat(page1.json()).containsEntry("totalEvents", 6);
		assertThat(page4.json()).containsEntry("totalEvents", 6);
	}

	@Test
	void shouldProjectRequestedFields() {
		CollectorClient.Response response = export("/events/export", """
				{"project": "support", "filters": [{"field": "event_id", "value": "a-model", "operator": "is"}],
				 "projections": ["event_id", "metadata.cost", "config"]}
				""");
		assertThat(response.events()).containsExactly(Map.of("event_id", "a-model", "metadata", Map.of("cost", 0.002),
				"config", Map.of("model", "offline-1")));
	}

	@Test
	void shouldRejectLegacyIdFilterType() {
		CollectorClient.Response response = filter("session_id", "is", SESSION_A, "id");
		CollectorControllerTests.assertApiError(response, 400, "VALIDATION_ERROR", "filters[0].type");
	}

	@Test
	void shouldRejectUnknownOperator() {
		CollectorClient.Response response = filter("session_id", "equals", SESSION_A, "string");
		CollectorControllerTests.assertApiError(response, 400, "VALIDATION_ERROR",
				"Invalid field 'filters[0].operator'");
	}

	@Test
	void shouldRejectFilterWithoutField() {
		CollectorClient.Response response = export("/events/export",
				"{\"project\": \"support\", \"filters\": [{\"operator\": \"is\", \"value\": \"x\"}]}");
		CollectorControllerTests.assertApiError(response, 400, "VALIDATION_ERROR",
				"Missing required field 'filters[0].field'");
	}

	@Test
	void shouldRejectDateRangeThatIsNotIsoTime() {
		CollectorClient.Response response = export("/events/export",
				"{\"project\": \"support\", \"filters\": [], \"dateRange\": {\"$gte\": \"yesterday\"}}");
		CollectorControllerTests.assertApiError(response, 400, "VALIDATION_ERROR", "Invalid field 'dateRange.$gte'");
	}

	@Test
	void shouldAcceptMaximumLimit() {
		CollectorClient.Response response = export("/events/export",
				"{\"project\": \"support\", \"filters\": [], \"limit\": 7500}");
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.events()).hasSize(6);
	}

	private CollectorClient.Response filter(String field, String operator, String value, String type) {
		return export("/events/export", """
				{"project": "support", "filters": [{"field": "%s", "value": "%s", "operator": "%s", "type": "%s"}]}
				""".formatted(field, value, operator, type));
	}

	private CollectorClient.Response export(String path, String body) {
		return this.client.post(path, body);
	}

	private static List<Object> ids(CollectorClient.Response response) {
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return response.events().stream().map((event) -> event.get("event_id")).toList();
	}

}
