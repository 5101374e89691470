package ai.honeyhive.spring.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link RestEventsClient} against WireMock: the error answers servers and
 * proxies really give (other field names, arrays, plain text, big partial-batch answers),
 * the key masked in what they echo, and the export path found again after a server
 * change.
 */
@Timeout(30)
class RestEventsClientErrorAnswersTests {

	private static final String KEY = "hh-test-key-123";

	@RegisterExtension
	static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private RestEventsClient client() {
		return RestEventsClient.builder()
			.baseUrl(server.baseUrl())
			.apiKey(KEY)
			.maxAttempts(1)
			.readTimeout(Duration.ofSeconds(5))
			.build();
	}

	private static CreateEventRequest event(String id) {
		return CreateEventRequest.builder().eventType(EventType.TOOL).eventId(id).build();
	}

	private HoneyHiveApiException createEventFailure(int status, String contentType, String body) {
		server.resetAll();
		server.stubFor(post("/events")
			.willReturn(aResponse().withStatus(status).withHeader("Content-Type", contentType).withBody(body)));
		try {
			client().createEvent(event("e-1"));
		}
		catch (HoneyHiveApiException ex) {
			return ex;
		}
		throw new AssertionError("HTTP " + status + " was taken for a success");
	}

	@Test
	void errorCodeAndMessageAreReadUnderEachNameServersUse() {
		HoneyHiveApiException snake = createEventFailure(400, "application/json",
				"{\"error_code\": \"BAD_FIELD\", \"error\": \"inputs must be an object\"}");
		assertThat(snake.getErrorCode()).isEqualTo("BAD_FIELD");
		assertThat(snake.getApiMessage()).isEqualTo("inputs must be an object");
		assertThat(snake.getResponseBody()).as("the message says it all").isNull();
		HoneyHiveApiException fastApi = createEventFailure(422, "application/json",
				"{\"code\": \"VALIDATION\", \"detail\": \"event_type is invalid\"}");
		assertThat(fastApi.getErrorCode()).isEqualTo("VALIDATION");
		assertThat(fastApi.getApiMessage()).isEqualTo("event_type is invalid");
		assertThat(fastApi.getMessage())
			.isEqualTo("HoneyHive API answered HTTP 422 [VALIDATION]: event_type is invalid");
	}

	@Test
	void fieldsThatAreNotTextAreNotTakenForTheMessage() {
		HoneyHiveApiException ex = createEventFailure(400, "application/json",
				"{\"code\": 400, \"message\": {\"text\": \"nested\"}, \"detail\": \"the detail\"}");
		assertThat(ex.getErrorCode()).isNull();
		assertThat(ex.getApiMessage()).isEqualTo("the detail");
		HoneyHiveApiException noMessage = createEventFailure(400, "application/json", "{\"code\": 400}");
		assertThat(noMessage.getApiMessage()).isNull();
		assertThat(noMessage.getResponseBody()).as("without a message the body is kept").isEqualTo("{\"code\": 400}");
	}

	@Test
	void anArrayOrTextBodyIsKeptRaw() {
		HoneyHiveApiException array = createEventFailure(400, "application/json", "[\"message\", \"nope\"]");
		assertThat(array.getApiMessage()).isNull();
		assertThat(array.getResponseBody()).isEqualTo("[\"message\", \"nope\"]");
		HoneyHiveApiException text = createEventFailure(400, "text/plain", "message: nope");
		assertThat(text.getApiMessage()).isNull();
		assertThat(text.getResponseBody()).isEqualTo("message: nope");
		HoneyHiveApiException broken = createEventFailure(400, "application/json", "{\"message\": ");
		assertThat(broken.getApiMessage()).isNull();
		assertThat(broken.getResponseBody()).isEqualTo("{\"message\": ");
	}

	@Test
	void theKeyEchoedInAnErrorCodeOrMessageIsMasked() {
		HoneyHiveApiException ex = createEventFailure(401, "application/json",
				"{\"errorCode\": \"KEY_" + KEY + "\", \"message\": \"unknown key Bearer " + KEY + "\"}");
		assertThat(ex.getErrorCode()).isEqualTo("KEY_******");
		assertThat(ex.getApiMessage()).isEqualTo("unknown key Bearer ******");
		assertThat(ex.getMessage()).doesNotContain(KEY);
	}

