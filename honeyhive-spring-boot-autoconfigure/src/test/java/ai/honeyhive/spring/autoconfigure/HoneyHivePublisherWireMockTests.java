package ai.honeyhive.spring.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import ai.honeyhive.spring.client.CreateEventRequest;
import ai.honeyhive.spring.client.EventType;
import ai.honeyhive.spring.client.EventsClient;
import ai.honeyhive.spring.client.RestEventsClient;
import ai.honeyhive.spring.client.UpdateEventRequest;
import ai.honeyhive.spring.publisher.BatchingEventPublisher;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests of the {@link BatchingEventPublisher} over a real {@link RestEventsClient}
 * against WireMock, with its metrics in a {@link SimpleMeterRegistry}.
 */
@Timeout(60)
@ExtendWith(OutputCaptureExtension.class)
class HoneyHivePublisherWireMockTests {

	private static final String BATCH = "/events/batch";

	private static final JsonMapper json = JsonMapper.builder().build();

	@RegisterExtension
	static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final List<BatchingEventPublisher> publishers = new ArrayList<>();

	@AfterEach
	void close() {
		this.publishers.forEach(BatchingEventPublisher::close);
	}

	private RestEventsClient client(String baseUrl, Duration readTimeout) {
		return RestEventsClient.builder()
			.baseUrl(baseUrl)
			.apiKey("hh-secret-key")
			.maxAttempts(1)
			.connectTimeout(Duration.ofSeconds(2))
			.readTimeout(readTimeout)
			.build();
	}

	private BatchingEventPublisher publisher(String baseUrl, Duration readTimeout) {
		BatchingEventPublisher publisher = BatchingEventPublisher.builder(client(baseUrl, readTimeout))
			.metrics(new MicrometerPublisherMetrics(this.registry))
			.maxBatchSize(50)
			.scheduleDelay(Duration.ofHours(1))
			.retryBackoff(Duration.ofMillis(20), 2.0, Duration.ofMillis(200))
			.build();
		this.publishers.add(publisher);
		return publisher;
	}

	private BatchingEventPublisher publisher() {
		return publisher(server.baseUrl(), Duration.ofSeconds(5));
	}

	private static CreateEventRequest event(String id) {
		return CreateEventRequest.builder()
			.eventId(id)
			.sessionId("s-1")
			.eventName("llm-call")
			.eventType(EventType.TOOL)
			.inputs(Map.of("prompt", "say " + id))
			.build();
	}

