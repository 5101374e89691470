package ai.honeyhive.spring.client;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.web.client.RestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
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
 * Tests for {@link RestEventsClient} against WireMock: arguments refused with a message
 * naming them, statuses at the edges of success, the cause named in transport failures,
 * errors that propagate unchanged, and the longest delay between attempts.
 */
@Timeout(30)
class RestEventsClientGuardsTests {

	private static final String KEY = "hh-test-key-123";

	@RegisterExtension
	static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private RestEventsClient.Builder builder() {
		return RestEventsClient.builder()
			.baseUrl(server.baseUrl())
			.apiKey(KEY)
			.maxAttempts(1)
			.readTimeout(Duration.ofSeconds(5));
	}

	private static CreateEventRequest event() {
		return CreateEventRequest.builder().eventType(EventType.TOOL).build();
	}

	@Test
	void nullArgumentsAreRefusedNamingTheParameter() {
		RestEventsClient client = builder().build();
		assertThatIllegalArgumentException().isThrownBy(() -> client.startSession(null))
			.withMessage("'session' must not be null");
		assertThatIllegalArgumentException().isThrownBy(() -> client.createEvent(null))
			.withMessage("'event' must not be null");
		assertThatIllegalArgumentException().isThrownBy(() -> client.updateEvent(null))
			.withMessage("'update' must not be null");
		assertThatIllegalArgumentException().isThrownBy(() -> client.getEvents(null))
			.withMessage("'query' must not be null");
		assertThatIllegalArgumentException().isThrownBy(() -> client.createModelEvent(null))
			.withMessage("'modelEvent' must not be null");
		assertThatIllegalArgumentException().isThrownBy(() -> client.createEventBatch(null))
			.withMessage("'batch' must not be null");
		assertThatIllegalArgumentException().isThrownBy(() -> client.createModelEventBatch(null))
			.withMessage("'batch' must not be null");
		assertThat(server.getAllServeEvents()).isEmpty();
	}

	@Test
	void nullEntriesOfBatchesAndQueriesAreRefusedByPosition() {
		RestEventsClient client = builder().build();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> client.createEventBatch(CreateEventBatchRequest.of(Arrays.asList(event(), null))))
			.withMessage("HoneyHive request: events[1] must not be null");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> client.createModelEventBatch(
					new CreateModelEventBatchRequest(Arrays.asList((CreateModelEventRequest) null), null, null)))
			.withMessage("HoneyHive request: model_events[0] must not be null");
		List<EventFilter> filters = new ArrayList<>();
		filters.add(EventFilter.is("session_id", "s-1"));
		filters.add(null);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> client.getEvents(new GetEventsRequest("p", filters, null, null, null, null)))
			.withMessage("HoneyHive request: filters[1] must not be null");
		assertThatIllegalArgumentException().isThrownBy(() -> builder().customizers(Arrays.asList((builder) -> {
		}, null))).withMessageContaining("'customizers'");
		assertThat(server.getAllServeEvents()).isEmpty();
	}

	@Test
	void anEmptyBatchIsStillABatch() {
		server.stubFor(post("/events/batch").willReturn(aResponse().withStatus(500)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"event_ids\": [], \"errors\": []}")));
		assertThatExceptionOfType(HoneyHivePartialBatchException.class)
			.isThrownBy(() -> builder().build().createEventBatch(CreateEventBatchRequest.of(List.of())));
	}

	@Test
	void onlyA2xxAnswerIsASuccess() {
		server.stubFor(post("/events").willReturn(aResponse().withStatus(300).withBody("{\"event_id\": \"e-1\"}")));
		assertThatExceptionOfType(HoneyHiveApiException.class).isThrownBy(() -> builder().build().createEvent(event()))
			.satisfies((ex) -> {
				assertThat(ex.getStatusCode()).isEqualTo(300);
				assertThat(ex.isRetryable()).isFalse();
			});
		server.stubFor(post("/events").willReturn(aResponse().withStatus(299).withBody("{\"event_id\": \"e-2\"}")));
		assertThat(builder().build().createEvent(event()).eventId()).isEqualTo("e-2");
	}

	@Test
	void aTransportFailureNamesTheCauseWithItsMessageIfAnyAndWhetherItTimedOut() {
		HoneyHiveTransportException closed = transportFailure(new IOException("closed by the test"));
		assertThat(closed.getMessage()).endsWith("/events failed: IOException: closed by the test");
		assertThat(closed.isTimeout()).isFalse();
		HoneyHiveTransportException timeout = transportFailure(new SocketTimeoutException());
		assertThat(timeout.getMessage()).endsWith("/events failed: SocketTimeoutException");
		assertThat(timeout.isTimeout()).isTrue();
		HoneyHiveTransportException wrapped = transportFailure(
				new IOException("read failed", new IOException("stream", new SocketTimeoutException("read"))));
		assertThat(wrapped.isTimeout()).as("a timeout anywhere among the causes").isTrue();
	}

	private HoneyHiveTransportException transportFailure(IOException failure) {
		RestClient.Builder failing = RestClient.builder().requestInterceptor((request, body, execution) -> {
			throw failure;
		});
		RestEventsClient client = builder().restClientBuilder(failing).build();
		try {
			client.createEvent(event());
		}
		catch (HoneyHiveTransportException ex) {
			return ex;
		}
		throw new AssertionError("the failure was not a transport failure");
	}

	@Test
	void anErrorThrownWhileCallingPropagatesUnchangedAndIsNotRetried() {
		AtomicInteger attempts = new AtomicInteger();
		AssertionError error = new AssertionError("an interceptor's assertion");
		RestClient.Builder failing = RestClient.builder().requestInterceptor((request, body, execution) -> {
			attempts.incrementAndGet();
			throw error;
		});
		RestEventsClient client = builder().restClientBuilder(failing).maxAttempts(3).build();
		assertThatThrownBy(() -> client.createEvent(event())).isSameAs(error);
		assertThat(attempts).hasValue(1);
	}

	@Test
	void maxIntervalBoundsTheDelayBetweenAttempts() {
		server.stubFor(post("/events").willReturn(aResponse().withStatus(503)));
		// Unbounded, the third delay would be 100 seconds and the budget would end the
		// retries after three attempts
		RestEventsClient client = builder().maxAttempts(5)
			.initialInterval(Duration.ofMillis(10))
			.multiplier(100)
			.maxInterval(Duration.ofMillis(20))
			.maxElapsedTime(Duration.ofSeconds(20))
			.build();
		assertThatExceptionOfType(HoneyHiveApiException.class).isThrownBy(() -> client.createEvent(event()));
		server.verify(exactly(5), postRequestedFor(urlEqualTo("/events")));
	}

}
