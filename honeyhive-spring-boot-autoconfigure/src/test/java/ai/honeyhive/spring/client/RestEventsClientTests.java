package ai.honeyhive.spring.client;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.client.RestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link RestEventsClient} against WireMock: the exact JSON on the wire for
 * every operation, the parsed answers, error mapping, retries and timeouts.
 */
@Timeout(30)
class RestEventsClientTests {

	private static final String KEY = "hh-test-key-123";

	@RegisterExtension
	static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private static CreateEventRequest event() {
		return CreateEventRequest.builder().eventType(EventType.TOOL).build();
	}

	private RestEventsClient client() {
		return builder().build();
	}

	private RestEventsClient.Builder builder() {
		return RestEventsClient.builder()
			.baseUrl(server.baseUrl())
			.apiKey(KEY)
			.initialInterval(Duration.ofMillis(10))
			.maxInterval(Duration.ofMillis(50))
			.readTimeout(Duration.ofSeconds(5));
	}

	private static void verifyHeaders(com.github.tomakehurst.wiremock.matching.RequestPatternBuilder request) {
		server.verify(request.withHeader("Authorization", equalTo("Bearer " + KEY))
			.withHeader("Content-Type", equalTo("application/json"))
			.withHeader("Accept", equalTo("application/json"))
			.withHeader("User-Agent", equalTo(RestEventsClient.USER_AGENT)));
	}

	@Test
	void userAgentNamesTheStarterAndItsVersion() {
		assertThat(RestEventsClient.USER_AGENT).matches("honeyhive-spring-boot-starter/\\d+\\.\\d+\\.\\d+.*");
	}

	@Test
	void startSessionPostsTheSessionWrapped() {
		server.stubFor(post("/session/start").willReturn(okJson("{\"session_id\":\"s-1\",\"extra\":true}")));
		StartSessionResponse response = client().startSession(SessionStartRequest.builder()
			.project("proj")
			.sessionName("chat")
			.source("dev")
			.sessionId("s-1")
			.inputs(Map.of("question", "hi"))
			.metadata(Map.of("user", "u1"))
			.startTime(1700000000000L)
			.build());
		assertThat(response.sessionId()).isEqualTo("s-1");
		verifyHeaders(postRequestedFor(urlEqualTo("/session/start")).withRequestBody(equalToJson("""
				{"session": {"project": "proj", "session_name": "chat", "source": "dev", "session_id": "s-1",
				 "inputs": {"question": "hi"}, "metadata": {"user": "u1"}, "start_time": 1700000000000}}
				""")));
	}

	@Test
	void createEventPostsTheEventWrappedWithoutNulls() {
		server.stubFor(post("/events").willReturn(okJson("{\"event_id\":\"e-1\",\"success\":true}")));
		CreateEventResponse response = client().createEvent(CreateEventRequest.builder()
			.project("proj")
			.source("dev")
			.eventName("retrieve")
			.eventType(EventType.TOOL)
			.eventId("e-1")
			.sessionId("s-1")
			.parentId("p-1")
			.childrenIds(List.of("c-1"))
			.inputs(Map.of("query", "q"))
			.outputs(Map.of("result", "r"))
			.startTime(1L)
			.endTime(3L)
			.duration(2.5)
			.metadata(Map.of("k", 1))
			.build());
		assertThat(response.eventId()).isEqualTo("e-1");
		assertThat(response.success()).isTrue();
		verifyHeaders(postRequestedFor(urlEqualTo("/events")).withRequestBody(equalToJson("""
				{"event": {"project": "proj", "source": "dev", "event_name": "retrieve", "event_type": "tool",
				 "event_id": "e-1", "session_id": "s-1", "parent_id": "p-1", "children_ids": ["c-1"], "config": {},
				 "inputs": {"query": "q"}, "outputs": {"result": "r"}, "start_time": 1, "end_time": 3,
				 "duration": 2.5, "metadata": {"k": 1}}}
				""")));
	}

	@Test
	void updateEventPutsAFlatBody() {
		server.stubFor(put("/events").willReturn(aResponse().withStatus(200)));
		client().updateEvent(UpdateEventRequest.builder("e-1")
			.feedback(Map.of("rating", 5))
			.metadata(Map.of("reviewed", true))
			.build());
		verifyHeaders(putRequestedFor(urlEqualTo("/events")).withRequestBody(equalToJson("""
				{"event_id": "e-1", "feedback": {"rating": 5}, "metadata": {"reviewed": true}}
				""")));
	}

