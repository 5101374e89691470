package ai.honeyhive.spring.springai;

import ai.honeyhive.spring.client.CreateEventRequest;
import ai.honeyhive.spring.client.EventType;
import ai.honeyhive.spring.tracing.EventHandle;
import ai.honeyhive.spring.tracing.HoneyHiveContext;
import ai.honeyhive.spring.tracing.SessionScope;
import io.micrometer.observation.Observation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.ai.tool.definition.ToolDefinition;
import org.springframework.ai.tool.observation.ToolCallingObservationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of the event a Spring AI observation makes current inside its scopes.
 */
@Timeout(60)
class CaptureScopeTests {

	private final SpringAiFixture fixture = new SpringAiFixture(SpringAiFixture.defaults());

	@AfterEach
	void noContextLeftBehind() {
		assertThat(HoneyHiveContext.isActive()).isFalse();
	}

	@Test
	void shouldMakeTheEventCurrentInsideItsScopesOnly() {
		try (SessionScope session = this.fixture.tracer.startSession("turn")) {
			Observation observation = toolObservation().start();
			try (Observation.Scope outer = observation.openScope()) {
				assertThat(currentType()).isEqualTo(EventType.TOOL);
				try (Observation.Scope inner = observation.openScope()) {
					assertThat(currentType()).isEqualTo(EventType.TOOL);
				}
				assertThat(currentType()).isEqualTo(EventType.TOOL);
			}
			assertThat(this.fixture.tracer.currentEventId()).isEmpty();
			assertThat(this.fixture.tracer.currentSessionId()).contains(session.sessionId());
			observation.stop();
		}
		CreateEventRequest tool = this.fixture.only("lookup");
		assertThat(tool.eventType()).isEqualTo(EventType.TOOL);
		assertThat(tool.outputs()).containsEntry("result", "found");
	}

	@Test
	void shouldClearTheEventWhenTheThreadsScopesAreReset() {
		Observation observation = toolObservation().start();
		Observation.Scope outer = observation.openScope();
		observation.openScope();
		assertThat(currentType()).isEqualTo(EventType.TOOL);
		outer.reset();
		assertThat(HoneyHiveContext.isActive()).isFalse();
		observation.stop();
		assertThat(this.fixture.only("lookup").parentId()).isNotNull();
	}

	private Observation toolObservation() {
		ToolCallingObservationContext context = ToolCallingObservationContext.builder()
			.toolDefinition(ToolDefinition.builder().name("lookup").description("Look up").inputSchema("{}").build())
			.toolCallResult("found")
			.build();
		return Observation.createNotStarted("spring.ai.tool", () -> context, this.fixture.registry);
	}

	private EventType currentType() {
		return this.fixture.tracer.currentEvent().map(EventHandle::eventType).orElse(null);
	}

}
