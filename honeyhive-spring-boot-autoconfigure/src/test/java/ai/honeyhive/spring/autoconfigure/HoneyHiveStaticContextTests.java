package ai.honeyhive.spring.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import ai.honeyhive.spring.client.CreateEventRequest;
import ai.honeyhive.spring.client.EventType;
import ai.honeyhive.spring.client.UpdateEventRequest;
import ai.honeyhive.spring.publisher.InMemoryEventPublisher;
import ai.honeyhive.spring.tracing.HoneyHiveContext;
import ai.honeyhive.spring.tracing.HoneyHiveTracer;
import ai.honeyhive.spring.tracing.ModelCall;
import ai.honeyhive.spring.tracing.SessionScope;
import ai.honeyhive.spring.tracing.TraceEvent;
import ai.honeyhive.spring.tracing.TraceTrees;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The static context API ({@link HoneyHiveContext}) used from application beans: it
 * enriches the traced call it runs in, and does nothing, without a bean or a null check,
 * when HoneyHive is disabled.
 */
@Timeout(60)
class HoneyHiveStaticContextTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class, HoneyHiveTracingAutoConfiguration.class))
		.withBean(InMemoryEventPublisher.class)
		.withBean(Answering.class);

	@Test
	void shouldEnrichTheTracedCallItRunsIn() {
		this.contextRunner.run((context) -> {
			HoneyHiveTracer tracer = context.getBean(HoneyHiveTracer.class);
			Answering answering = context.getBean(Answering.class);
			String sessionId;
			Seen seen;
			try (SessionScope session = tracer.startSession("chat")) {
				sessionId = session.sessionId();
				seen = answering.answer();
			}
			assertThat(seen.applied()).containsExactly(true, true, true);
			InMemoryEventPublisher publisher = context.getBean(InMemoryEventPublisher.class);
			CreateEventRequest event = TraceTrees.event(publisher, "answer");
			assertThat(event.metadata()).containsEntry("documents", 3);
			assertThat(event.config()).containsEntry("model", "offline-1");
			assertThat(seen.eventId()).isEqualTo(event.eventId());
			assertThat(seen.sessionId()).isEqualTo(sessionId);
			assertThat(publisher.getUpdates()).map(UpdateEventRequest::metrics)
				.anySatisfy((metrics) -> assertThat(metrics).containsEntry("turns", 1));
		});
	}

	@Test
	void shouldDoNothingWhenHoneyHiveIsDisabled() {
		this.contextRunner.withPropertyValues("honeyhive.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(HoneyHiveTracer.class);
			Seen seen = context.getBean(Answering.class).answer();
			assertThat(seen.applied()).containsExactly(false, false, false);
			assertThat(seen.eventId()).isNull();
			assertThat(seen.sessionId()).isNull();
			assertThat(context.getBean(InMemoryEventPublisher.class).getEvents()).isEmpty();
		});
	}

	@Test
	void shouldOpenSessionsThatRecordNothingWithTheDisabledTracer() {
		HoneyHiveTracer tracer = HoneyHiveTracer.disabled();
		try (SessionScope session = tracer.startSession("chat")) {
			assertThat(HoneyHiveContext.currentSessionId()).contains(session.sessionId());
			assertThat(HoneyHiveContext.enrichSession((enrichment) -> enrichment.metrics("turns", 1))).isTrue();
			assertThat(HoneyHiveContext.currentEventId()).isEmpty();
		}
		assertThat(HoneyHiveContext.isActive()).isFalse();
	}

	record Seen(List<Boolean> applied, @Nullable String eventId, @Nullable String sessionId) {

	}

	static class Answering {

		@TraceEvent(name = "answer", type = EventType.MODEL)
		public Seen answer() {
			List<Boolean> applied = new ArrayList<>();
			applied.add(HoneyHiveContext.enrichCurrentEvent((event) -> event.metadata("documents", 3)));
			applied.add(HoneyHiveContext.recordModelCall(ModelCall.builder().model("offline-1").build()));
			applied.add(HoneyHiveContext.enrichSession((session) -> session.metrics("turns", 1)));
			return new Seen(applied, HoneyHiveContext.currentEventId().orElse(null),
					HoneyHiveContext.currentSessionId().orElse(null));
		}

	}

}