	@Test
	void withoutRetriesMakesOneAttemptPerCall() {
		server.stubFor(put("/events").willReturn(aResponse().withStatus(503)));
		RestEventsClient client = builder().maxAttempts(3).build();
		assertThatExceptionOfType(HoneyHiveApiException.class)
			.isThrownBy(() -> client.withoutRetries().updateEvent(UpdateEventRequest.builder("e").build()));
		server.verify(1, putRequestedFor(urlEqualTo("/events")));
		assertThatExceptionOfType(HoneyHiveApiException.class)
			.isThrownBy(() -> client.updateEvent(UpdateEventRequest.builder("e").build()));
		server.verify(4, putRequestedFor(urlEqualTo("/events")));
	}

	@Test
	void getEventsPostsTheQueryAndAcceptsCountOrTotalEvents() {
		server.stubFor(post("/events/export").willReturn(okJson("""
				{"events": [{"event_id": "e-1", "event_type": "model", "session_id": "s-1",
				  "start_time": "2024-04-01T22:38:19.000Z", "end_time": 1711992000000, "unknown": 1,
				  "metadata": {"total_tokens": 42}}],
				 "totalEvents": 1}
				""")));
		GetEventsRequest query = new GetEventsRequest("proj",
				List.of(new EventFilter("session_id", "s-1", EventFilter.Operator.IS, EventFilter.Type.STRING)),
				new DateRange("2024-04-01T00:00:00Z", "2024-04-02T00:00:00Z"), List.of("event_id"), 10, 1);
		GetEventsResponse response = client().getEvents(query);
		assertThat(response.totalEvents()).isEqualTo(1);
		Event event = response.events().get(0);
		assertThat(event.eventId()).isEqualTo("e-1");
		assertThat(event.eventType()).isEqualTo(EventType.MODEL);
		assertThat(event.startTime()).isEqualTo(1712011099000L);
		assertThat(event.endTime()).isEqualTo(1711992000000L);
		assertThat(event.metadata()).containsEntry("total_tokens", 42);
		verifyHeaders(postRequestedFor(urlEqualTo("/events/export")).withRequestBody(equalToJson("""
				{"project": "proj",
				 "filters": [{"field": "session_id", "value": "s-1", "operator": "is", "type": "string"}],
				 "dateRange": {"$gte": "2024-04-01T00:00:00Z", "$lte": "2024-04-02T00:00:00Z"},
				 "projections": ["event_id"], "limit": 10, "page": 1}
				""")));

		server.stubFor(post("/v1/events/export").willReturn(okJson("{\"events\": [], \"count\": 7}")));
		GetEventsResponse counted = builder().exportPath("/v1/events/export")
			.build()
			.getEvents(GetEventsRequest.of("proj"));
		assertThat(counted.totalEvents()).isEqualTo(7);
		assertThat(counted.events()).isEmpty();
	}

	@Test
	void createModelEventPostsTheModelEventWrapped() {
		server.stubFor(post("/events/model").willReturn(okJson("{\"event_id\":\"m-1\",\"success\":true}")));
		CreateEventResponse response = client().createModelEvent(CreateModelEventRequest.builder()
			.project("proj")
			.model("gpt-4o")
			.provider("openai")
			.messages(List.of(Map.of("role", "user", "content", "hi")))
			.response(Map.of("role", "assistant", "content", "hello"))
			.duration(12.0)
			.usage(Map.of("prompt_tokens", 3, "completion_tokens", 2, "total_tokens", 5))
			.cost(0.001)
			.hyperparameters(Map.of("temperature", 0))
			.build());
		assertThat(response.eventId()).isEqualTo("m-1");
		verifyHeaders(postRequestedFor(urlEqualTo("/events/model")).withRequestBody(equalToJson("""
				{"model_event": {"project": "proj", "model": "gpt-4o", "provider": "openai",
				 "messages": [{"role": "user", "content": "hi"}], "response": {"role": "assistant", "content": "hello"},
				 "duration": 12.0, "usage": {"prompt_tokens": 3, "completion_tokens": 2, "total_tokens": 5},
				 "cost": 0.001, "hyperparameters": {"temperature": 0}}}
				""")));
	}

