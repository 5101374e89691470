package ai.honeyhive.spring.client;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.web.client.RestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Tests for {@link RestEventsClient} against WireMock: requests checked before they
 * leave, 2xx answers that are not a success, the export path of the current server, the
 * key's prefix, customizers and failures that are not retried.
 */
@Timeout(30)
@ExtendWith(OutputCaptureExtension.class)
class RestEventsClientChecksTests {

	private static final String KEY = "hh-test-key-123";

	@RegisterExtension
	static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private RestEventsClient.Builder builder() {
		return RestEventsClient.builder()
			.baseUrl(server.baseUrl())
			.apiKey(KEY)
			.initialInterval(Duration.ofMillis(10))
			.maxInterval(Duration.ofMillis(50))
			.readTimeout(Duration.ofSeconds(5));
	}

	private RestEventsClient client() {
		return builder().build();
	}

	private static CreateEventRequest.Builder event() {
		return CreateEventRequest.builder().eventType(EventType.TOOL);
	}

	private static CreateModelEventRequest.Builder modelEvent() {
		return CreateModelEventRequest.builder()
			.model("gpt-4o")
			.provider("openai")
			.messages(List.of(Map.of("role", "user", "content", "hi")))
			.response(Map.of("content", "hello"))
			.usage(Map.of("total_tokens", 5))
			.duration(3.0);
	}

	// ---- the current server's export path

	@Test
	void getEventsFallsBackToTheV1PathAfterA404AndKeepsIt(CapturedOutput output) {
		server.stubFor(post("/events/export").willReturn(aResponse().withStatus(404)));
		server.stubFor(post("/v1/events/export").willReturn(okJson("""
				{"events": [{"event_id": "e-1", "event_type": "tool"}], "count": 1}
				""")));
		RestEventsClient client = client();
		GetEventsResponse first = client.getEvents(GetEventsRequest.of("proj", EventFilter.is("session_id", "s-1")));
		assertThat(first.events()).extracting(Event::eventId).containsExactly("e-1");
		assertThat(first.totalEvents()).isEqualTo(1);
		GetEventsResponse second = client.getEvents(GetEventsRequest.of("proj"));
		assertThat(second.events()).extracting(Event::eventId).containsExactly("e-1");
		server.verify(exactly(1), postRequestedFor(urlEqualTo("/events/export")));
		server.verify(exactly(2), postRequestedFor(urlEqualTo("/v1/events/export")));
		assertThat(output).containsOnlyOnce("using /v1/events/export from now on")
			.contains("honeyhive.client.export-path");
	}

	@Test
	void getEventsKeepsTheLegacyPathWhenItAnswers() {
		server.stubFor(post("/events/export").willReturn(okJson("{\"events\": [], \"totalEvents\": 0}")));
		RestEventsClient client = client();
		client.getEvents(GetEventsRequest.of("proj"));
		client.getEvents(GetEventsRequest.of("proj"));
		server.verify(exactly(2), postRequestedFor(urlEqualTo("/events/export")));
		server.verify(exactly(0), postRequestedFor(urlEqualTo("/v1/events/export")));
	}

	@Test
	void getEventsReportsTheSecondFailureWhenNeitherPathAnswers() {
		server.stubFor(post("/events/export").willReturn(aResponse().withStatus(404)));
		server.stubFor(post("/v1/events/export").willReturn(aResponse().withStatus(404)));
		RestEventsClient client = client();
		assertThatExceptionOfType(HoneyHiveApiException.class)
			.isThrownBy(() -> client.getEvents(GetEventsRequest.of("proj")))
			.satisfies((ex) -> {
				assertThat(ex.getStatusCode()).isEqualTo(404);
				assertThat(ex.getSuppressed()).hasSize(1);
			});
	}

	@Test
	void aPinnedExportPathIsNeverSwitched() {
		server.stubFor(post("/events/export").willReturn(aResponse().withStatus(404)));
		server.stubFor(post("/v1/events/export").willReturn(okJson("{\"events\": []}")));
		RestEventsClient client = builder().exportPath("/events/export").build();
		assertThatExceptionOfType(HoneyHiveApiException.class)
			.isThrownBy(() -> client.getEvents(GetEventsRequest.of("proj")))
			.satisfies((ex) -> assertThat(ex.getStatusCode()).isEqualTo(404));
		server.verify(exactly(0), postRequestedFor(urlEqualTo("/v1/events/export")));
	}

	// ---- 2xx answers that are not a success

	@Test
	void aCreateAnsweredWithSuccessFalseIsAnErrorAndNotRetried() {
		server.stubFor(post("/events").willReturn(okJson("{\"event_id\": \"e-1\", \"success\": false}")));
		assertThatExceptionOfType(HoneyHiveApiException.class).isThrownBy(() -> client().createEvent(event().build()))
			.satisfies((ex) -> {
				assertThat(ex.getStatusCode()).isEqualTo(200);
				assertThat(ex.isRetryable()).isFalse();
				assertThat(ex.getMessage()).contains("success").contains("false");
			});
		server.verify(exactly(1), postRequestedFor(urlEqualTo("/events")));
	}

