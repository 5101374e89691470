package ai.honeyhive.spring.tracing;

import java.util.Arrays;
import java.util.Map;

import ai.honeyhive.spring.client.CreateEventRequest;
import ai.honeyhive.spring.client.SessionStartRequest;
import ai.honeyhive.spring.client.UpdateEventRequest;
import ai.honeyhive.spring.publisher.InMemoryEventPublisher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.aop.aspectj.annotation.AspectJProxyFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests of the tracer's public API and the aspect's choice of methods, through
 * {@link AspectJProxyFactory} proxies: what the enrichment calls answer, what a session
 * opened with options records, the time span of events and sessions, and which methods an
 * annotation on a class traces.
 */
@Timeout(30)
class TracerApiContractTests {

	private final InMemoryEventPublisher publisher = new InMemoryEventPublisher();

	private final HoneyHiveTracer tracer = new HoneyHiveTracer(this.publisher,
			TracingSettings.defaults().withProject("proj"));

	@AfterEach
	void closeTracer() {
		this.tracer.close();
	}

	private <T> T proxy(T target, boolean proxyTargetClass) {
		AspectJProxyFactory factory = new AspectJProxyFactory(target);
		factory.setProxyTargetClass(proxyTargetClass);
		factory.addAspect(new TraceEventAspect(this.tracer));
		return factory.getProxy();
	}

	@Test
	void enrichmentCallsAnswerWhetherThereWasSomethingToEnrich() {
		assertThat(this.tracer.enrichSession((session) -> session.metadata("k", "v"))).isFalse();
		assertThat(this.tracer.enrichCurrentEvent((event) -> event.metadata("k", "v"))).isFalse();
		assertThat(this.tracer.recordModelCall(ModelCall.builder().model("m").build())).isFalse();
		Steps steps = proxy(new Steps(), true);
		Map<String, Boolean> answers = steps
			.run(() -> Map.of("session", this.tracer.enrichSession((session) -> session.metadata("k", "v")), "event",
					this.tracer.enrichCurrentEvent((event) -> event.metadata("k", "v")), "model",
					this.tracer.recordModelCall(ModelCall.builder().model("m").build())));
		assertThat(answers).containsEntry("session", true).containsEntry("event", true).containsEntry("model", true);
	}

	@Test
	void aSessionOpenedWithOptionsRecordsThemRedacted() {
		try (SessionScope scope = this.tracer.startSession(SessionOptions.builder("support")
			.input("question", "where is my order?")
			.input("api_key", "sk-123")
			.metadata("channel", "web")
			.metadata("password", "hunter2")
			.userProperty("plan", "pro")
			.build())) {
			assertThat(scope).isNotNull();
		}
		SessionStartRequest session = this.publisher.getSessions().get(0);
		assertThat(session.sessionName()).isEqualTo("support");
		assertThat(session.inputs()).containsExactly(Map.entry("question", "where is my order?"),
				Map.entry("api_key", "[REDACTED]"));
		assertThat(session.metadata()).containsEntry("channel", "web").containsEntry("password", "[REDACTED]");
		assertThat(session.userProperties()).containsExactly(Map.entry("plan", "pro"));
	}

	@Test
	void eventsAndSessionsEndAfterTheyStartAndWithinTheTimeTheyTook() {
		Steps steps = proxy(new Steps(), true);
		long before = System.currentTimeMillis();
		try (SessionScope scope = this.tracer.startSession("timed")) {
			steps.run(() -> {
				// Let the clock move past a few milliseconds, so that a span of zero
				// cannot pass for the right one
				long start = System.nanoTime();
				while (System.nanoTime() - start < 20_000_000L) {
					Thread.onSpinWait();
				}
				return Map.of();
			});
		}
		// the clock's milliseconds may tick just after each reading
		long after = System.currentTimeMillis() + 1;
		CreateEventRequest event = TraceTrees.event(this.publisher, "run");
		assertThat(event.endTime() - event.startTime()).isBetween(19L, after - before);
		assertThat(event.duration()).isBetween(19.0, (double) (after - before));
		SessionStartRequest start = this.publisher.getSessions().get(0);
		UpdateEventRequest end = this.publisher.getUpdates()
			.stream()
			.filter((update) -> update.eventId().equals(start.sessionId()))
			.findFirst()
			.orElseThrow();
		assertThat(end.duration()).isBetween(19.0, (double) (after - before));
		assertThat(end.endTime()).isBetween(before + 19, after);
	}

	@Test
	void aClassAnnotationTracesItsOwnPublicMethodsNotThoseOfObject() {
		TracedService service = proxy(new TracedService(), true);
		assertThat(service.work("x")).isEqualTo("done x");
		assertThat(service.toString()).contains("TracedService");
		assertThat(service.hashCode()).isEqualTo(service.hashCode());
		assertThat(this.publisher.getEvents()).extracting(CreateEventRequest::eventName).containsExactly("work");
	}

	@TraceEvent
	public static class TracedService {

		public String work(String item) {
			return "done " + item;
		}

	}

	@Test
	void nullArgumentsAreRefusedByName() {
		TracingSettings settings = TracingSettings.defaults();
		assertThatIllegalArgumentException().isThrownBy(() -> new HoneyHiveTracer(null, settings))
			.withMessageContaining("'publisher'");
		assertThatIllegalArgumentException().isThrownBy(() -> new HoneyHiveTracer(this.publisher, null))
			.withMessageContaining("'settings'");
		assertThatIllegalArgumentException()
			.isThrownBy(
					() -> new HoneyHiveTracer(this.publisher, settings, Arrays.asList((HoneyHiveEventProcessor) null)))
			.withMessageContaining("'processors'");
		assertThatIllegalArgumentException().isThrownBy(() -> this.tracer.startSession((SessionOptions) null))
			.withMessageContaining("'options'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.tracer.openEvent(null, ai.honeyhive.spring.client.EventType.TOOL, null))
			.withMessageContaining("'name'");
		assertThatIllegalArgumentException().isThrownBy(() -> this.tracer.openEvent("step", null, null))
			.withMessageContaining("'type'");
		assertThatIllegalArgumentException().isThrownBy(() -> new TraceEventAspect(null))
			.withMessageContaining("'tracer'");
		assertThat(this.publisher.getSessions()).isEmpty();
		assertThat(this.publisher.getEvents()).isEmpty();
	}

	public static class Steps {

		@TraceEvent
		public Map<String, Boolean> run(java.util.function.Supplier<Map<String, Boolean>> body) {
			return body.get();
		}

	}

}