	@Test
	void createEventBatchPostsEventsAndSessionProperties() {
		server.stubFor(post("/events/batch")
			.willReturn(okJson("{\"event_ids\":[\"e-1\"],\"session_id\":\"s-1\",\"success\":true}")));
		CreateEventBatchRequest batch = new CreateEventBatchRequest(
				List.of(CreateEventRequest.builder().project("proj").eventName("a").eventType(EventType.CHAIN).build()),
				true, new SessionProperties("chat", "dev", "s-1", null, null, null, null, null, null, null,
						Map.of("m", "v")));
		CreateEventBatchResponse response = client().createEventBatch(batch);
		assertThat(response.eventIds()).containsExactly("e-1");
		assertThat(response.sessionId()).isEqualTo("s-1");
		verifyHeaders(postRequestedFor(urlEqualTo("/events/batch")).withRequestBody(equalToJson("""
				{"events": [{"project": "proj", "event_name": "a", "event_type": "chain", "config": {}, "inputs": {}}],
				 "is_single_session": true,
				 "session_properties": {"session_name": "chat", "source": "dev", "session_id": "s-1",
				  "metadata": {"m": "v"}}}
				""")));
	}

	@Test
	void createModelEventBatchPostsModelEvents() {
		server.stubFor(post("/events/model/batch").willReturn(okJson("{\"event_ids\":[\"m-1\"],\"success\":true}")));
		CreateModelEventBatchRequest batch = new CreateModelEventBatchRequest(List.of(CreateModelEventRequest.builder()
			.project("proj")
			.model("m")
			.provider("p")
			.messages(List.of(Map.of("role", "user", "content", "hi")))
			.response(Map.of("content", "hello"))
			.usage(Map.of("total_tokens", 5))
			.duration(3.0)
			.build()), null, null);
		assertThat(client().createModelEventBatch(batch).eventIds()).containsExactly("m-1");
		verifyHeaders(postRequestedFor(urlEqualTo("/events/model/batch")).withRequestBody(equalToJson("""
				{"model_events": [{"project": "proj", "model": "m", "provider": "p",
				 "messages": [{"role": "user", "content": "hi"}], "response": {"content": "hello"},
				 "usage": {"total_tokens": 5}, "duration": 3.0}]}
				""")));
	}

