package ai.honeyhive.spring.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import ai.honeyhive.spring.autoconfigure.MicrometerPublisherMetrics;
import ai.honeyhive.spring.client.CreateEventRequest;
import ai.honeyhive.spring.client.EventType;
import ai.honeyhive.spring.client.RestEventsClient;
import ai.honeyhive.spring.client.SessionStartRequest;
import ai.honeyhive.spring.client.UpdateEventRequest;
import ai.honeyhive.spring.publisher.BatchingEventPublisher;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the publisher does with odd answers of the server: unreadable or empty success
 * bodies, unexpected fields, huge error pages and large partial answers.
 */
@Timeout(60)
@ExtendWith(OutputCaptureExtension.class)
class ServerAnswersTests {

	private static final String BATCH = "/events/batch";

	private static final String SECRET = "hh-answers-secret-key";

	private static final JsonMapper json = JsonMapper.builder().build();

	@RegisterExtension
	static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final List<BatchingEventPublisher> publishers = new ArrayList<>();

	@AfterEach
	void close() {
		this.publishers.forEach(BatchingEventPublisher::close);
	}

	private BatchingEventPublisher publisher(int maxAttempts) {
		RestEventsClient client = RestEventsClient.builder()
			.baseUrl(server.baseUrl())
			.apiKey(SECRET)
			.maxAttempts(maxAttempts)
			.initialInterval(Duration.ofMillis(10))
			.maxInterval(Duration.ofMillis(50))
			.readTimeout(Duration.ofSeconds(10))
			.build();
		BatchingEventPublisher publisher = BatchingEventPublisher.builder(client)
			.metrics(new MicrometerPublisherMetrics(this.registry))
			.maxBatchSize(100)
			.scheduleDelay(Duration.ofHours(1))
			.exportTimeout(Duration.ofSeconds(5))
			.retryBackoff(Duration.ofMillis(10), 2.0, Duration.ofMillis(50))
			.build();
		this.publishers.add(publisher);
		return publisher;
	}

	private static CreateEventRequest event(String id) {
		return CreateEventRequest.builder()
			.eventId(id)
			.sessionId("s-1")
			.parentId("s-1")
			.eventName("call")
			.eventType(EventType.TOOL)
			.inputs(Map.of("q", id))
			.build();
	}

