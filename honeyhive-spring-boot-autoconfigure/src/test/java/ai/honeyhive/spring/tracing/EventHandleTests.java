package ai.honeyhive.spring.tracing;

import java.util.Map;

import ai.honeyhive.spring.client.CreateEventRequest;
import ai.honeyhive.spring.client.EventType;
import ai.honeyhive.spring.publisher.InMemoryEventPublisher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link EventHandle}, {@link HoneyHiveTracer#currentEvent()} and
 * {@link HoneyHiveTracer#openEvent}.
 */
class EventHandleTests {

	private final InMemoryEventPublisher publisher = new InMemoryEventPublisher();

	private final HoneyHiveTracer tracer = new HoneyHiveTracer(this.publisher, TracingSettings.defaults());

	@AfterEach
	void noContextLeftBehind() {
		assertThat(HoneyHiveContext.isActive()).isFalse();
	}

	@Test
	void shouldOpenAnEventUnderTheCurrentSessionAndEndItOnce() {
		String sessionId;
		try (SessionScope session = this.tracer.startSession("turn")) {
			sessionId = session.sessionId();
			EventHandle current = this.tracer.currentEvent().orElseThrow();
			assertThat(current.eventType()).isEqualTo(EventType.SESSION);
			assertThat(current.isTracedMethod()).isFalse();
			EventHandle event = this.tracer.openEvent("lookup", EventType.TOOL, current);
			assertThat(event.isWithin(current)).isTrue();
			assertThat(current.isWithin(event)).isFalse();
			event.enrichment().inputs("query", "q");
			event.end(new IllegalStateException("boom"));
			event.end(null);
			event.endCancelled();
		}
		assertThat(TraceTrees.assertLinked(this.publisher, sessionId)).singleElement().satisfies((event) -> {
			assertThat(event.eventName()).isEqualTo("lookup");
			assertThat(event.eventType()).isEqualTo(EventType.TOOL);
			assertThat(event.inputs()).isEqualTo(Map.of("query", "q"));
			assertThat(event.error()).isEqualTo("java.lang.IllegalStateException: boom");
		});
	}

	@Test
	void shouldOpenASessionOfItsOwnWithoutAParent() {
		EventHandle event = this.tracer.openEvent("chat", EventType.MODEL, null);
		event.recordModelCall(ModelCall.builder().model("m").promptTokens(3).completionTokens(2).build());
		assertThat(this.tracer.currentEvent()).isEmpty();
		event.endCancelled();
		CreateEventRequest recorded = this.publisher.findEvent("chat").orElseThrow();
		assertThat(recorded.sessionId()).isEqualTo(event.sessionId());
		assertThat(recorded.metadata()).containsEntry("cancelled", true).containsEntry("total_tokens", 5L);
		assertThat(recorded.config()).containsEntry("model", "m");
		TraceTrees.assertLinked(this.publisher, event.sessionId());
	}

	@Test
	void shouldNotEndAnEventItDidNotOpen() {
		try (SessionScope session = this.tracer.startSession("turn")) {
			EventHandle event = this.tracer.openEvent("outer", EventType.CHAIN, this.tracer.currentEvent().get());
			try (EventHandle.Scope scope = event.makeCurrent()) {
				EventHandle current = this.tracer.currentEvent().orElseThrow();
				assertThat(current.eventId()).isEqualTo(event.eventId());
				current.end(null);
				assertThat(this.publisher.getEvents()).isEmpty();
			}
			assertThat(this.tracer.currentEventId()).isEmpty();
			event.end(null);
		}
		assertThat(this.publisher.getEvents()).hasSize(1);
	}

	@Test
	void shouldLetATracedModelMethodBeClaimedOnce() {
		TraceEventAspectTestSupport.runInTracedModelMethod(this.tracer, () -> {
			EventHandle method = this.tracer.currentEvent().orElseThrow();
			assertThat(method.isTracedMethod()).isTrue();
			assertThat(method.claimModelCall()).isTrue();
			assertThat(method.claimModelCall()).isFalse();
		});
		EventHandle opened = this.tracer.openEvent("chat", EventType.MODEL, null);
		assertThat(opened.claimModelCall()).as("only traced methods").isFalse();
		opened.end(null);
	}

}