	@Test
	void aModelCreateAnsweredWithSuccessFalseIsAnError() {
		server.stubFor(post("/events/model").willReturn(okJson("{\"success\": false}")));
		assertThatExceptionOfType(HoneyHiveApiException.class)
			.isThrownBy(() -> client().createModelEvent(modelEvent().build()))
			.satisfies((ex) -> assertThat(ex.isRetryable()).isFalse());
	}

	@Test
	void aBatchAnsweredWithSuccessFalseIsAnErrorAndNotRetried() {
		server.stubFor(post("/events/batch").willReturn(okJson("{\"event_ids\": [\"e-1\"], \"success\": false}")));
		assertThatExceptionOfType(HoneyHiveApiException.class).isThrownBy(
				() -> client().createEventBatch(CreateEventBatchRequest.of(List.of(event().eventId("e-1").build()))))
			.satisfies((ex) -> {
				assertThat(ex).isNotInstanceOf(HoneyHivePartialBatchException.class);
				assertThat(ex.isRetryable()).isFalse();
			});
		server
			.stubFor(post("/events/model/batch").willReturn(okJson("{\"event_ids\": [\"m-1\"], \"success\": false}")));
		assertThatExceptionOfType(HoneyHiveApiException.class).isThrownBy(() -> client()
			.createModelEventBatch(new CreateModelEventBatchRequest(List.of(modelEvent().build()), null, null)));
		server.verify(exactly(1), postRequestedFor(urlEqualTo("/events/batch")));
	}

	@Test
	void aBatchAnswerListingFewerIdsThanSentIsPartial() {
		server.stubFor(post("/events/batch").willReturn(okJson("{\"event_ids\": [\"e-1\"], \"success\": true}")));
		CreateEventBatchRequest batch = CreateEventBatchRequest
			.of(List.of(event().eventId("e-1").build(), event().eventId("e-2").build()));
		assertThatExceptionOfType(HoneyHivePartialBatchException.class)
			.isThrownBy(() -> client().createEventBatch(batch))
			.satisfies((ex) -> {
				assertThat(ex.getEventIds()).containsExactly("e-1");
				assertThat(ex.getErrors()).isEmpty();
				assertThat(ex.getStatusCode()).isEqualTo(200);
				assertThat(ex.isRetryable()).isFalse();
				assertThat(ex.getMessage()).contains("1 of 2");
			});
		server.stubFor(post("/events/model/batch").willReturn(okJson("{\"event_ids\": []}")));
		assertThatExceptionOfType(HoneyHivePartialBatchException.class)
			.isThrownBy(() -> client()
				.createModelEventBatch(new CreateModelEventBatchRequest(List.of(modelEvent().build()), null, null)))
			.satisfies((ex) -> assertThat(ex.getEventIds()).isEmpty());
		server.verify(exactly(1), postRequestedFor(urlEqualTo("/events/batch")));
	}

	@Test
	void aBatchAnswerListingEveryIdIsASuccess() {
		server.stubFor(
				post("/events/batch").willReturn(okJson("{\"event_ids\": [\"e-1\", \"e-2\"], \"success\": true}")));
		CreateEventBatchRequest batch = CreateEventBatchRequest
			.of(List.of(event().eventId("e-1").build(), event().eventId("e-2").build()));
		assertThat(client().createEventBatch(batch).eventIds()).containsExactly("e-1", "e-2");
	}

	// ---- requests checked before they leave

	@Test
	void anEventWithoutARequiredFieldIsRefusedBeforeItIsSent() {
		assertRefused("event_type", (client) -> client.createEvent(CreateEventRequest.builder().build()));
		assertRefused("inputs", (client) -> client.createEvent(event().inputs(null).build()));
		assertRefused("events[1]", (client) -> client.createEventBatch(
				CreateEventBatchRequest.of(List.of(event().build(), CreateEventRequest.builder().build()))));
	}

	@Test
	void aModelEventWithoutARequiredFieldIsRefusedBeforeItIsSent() {
		assertRefused("'model'", (client) -> client.createModelEvent(modelEvent().model(null).build()));
		assertRefused("'provider'", (client) -> client.createModelEvent(modelEvent().provider(null).build()));
		assertRefused("'messages'", (client) -> client.createModelEvent(modelEvent().messages(null).build()));
		assertRefused("'response'", (client) -> client.createModelEvent(modelEvent().response(null).build()));
		assertRefused("'usage'", (client) -> client.createModelEvent(modelEvent().usage(null).build()));
		assertRefused("'duration'", (client) -> client.createModelEvent(modelEvent().duration(null).build()));
		assertRefused("model_events[0]", (client) -> client.createModelEventBatch(
				new CreateModelEventBatchRequest(List.of(modelEvent().usage(null).build()), null, null)));
	}