	@Test
	void partialBatchAnswerRaisesATypedExceptionAndIsNotRetried() {
		server.stubFor(post("/events/batch").willReturn(aResponse().withStatus(500)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"event_ids\":[\"e-1\"],\"errors\":[\"e-2: bad event\"],\"success\":false}")));
		assertThatExceptionOfType(HoneyHivePartialBatchException.class)
			.isThrownBy(() -> client().createEventBatch(CreateEventBatchRequest
				.of(List.of(CreateEventRequest.builder().eventType(EventType.TOOL).eventId("e-1").build(),
						CreateEventRequest.builder().eventType(EventType.TOOL).eventId("e-2").build()))))
			.satisfies((ex) -> {
				assertThat(ex.getEventIds()).containsExactly("e-1");
				assertThat(ex.getErrors()).containsExactly("e-2: bad event");
				assertThat(ex.getStatusCode()).isEqualTo(500);
				assertThat(ex.isRetryable()).isFalse();
			});
		server.verify(exactly(1), postRequestedFor(urlEqualTo("/events/batch")));
	}

	@Test
	void apiErrorCarriesStatusCodeAndMessage() {
		server.stubFor(post("/events").willReturn(aResponse().withStatus(400)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"statusCode\":400,\"errorCode\":\"INVALID\",\"message\":\"project is required\"}")));
		assertThatExceptionOfType(HoneyHiveApiException.class).isThrownBy(() -> client().createEvent(event()))
			.satisfies((ex) -> {
				assertThat(ex.getStatusCode()).isEqualTo(400);
				assertThat(ex.getErrorCode()).isEqualTo("INVALID");
				assertThat(ex.getApiMessage()).isEqualTo("project is required");
				assertThat(ex.getMessage()).contains("400").contains("project is required").doesNotContain(KEY);
				assertThat(ex.isRetryable()).isFalse();
			});
		server.verify(exactly(1), postRequestedFor(urlEqualTo("/events")));
	}

	@Test
	void htmlErrorPageIsKeptRawAndTruncated() {
		String html = "<html><body>" + "Bad gateway ".repeat(1000) + "</body></html>";
		server.stubFor(post("/events").willReturn(aResponse().withStatus(502).withBody(html)));
		RestEventsClient client = builder().maxAttempts(1).build();
		assertThatExceptionOfType(HoneyHiveApiException.class).isThrownBy(() -> client.createEvent(event()))
			.satisfies((ex) -> {
				assertThat(ex.getStatusCode()).isEqualTo(502);
				assertThat(ex.getApiMessage()).isNull();
				assertThat(ex.getResponseBody()).startsWith("<html>").endsWith("...[truncated]");
				assertThat(ex.getResponseBody().length()).isLessThan(HoneyHiveApiException.MAX_BODY_LENGTH + 20);
				assertThat(ex.getMessage().length()).isLessThan(300);
				assertThat(ex.isRetryable()).isTrue();
			});
	}

	@Test
	void retriesRetryableStatusesThenSucceeds() {
		server.stubFor(post("/events").inScenario("flaky")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(503))
			.willSetStateTo("second"));
		server.stubFor(post("/events").inScenario("flaky")
			.whenScenarioStateIs("second")
			.willReturn(aResponse().withStatus(429))
			.willSetStateTo("third"));
		server.stubFor(post("/events").inScenario("flaky")
			.whenScenarioStateIs("third")
			.willReturn(okJson("{\"event_id\":\"e-1\",\"success\":true}")));
		assertThat(client().createEvent(event()).eventId()).isEqualTo("e-1");
		server.verify(exactly(3), postRequestedFor(urlEqualTo("/events")));
	}

	@Test
	void honoursRetryAfterSeconds() {
		server.stubFor(post("/events").inScenario("limited")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1"))
			.willSetStateTo("ok"));
		server.stubFor(post("/events").inScenario("limited")
			.whenScenarioStateIs("ok")
			.willReturn(okJson("{\"event_id\":\"e-1\"}")));
		long start = System.nanoTime();
		client().createEvent(event());
		Duration waited = Duration.ofNanos(System.nanoTime() - start);
		// the client's own backoff is 10 ms; only the header explains a wait of a second
		assertThat(waited).isGreaterThanOrEqualTo(Duration.ofMillis(950));
		server.verify(exactly(2), postRequestedFor(urlEqualTo("/events")));
	}

	@Test
	void givesUpWhenRetryAfterExceedsTheTimeBudget() {
		server.stubFor(post("/events").willReturn(aResponse().withStatus(503).withHeader("Retry-After", "120")));
		RestEventsClient client = builder().maxElapsedTime(Duration.ofSeconds(2)).build();
		assertThatExceptionOfType(HoneyHiveApiException.class).isThrownBy(() -> client.createEvent(event()))
			.satisfies((ex) -> assertThat(ex.getRetryAfter()).isEqualTo(Duration.ofSeconds(120)));
		server.verify(exactly(1), postRequestedFor(urlEqualTo("/events")));
	}

	@Test
	void attemptsAreBounded() {
		server.stubFor(post("/events").willReturn(aResponse().withStatus(500)));
		RestEventsClient client = builder().maxAttempts(4).build();
		assertThatExceptionOfType(HoneyHiveApiException.class).isThrownBy(() -> client.createEvent(event()))
			.satisfies((ex) -> assertThat(ex.getStatusCode()).isEqualTo(500));
		server.verify(exactly(4), postRequestedFor(urlEqualTo("/events")));
	}

	@Test
	void clientErrorsAreNeverRetried() {
		for (int status : new int[] { 400, 401, 403, 404 }) {
			server.resetAll();
			server.stubFor(post("/events").willReturn(aResponse().withStatus(status)));
			assertThatExceptionOfType(HoneyHiveApiException.class).isThrownBy(() -> client().createEvent(event()))
				.satisfies((ex) -> assertThat(ex.getStatusCode()).isEqualTo(status));
			server.verify(exactly(1), postRequestedFor(urlEqualTo("/events")));
		}
	}

	@Test
	void readTimeoutIsATransportTimeout() {
		server.stubFor(post("/events").willReturn(okJson("{}").withFixedDelay(3000)));
		RestEventsClient client = builder().readTimeout(Duration.ofMillis(300)).maxAttempts(2).build();
		assertThatExceptionOfType(HoneyHiveTransportException.class).isThrownBy(() -> client.createEvent(event()))
			.satisfies((ex) -> {
				assertThat(ex.isTimeout()).isTrue();
				assertThat(ex.isRetryable()).isTrue();
				assertThat(ex.getMessage()).contains("POST " + server.baseUrl() + "/events").doesNotContain(KEY);
			});
		server.verify(exactly(2), postRequestedFor(urlEqualTo("/events")));
	}

	@Test
	void connectionResetIsATransportFailure() {
		server.stubFor(post("/events").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
		RestEventsClient client = builder().maxAttempts(1).build();
		assertThatExceptionOfType(HoneyHiveTransportException.class).isThrownBy(() -> client.createEvent(event()))
			.satisfies((ex) -> assertThat(ex.isTimeout()).isFalse());
	}

	@Test
	void connectionRefusedIsATransportFailure() {
		RestEventsClient client = RestEventsClient.builder()
			.baseUrl("http://127.0.0.1:1")
			.apiKey(KEY)
			.maxAttempts(2)
			.initialInterval(Duration.ofMillis(10))
			.build();
		assertThatExceptionOfType(HoneyHiveTransportException.class)
			.isThrownBy(() -> client.startSession(SessionStartRequest.builder().build()))
			.satisfies((ex) -> assertThat(ex.getMessage())
				// Names the host and the exception, so that a log line says where and why
				.contains("POST http://127.0.0.1:1/session/start")
				.contains("ConnectException")
				.doesNotContain(KEY));
	}

	@Test
	void missingApiKeyFailsWithAConfigurationErrorAndSendsNothing() {
		RestEventsClient client = RestEventsClient.builder().baseUrl(server.baseUrl()).apiKey(" ").build();
		assertThatExceptionOfType(HoneyHiveConfigurationException.class).isThrownBy(() -> client.createEvent(event()))
			.withMessageContaining("honeyhive.api-key")
			.withMessageContaining("HH_API_KEY");
		assertThatExceptionOfType(HoneyHiveConfigurationException.class)
			.isThrownBy(() -> client.updateEvent(UpdateEventRequest.builder("e").build()));
		assertThat(server.getAllServeEvents()).isEmpty();
	}

	@Test
	void emptyOrInvalidSuccessBodiesAreAcknowledgements() {
		server.stubFor(post("/events").willReturn(aResponse().withStatus(200)));
		assertThat(client().createEvent(event()).eventId()).isNull();
		server.stubFor(post("/events/batch").willReturn(aResponse().withStatus(200).withBody("not json")));
		assertThat(client().createEventBatch(CreateEventBatchRequest.of(List.of())).eventIds()).isNull();
	}

	@Test
	void invalidQueryAnswerIsAnError() {
		server.stubFor(post("/events/export").willReturn(aResponse().withStatus(200).withBody("<html>oops</html>")));
		assertThatExceptionOfType(HoneyHiveApiException.class)
			.isThrownBy(() -> client().getEvents(GetEventsRequest.of("proj")))
			.withMessageContaining("not valid JSON");
	}

	@Test
	void everyResponseIsClosed() {
		AtomicInteger closed = new AtomicInteger();
		RestClient.Builder closeCounting = RestClient.builder().requestInterceptor((request, body, execution) -> {
			ClientHttpResponse response = execution.execute(request, body);
			return new ClientHttpResponse() {

				@Override
				public HttpStatusCode getStatusCode() throws IOException {
					return response.getStatusCode();
				}

				@Override
				public String getStatusText() throws IOException {
					return response.getStatusText();
				}

				@Override
				public HttpHeaders getHeaders() {
					return response.getHeaders();
				}

				@Override
				public InputStream getBody() throws IOException {
					return response.getBody();
				}

				@Override
				public void close() {
					closed.incrementAndGet();
					response.close();
				}

			};
		});
		server.stubFor(post("/events").willReturn(okJson("{\"event_id\":\"e-1\"}")));
		server.stubFor(post("/events/batch").willReturn(aResponse().withStatus(400).withBody("{\"message\":\"bad\"}")));
		RestEventsClient client = builder().restClientBuilder(closeCounting).build();
		client.createEvent(event());
		assertThatExceptionOfType(HoneyHiveApiException.class)
			.isThrownBy(() -> client.createEventBatch(CreateEventBatchRequest.of(List.of())));
		// An unclosed response holds the connection and its buffers: with the JDK
		// HttpClient that leaked about a megabyte per batch.
		assertThat(closed).hasValue(2);
	}

	@Test
	void toStringHidesTheKey() {
		assertThat(client().toString()).doesNotContain(KEY).contains("******");
	}

}