	private static List<String> publish(BatchingEventPublisher publisher, int count) {
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			String id = "e" + i;
			assertThat(publisher.publish(event(id))).isTrue();
			ids.add(id);
		}
		return ids;
	}

	private double exported() {
		return ReliabilityContexts.exported(this.registry);
	}

	private double dropped(String reason) {
		var counter = this.registry.find(ReliabilityContexts.EVENTS)
			.tags("outcome", "dropped", "reason", reason)
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

	private static List<List<String>> batches() {
		// WireMock lists the newest request first; millisecond timestamps can tie
		List<ServeEvent> events = new ArrayList<>(server.getAllServeEvents());
		Collections.reverse(events);
		List<List<String>> batches = new ArrayList<>();
		for (ServeEvent event : events) {
			if (event.getRequest().getUrl().equals(BATCH)) {
				List<String> ids = new ArrayList<>();
				json.readTree(event.getRequest().getBodyAsString())
					.get("events")
					.forEach((e) -> ids.add(e.get("event_id").asString()));
				batches.add(ids);
			}
		}
		return batches;
	}

	@Test
	void shouldCountAnUnreadableSuccessBodyAsDeliveredWithoutResending() {
		server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"event_ids\": [not json")));
		BatchingEventPublisher publisher = publisher(3);
		assertThat(publisher.startSession(SessionStartRequest.builder().sessionId("s-1").build())).isTrue();
		publish(publisher, 5);
		assertThat(publisher.flush(Duration.ofSeconds(20))).isTrue();
		assertThat(batches()).hasSize(1);
		assertThat(exported()).isEqualTo(6);
	}

	@Test
	void shouldCountEmptySuccessBodiesAsDelivered() {
		server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)));
		BatchingEventPublisher publisher = publisher(3);
		assertThat(publisher.startSession(SessionStartRequest.builder().sessionId("s-1").build())).isTrue();
		publish(publisher, 3);
		assertThat(publisher.update(UpdateEventRequest.builder("s-1").build())).isTrue();
		assertThat(publisher.flush(Duration.ofSeconds(20))).isTrue();
		// One batch: the session with its end merged in, and the three events
		assertThat(server.getAllServeEvents()).hasSize(1);
		assertThat(exported()).isEqualTo(5);
	}

	@Test
	void shouldIgnoreUnexpectedFieldsInAnswers() {
		server.stubFor(any(anyUrl()).willReturn(okJson(
				"{\"session_id\":\"s-1\",\"event_ids\":[\"e0\"],\"success\":true,\"surprise\":{\"nested\":[1,2]},"
						+ "\"org_id\":\"o\",\"workspace_id\":42}")));
		BatchingEventPublisher publisher = publisher(3);
		assertThat(publisher.startSession(SessionStartRequest.builder().sessionId("s-1").build())).isTrue();
		publish(publisher, 1);
		assertThat(publisher.flush(Duration.ofSeconds(20))).isTrue();
		assertThat(exported()).isEqualTo(2);
	}

	@Test
	void shouldNotLogAHugeHtmlErrorPageInFull(CapturedOutput output) {
		String page = "<html><body>" + "x".repeat(10 * 1024 * 1024) + "</body></html>";
		server.stubFor(post(BATCH)
			.willReturn(aResponse().withStatus(400).withHeader("Content-Type", "text/html").withBody(page)));
		BatchingEventPublisher publisher = publisher(1);
		publish(publisher, 2);
		assertThat(publisher.flush(Duration.ofSeconds(20))).isFalse();
		// The batch is narrowed down to each record the server refuses
		assertThat(dropped("rejected")).isEqualTo(2);
		assertThat(output.getAll()).contains("HoneyHive rejected 1 records").hasSizeLessThan(8 * 1024);
	}

	@Test
	void shouldNotLogAHugeRetryableErrorPageInFull(CapturedOutput output) {
		String page = "<html><body>" + "y".repeat(10 * 1024 * 1024) + "</body></html>";
		server.stubFor(post(BATCH)
			.willReturn(aResponse().withStatus(502).withHeader("Content-Type", "text/html").withBody(page)));
		RestEventsClient client = RestEventsClient.builder()
			.baseUrl(server.baseUrl())
			.apiKey(SECRET)
			.maxAttempts(2)
			.initialInterval(Duration.ofMillis(10))
			.build();
		BatchingEventPublisher publisher = BatchingEventPublisher.builder(client)
			.metrics(new MicrometerPublisherMetrics(this.registry))
			.scheduleDelay(Duration.ofHours(1))
			.exportTimeout(Duration.ofMillis(300))
			.retryBackoff(Duration.ofMillis(50), 2.0, Duration.ofMillis(100))
			.build();
		this.publishers.add(publisher);
		publish(publisher, 2);
		assertThat(publisher.flush(Duration.ofSeconds(20))).isFalse();
		assertThat(dropped("retries_exhausted")).isEqualTo(2);
		assertThat(output.getAll()).contains("gave up on 2 records").hasSizeLessThan(8 * 1024);
	}

	@Test
	void shouldNotLogALongErrorMessageInFull(CapturedOutput output) {
		String message = "z".repeat(50_000);
		server.stubFor(post(BATCH).willReturn(aResponse().withStatus(400)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"message\":\"" + message + "\",\"errorCode\":\"" + "c".repeat(5_000) + "\"}")));
		BatchingEventPublisher publisher = publisher(1);
		publish(publisher, 1);
		assertThat(publisher.flush(Duration.ofSeconds(20))).isFalse();
		assertThat(dropped("rejected")).isEqualTo(1);
		assertThat(output.getAll()).contains("HoneyHive rejected 1 records").hasSizeLessThan(8 * 1024);
	}

	@Test
	void shouldResendOnlyTheMissingEventsOfALargePartialAnswer() {
		int count = 100;
		ObjectNode answer = json.createObjectNode();
		ArrayNode ids = answer.putArray("event_ids");
		ArrayNode errors = answer.putArray("errors");
		List<String> missing = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			if (i % 2 == 0) {
				ids.add("e" + i);
			}
			else {
				missing.add("e" + i);
				errors.add("event e" + i + " failed validation: " + "detail ".repeat(300));
			}
		}
		answer.put("success", false);
		assertThat(answer.toString().length()).isGreaterThan(64 * 1024);
		server.stubFor(post(BATCH).inScenario("partial")
			.whenScenarioStateIs(Scenario.STARTED)
			.willSetStateTo("ok")
			.willReturn(aResponse().withStatus(500)
				.withHeader("Content-Type", "application/json")
				.withBody(answer.toString())));
		server.stubFor(
				post(BATCH).inScenario("partial").whenScenarioStateIs("ok").willReturn(okJson("{\"success\":true}")));
		BatchingEventPublisher publisher = publisher(3);
		List<String> all = publish(publisher, count);
		assertThat(publisher.flush(Duration.ofSeconds(20))).isTrue();
		List<List<String>> batches = batches();
		assertThat(batches).hasSize(2);
		assertThat(batches.get(0)).containsExactlyElementsOf(all);
		assertThat(batches.get(1)).containsExactlyElementsOf(missing);
		assertThat(exported()).isEqualTo(count);
	}

	@Test
	void shouldResendOnlyTheMissingEventsWhenAPartialAnswerFollowsARetriedFailure() {
		server.stubFor(post(BATCH).inScenario("retry")
			.whenScenarioStateIs(Scenario.STARTED)
			.willSetStateTo("partial")
			.willReturn(aResponse().withStatus(503)));
		server.stubFor(post(BATCH).inScenario("retry")
			.whenScenarioStateIs("partial")
			.willSetStateTo("ok")
			.willReturn(aResponse().withStatus(500)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"event_ids\":[\"e0\",\"e2\"],\"errors\":[\"e1\",\"e3\"],\"success\":false}")));
		server.stubFor(
				post(BATCH).inScenario("retry").whenScenarioStateIs("ok").willReturn(okJson("{\"success\":true}")));
		BatchingEventPublisher publisher = publisher(3);
		publish(publisher, 4);
		assertThat(publisher.flush(Duration.ofSeconds(20))).isTrue();
		List<List<String>> batches = batches();
		assertThat(batches).hasSize(3);
		assertThat(batches.get(2)).containsExactly("e1", "e3");
		assertThat(exported()).isEqualTo(4);
	}

}