	private static List<String> publishAll(BatchingEventPublisher publisher, int count) {
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			String id = "e" + i;
			ids.add(id);
			assertThat(publisher.publish(event(id))).isTrue();
		}
		return ids;
	}

	private static List<ServeEvent> batchCalls() {
		return server.getAllServeEvents()
			.stream()
			.filter((event) -> event.getRequest().getUrl().equals(BATCH))
			.collect(Collectors.collectingAndThen(Collectors.toList(), HoneyHivePublisherWireMockTests::arrivalOrder));
	}

	// WireMock lists the newest request first; millisecond timestamps can tie
	private static List<ServeEvent> arrivalOrder(List<ServeEvent> newestFirst) {
		List<ServeEvent> events = new ArrayList<>(newestFirst);
		Collections.reverse(events);
		return events;
	}

	private static List<String> eventIds(LoggedRequest request) {
		JsonNode body = json.readTree(request.getBodyAsString());
		List<String> ids = new ArrayList<>();
		for (JsonNode event : body.get("events")) {
			assertThat(event.get("session_id").asString()).isEqualTo("s-1");
			ids.add(event.get("event_id").asString());
		}
		assertThat(body.get("is_single_session").asBoolean()).isFalse();
		return ids;
	}

	private double counter(String name, String... tags) {
		var counter = this.registry.find(name).tags(tags).counter();
		return (counter != null) ? counter.count() : 0;
	}

	private void stubBatch(String state, String nextState,
			com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder response) {
		server.stubFor(post(BATCH).inScenario("batch")
			.whenScenarioStateIs(state)
			.willSetStateTo(nextState)
			.willReturn(response));
	}

	@Test
	void shouldDeliverEveryEventOnceAfterThree503sAndHonourRetryAfter() {
		stubBatch(Scenario.STARTED, "2", aResponse().withStatus(503).withHeader("Retry-After", "1"));
		stubBatch("2", "3", aResponse().withStatus(503));
		stubBatch("3", "ok", aResponse().withStatus(503));
		stubBatch("ok", "ok", okJson("{\"success\":true}"));
		BatchingEventPublisher publisher = publisher();
		List<String> ids = publishAll(publisher, 10);
		assertThat(publisher.flush(Duration.ofSeconds(30))).isTrue();
		List<ServeEvent> calls = batchCalls();
		assertThat(calls).hasSize(4);
		assertThat(eventIds(calls.get(3).getRequest())).containsExactlyElementsOf(ids);
		long gap = calls.get(1).getRequest().getLoggedDate().getTime()
				- calls.get(0).getRequest().getLoggedDate().getTime();
		assertThat(gap).isGreaterThanOrEqualTo(1000);
		assertThat(counter("honeyhive.publisher.events", "outcome", "exported")).isEqualTo(10);
		assertThat(counter("honeyhive.publisher.flush.failures", "reason", "http_5xx")).isEqualTo(3);
		assertThat(this.registry.find("honeyhive.publisher.export").tag("outcome", "success").timer().count())
			.isEqualTo(1);
		assertThat(this.registry.find("honeyhive.publisher.export").tag("outcome", "failure").timer().count())
			.isEqualTo(3);
	}

	@Test
	void shouldResendOnlyTheEventsAPartialAnswerMissed() {
		stubBatch(Scenario.STARTED, "ok", aResponse().withStatus(500)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"event_ids\":[\"e0\",\"e2\"],\"errors\":[\"e1 invalid\",\"e3 invalid\"],\"success\":false}"));
		stubBatch("ok", "ok", okJson("{\"success\":true}"));
		BatchingEventPublisher publisher = publisher();
		publishAll(publisher, 4);
		assertThat(publisher.flush(Duration.ofSeconds(30))).isTrue();
		List<ServeEvent> calls = batchCalls();
		assertThat(calls).hasSize(2);
		assertThat(eventIds(calls.get(0).getRequest())).containsExactly("e0", "e1", "e2", "e3");
		assertThat(eventIds(calls.get(1).getRequest())).containsExactly("e1", "e3");
		assertThat(counter("honeyhive.publisher.flush.failures", "reason", "partial")).isEqualTo(1);
		assertThat(counter("honeyhive.publisher.events", "outcome", "exported")).isEqualTo(4);
	}

	@Test
	void shouldDropAndCountRejectedBatchesWithoutRetryAndWarnOnce(CapturedOutput output) {
		server.stubFor(post(BATCH).willReturn(aResponse().withStatus(400)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"statusCode\":400,\"message\":\"event_type is invalid\",\"success\":false}")));
		BatchingEventPublisher publisher = publisher();
		for (int i = 0; i < 5; i++) {
			publisher.publish(event("e" + i));
			assertThat(publisher.flush(Duration.ofSeconds(10))).isFalse();
		}
		assertThat(batchCalls()).hasSize(5);
		assertThat(counter("honeyhive.publisher.events", "outcome", "dropped", "reason", "rejected")).isEqualTo(5);
		assertThat(counter("honeyhive.publisher.flush.failures", "reason", "http_4xx")).isEqualTo(5);
		List<String> warnings = output.getAll().lines().filter((line) -> line.contains("HoneyHive rejected")).toList();
		assertThat(warnings).hasSize(1);
		assertThat(warnings.get(0)).contains("event_type is invalid").doesNotContain("hh-secret-key");
	}

	@Test
	void shouldDeliverEverythingOnceAServerThatWasDownComesUp() {
		// down: every connection is reset (no port is released and taken again)
		server.stubFor(post(BATCH).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
		BatchingEventPublisher publisher = publisher(server.baseUrl(), Duration.ofSeconds(5));
		List<String> ids = publishAll(publisher, 120);
		publisher.flush(Duration.ofMillis(1));
		await().until(() -> counter("honeyhive.publisher.flush.failures", "reason", "io") >= 3);
		server.stubFor(post(BATCH).willReturn(okJson("{\"success\":true}")));
		assertThat(publisher.flush(Duration.ofSeconds(30))).isTrue();
		List<String> delivered = new ArrayList<>();
		batchCalls().stream()
			.filter((call) -> call.getResponseDefinition().getFault() == null)
			.forEach((call) -> delivered.addAll(eventIds(call.getRequest())));
		assertThat(delivered).containsExactlyInAnyOrderElementsOf(ids);
	}

	@Test
	void shouldRetryAfterAReadTimeout() {
		stubBatch(Scenario.STARTED, "ok", okJson("{\"success\":true}").withFixedDelay(3000));
		stubBatch("ok", "ok", okJson("{\"success\":true}"));
		BatchingEventPublisher publisher = publisher(server.baseUrl(), Duration.ofMillis(300));
		List<String> ids = publishAll(publisher, 3);
		assertThat(publisher.flush(Duration.ofSeconds(30))).isTrue();
		assertThat(counter("honeyhive.publisher.flush.failures", "reason", "timeout")).isEqualTo(1);
		List<ServeEvent> calls = batchCalls();
		assertThat(eventIds(calls.get(calls.size() - 1).getRequest())).containsExactlyElementsOf(ids);
	}

	@Test
	void shouldRetryAfterAnHtml502() {
		stubBatch(Scenario.STARTED, "ok",
				aResponse().withStatus(502)
					.withHeader("Content-Type", "text/html")
					.withBody("<html><body><h1>502 Bad Gateway</h1></body></html>"));
		stubBatch("ok", "ok", okJson("{\"success\":true}"));
		BatchingEventPublisher publisher = publisher();
		publishAll(publisher, 3);
		assertThat(publisher.flush(Duration.ofSeconds(30))).isTrue();
		assertThat(batchCalls()).hasSize(2);
		assertThat(counter("honeyhive.publisher.flush.failures", "reason", "http_5xx")).isEqualTo(1);
		assertThat(publisher.getStatus().lastError()).contains("502");
	}

	@Test
	void shouldRetryAfterAConnectionReset() {
		stubBatch(Scenario.STARTED, "ok", aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
		stubBatch("ok", "ok", okJson("{\"success\":true}"));
		BatchingEventPublisher publisher = publisher();
		List<String> ids = publishAll(publisher, 3);
		assertThat(publisher.flush(Duration.ofSeconds(30))).isTrue();
		List<ServeEvent> calls = batchCalls();
		assertThat(calls).hasSize(2);
		assertThat(eventIds(calls.get(1).getRequest())).containsExactlyElementsOf(ids);
		assertThat(counter("honeyhive.publisher.flush.failures", "reason", "io")).isEqualTo(1);
	}

	@Test
	void shouldMergeAnUpdateOfAQueuedEventIntoItsCreate() {
		server.stubFor(post(BATCH).willReturn(okJson("{\"success\":true}")));
		server.stubFor(put("/events").willReturn(aResponse().withStatus(200)));
		BatchingEventPublisher publisher = publisher();
		EventsClient client = BatchingEventPublisher.eventsClient(client(server.baseUrl(), Duration.ofSeconds(5)),
				() -> publisher);
		publisher.publish(event("e0"));
		client.updateEvent(UpdateEventRequest.builder("e0").outputs(Map.of("answer", "42")).build());
		assertThat(server.getAllServeEvents()).isEmpty();
		assertThat(publisher.flush(Duration.ofSeconds(30))).isTrue();
		List<ServeEvent> calls = server.getAllServeEvents();
		assertThat(calls).hasSize(1);
		JsonNode sent = json.readTree(calls.get(0).getRequest().getBodyAsString()).get("events").get(0);
		assertThat(sent.get("event_id").asString()).isEqualTo("e0");
		assertThat(sent.get("outputs").get("answer").asString()).isEqualTo("42");
		assertThat(sent.get("inputs").get("prompt").asString()).isEqualTo("say e0");
		assertThat(counter("honeyhive.publisher.events", "outcome", "exported")).isEqualTo(2);
	}

	@Test
	void shouldExposeBatchSizeAndQueueGauges() {
		server.stubFor(post(BATCH).willReturn(okJson("{\"success\":true}")));
		BatchingEventPublisher publisher = publisher();
		publishAll(publisher, 120);
		assertThat(publisher.flush(Duration.ofSeconds(30))).isTrue();
		var batchSize = this.registry.find("honeyhive.publisher.batch.size").summary();
		assertThat(batchSize.count()).isEqualTo(3);
		assertThat(batchSize.max()).isEqualTo(50);
		assertThat(this.registry.find("honeyhive.publisher.queue.size").gauge().value()).isZero();
		assertThat(this.registry.find("honeyhive.publisher.queue.capacity").gauge().value()).isEqualTo(8192);
	}

}