	@Test
	void aQueryWithAOneSidedRangeOrAnIncompleteFilterIsRefusedBeforeItIsSent() {
		assertRefused("$lte", (client) -> client.getEvents(new GetEventsRequest("proj", List.of(),
				new DateRange("2024-01-01T00:00:00Z", null), null, null, null)));
		assertRefused("$gte", (client) -> client.getEvents(new GetEventsRequest("proj", List.of(),
				new DateRange(null, "2024-01-01T00:00:00Z"), null, null, null)));
		assertRefused("'field'", (client) -> client.getEvents(GetEventsRequest.of("proj",
				new EventFilter(null, "x", EventFilter.Operator.IS, EventFilter.Type.STRING))));
		assertRefused("'operator'", (client) -> client
			.getEvents(GetEventsRequest.of("proj", new EventFilter("f", "x", null, EventFilter.Type.STRING))));
		assertRefused("'value'", (client) -> client.getEvents(GetEventsRequest.of("proj",
				new EventFilter("f", null, EventFilter.Operator.IS, EventFilter.Type.STRING))));
		assertRefused("'type'", (client) -> client
			.getEvents(GetEventsRequest.of("proj", new EventFilter("f", "x", EventFilter.Operator.IS, null))));
	}

	private void assertRefused(String field, Consumer<RestEventsClient> call) {
		assertThatIllegalArgumentException().isThrownBy(() -> call.accept(client())).withMessageContaining(field);
		assertThat(server.getAllServeEvents()).isEmpty();
	}

	@Test
	void filtersSpeakTheCurrentServersOperatorsTypesAndValues() {
		server.stubFor(post("/events/export").willReturn(okJson("{\"events\": []}")));
		client().getEvents(GetEventsRequest.of("proj",
				new EventFilter("metrics.score", 0.5, EventFilter.Operator.LESS_THAN, EventFilter.Type.NUMBER),
				new EventFilter("metadata.cached", true, EventFilter.Operator.IS, EventFilter.Type.BOOLEAN),
				new EventFilter("feedback.rating", null, EventFilter.Operator.EXISTS, EventFilter.Type.NUMBER),
				new EventFilter("error", null, EventFilter.Operator.NOT_EXISTS, EventFilter.Type.STRING),
				new EventFilter("start_time", "2024-04-01T00:00:00Z", EventFilter.Operator.AFTER,
						EventFilter.Type.DATETIME),
				new EventFilter("end_time", 1712000000000L, EventFilter.Operator.BEFORE, EventFilter.Type.DATETIME)));
		server.verify(postRequestedFor(urlEqualTo("/events/export")).withRequestBody(equalToJson("""
				{"project": "proj", "filters": [
				 {"field": "metrics.score", "value": 0.5, "operator": "less than", "type": "number"},
				 {"field": "metadata.cached", "value": true, "operator": "is", "type": "boolean"},
				 {"field": "feedback.rating", "value": null, "operator": "exists", "type": "number"},
				 {"field": "error", "value": null, "operator": "not exists", "type": "string"},
				 {"field": "start_time", "value": "2024-04-01T00:00:00Z", "operator": "after", "type": "datetime"},
				 {"field": "end_time", "value": 1712000000000, "operator": "before", "type": "datetime"}]}
				""")));
	}

	@Test
	void aFilterValueMustBeAStringANumberOrABoolean() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new EventFilter("f", List.of("a"), EventFilter.Operator.IS, EventFilter.Type.STRING))
			.withMessageContaining("'value'");
	}

	// ---- the key, customizers, failures that are not retried

	@Test
	void aKeyConfiguredWithABearerPrefixIsSentOnce() {
		server.stubFor(post("/events").willReturn(okJson("{\"event_id\": \"e-1\"}")));
		for (String configured : List.of("Bearer " + KEY, "  bearer   " + KEY + " ", KEY + "\n")) {
			server.resetRequests();
			builder().apiKey(configured).build().createEvent(event().build());
			server
				.verify(postRequestedFor(urlEqualTo("/events")).withHeader("Authorization", equalTo("Bearer " + KEY)));
		}
		assertThat(builder().apiKey("Bearer ").build().toString()).contains("apiKey=none");
	}

	@Test
	void customizersApplyButCannotReplaceTheKey() {
		server.stubFor(post("/events").willReturn(okJson("{\"event_id\": \"e-1\"}")));
		RestEventsClient client = builder().customizers(List.of((builder) -> builder.defaultHeader("X-Team", "search"),
				(builder) -> builder.defaultHeader("Authorization", "Bearer someone-else")))
			.build();
		client.createEvent(event().build());
		server.verify(postRequestedFor(urlEqualTo("/events")).withHeader("X-Team", equalTo("search"))
			.withHeader("Authorization", equalTo("Bearer " + KEY)));
	}

	@Test
	void aFailureThatIsNeitherHttpNorIoPropagatesUnchangedAndIsNotRetried() {
		AtomicInteger attempts = new AtomicInteger();
		IllegalStateException bug = new IllegalStateException("No instances available for api.honeyhive.ai");
		RestClient.Builder failing = RestClient.builder().requestInterceptor((request, body, execution) -> {
			attempts.incrementAndGet();
			throw bug;
		});
		RestEventsClient client = builder().restClientBuilder(failing).maxAttempts(3).build();
		assertThatThrownBy(() -> client.createEvent(event().build())).isSameAs(bug);
		assertThat(attempts).hasValue(1);
		assertThat(server.getAllServeEvents()).isEmpty();
	}

}