	@Test
	void aPartialBatchAnswerIsReadWholeEvenWhenLarge() {
		List<CreateEventRequest> events = new ArrayList<>();
		StringBuilder ids = new StringBuilder();
		StringBuilder errors = new StringBuilder();
		for (int i = 0; i < 4000; i++) {
			String id = "00000000-0000-4000-8000-%012d".formatted(i);
			events.add(event(id));
			if (i < 3999) {
				ids.append((i > 0) ? "," : "").append('"').append(id).append('"');
			}
		}
		errors.append("\"").append("00000000-0000-4000-8000-000000003999: invalid, key ").append(KEY).append("\"");
		String body = "{\"event_ids\": [" + ids + "], \"errors\": [" + errors + ", 7], \"success\": false}";
		assertThat(body.length()).as("more than an ordinary error answer is read").isGreaterThan(64 * 1024);
		server.stubFor(post("/events/batch")
			.willReturn(aResponse().withStatus(500).withHeader("Content-Type", "application/json").withBody(body)));
		assertThatExceptionOfType(HoneyHivePartialBatchException.class)
			.isThrownBy(() -> client().createEventBatch(CreateEventBatchRequest.of(events)))
			.satisfies((ex) -> {
				assertThat(ex.getEventIds()).hasSize(3999);
				assertThat(ex.getErrors()).containsExactly("00000000-0000-4000-8000-000000003999: invalid, key ******",
						"7");
			});
	}

	@Test
	void aPlain500ToABatchIsAnOrdinaryRetryableFailure() {
		server.stubFor(post("/events/batch").willReturn(aResponse().withStatus(500)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"message\": \"internal error\", \"event_ids\": \"none\"}")));
		assertThatExceptionOfType(HoneyHiveApiException.class)
			.isThrownBy(() -> client().createEventBatch(CreateEventBatchRequest.of(List.of(event("e-1")))))
			.satisfies((ex) -> {
				assertThat(ex).isNotInstanceOf(HoneyHivePartialBatchException.class);
				assertThat(ex.isRetryable()).isTrue();
				assertThat(ex.getApiMessage()).isEqualTo("internal error");
			});
	}

	@Test
	void aPartialAnswerToACallThatIsNotABatchIsAnOrdinaryFailure() {
		server.stubFor(post("/events").willReturn(aResponse().withStatus(500)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"event_ids\": [], \"errors\": [\"boom\"]}")));
		assertThatExceptionOfType(HoneyHiveApiException.class).isThrownBy(() -> client().createEvent(event("e-1")))
			.satisfies((ex) -> {
				assertThat(ex).isNotInstanceOf(HoneyHivePartialBatchException.class);
				assertThat(ex.isRetryable()).isTrue();
			});
		server.stubFor(post("/events/batch").willReturn(aResponse().withStatus(502)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"event_ids\": [], \"errors\": [\"boom\"]}")));
		assertThatExceptionOfType(HoneyHiveApiException.class)
			.isThrownBy(() -> client().createEventBatch(CreateEventBatchRequest.of(List.of(event("e-1")))))
			.satisfies((ex) -> assertThat(ex).isNotInstanceOf(HoneyHivePartialBatchException.class));
	}

	@Test
	void theExportPathSwitchesBackWhenTheServerChangesAgain() {
		server.stubFor(post("/events/export").willReturn(aResponse().withStatus(404)));
		server.stubFor(post("/v1/events/export").willReturn(okJson("{\"events\": []}")));
		RestEventsClient client = client();
		client.getEvents(GetEventsRequest.of("proj"));
		server.resetAll();
		server.stubFor(post("/v1/events/export").willReturn(aResponse().withStatus(404)));
		server.stubFor(post("/events/export").willReturn(okJson("{\"events\": []}")));
		client.getEvents(GetEventsRequest.of("proj"));
		client.getEvents(GetEventsRequest.of("proj"));
		server.verify(exactly(1), postRequestedFor(urlEqualTo("/v1/events/export")));
		server.verify(exactly(2), postRequestedFor(urlEqualTo("/events/export")));
	}

	@Test
	void aFailureOtherThan404AtTheExportPathIsNotRetriedElsewhere() {
		server.stubFor(post("/events/export").willReturn(aResponse().withStatus(403)));
		RestEventsClient client = client();
		assertThatExceptionOfType(HoneyHiveApiException.class)
			.isThrownBy(() -> client.getEvents(GetEventsRequest.of("proj")))
			.satisfies((ex) -> assertThat(ex.getStatusCode()).isEqualTo(403));
		server.verify(exactly(0), postRequestedFor(urlEqualTo("/v1/events/export")));
	}

	@Test
	void aSuccessFalseAnswerKeepsItsBodyWithTheKeyMasked() {
		String body = "{\"success\": false, \"reason\": \"quota for " + KEY + "\"}";
		server.stubFor(post("/events").willReturn(okJson(body)));
		assertThatExceptionOfType(HoneyHiveApiException.class).isThrownBy(() -> client().createEvent(event("e-1")))
			.satisfies((ex) -> assertThat(ex.getResponseBody())
				.isEqualTo("{\"success\": false, \"reason\": \"quota for ******\"}"));
	}

	@Test
	void aQueryAnswerWithoutEventsIsAnError() {
		server.stubFor(post("/events/export").willReturn(okJson("{\"totalEvents\": 0}")));
		assertThatExceptionOfType(HoneyHiveApiException.class)
			.isThrownBy(() -> client().getEvents(GetEventsRequest.of("proj")))
			.withMessageContaining("without an 'events' list");
	}

}
