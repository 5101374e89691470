package ai.honeyhive.spring.publisher;

import java.util.Map;

import ai.honeyhive.spring.client.CreateEventRequest;
import ai.honeyhive.spring.client.EventType;
import ai.honeyhive.spring.client.SessionStartRequest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Updates}.
 */
class UpdatesTests {

	@Test
	void shouldSendASessionWithoutConfigOrInputsAsAnEventWithEmptyOnes() {
		SessionStartRequest session = SessionStartRequest.builder()
			.project("p")
			.source("dev")
			.sessionName("chat")
			.sessionId("0b0d2d43-6c52-4b4e-9a8c-6a1e3c2f3b10")
			.build();
		CreateEventRequest event = Updates.asEvent(session);
		assertThat(event.eventType()).isEqualTo(EventType.SESSION);
		assertThat(event.eventId()).isEqualTo(session.sessionId());
		// Both are required on an event by the API and the collector
		assertThat(event.config()).isEmpty();
		assertThat(event.inputs()).isEmpty();
	}

	@Test
	void shouldKeepASessionsOwnConfig() {
		SessionStartRequest session = SessionStartRequest.builder()
			.sessionName("chat")
			.sessionId("0b0d2d43-6c52-4b4e-9a8c-6a1e3c2f3b10")
			.config(Map.of("model", "m"))
			.build();
		assertThat(Updates.asEvent(session).config()).containsEntry("model", "m");
	}

}
