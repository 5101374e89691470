package ai.honeyhive.spring.publisher;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import ai.honeyhive.spring.client.CreateEventRequest;
import ai.honeyhive.spring.client.EventType;
import ai.honeyhive.spring.client.SessionStartRequest;
import ai.honeyhive.spring.client.UpdateEventRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Updates}: a session as the event a batch carries, and updates merged
 * the way the server merges them.
 */
class UpdatesTests {

	@Test
	void aSessionInABatchIsASessionEventWithEveryFieldTheSpecsRequire() {
		CreateEventRequest event = Updates.asEvent(SessionStartRequest.builder()
			.project("p")
			.source("dev")
			.sessionName("chat")
			.sessionId("s-1")
			.startTime(1000L)
			.build());
		assertThat(event.eventType()).isEqualTo(EventType.SESSION);
		assertThat(event.eventId()).isEqualTo("s-1");
		assertThat(event.sessionId()).isEqualTo("s-1");
		assertThat(event.parentId()).isNull();
		assertThat(event.eventName()).isEqualTo("chat");
		assertThat(event.project()).isEqualTo("p");
		assertThat(event.source()).isEqualTo("dev");
		assertThat(event.config()).isEmpty();
		assertThat(event.inputs()).isEmpty();
		assertThat(event.duration()).isZero();
		assertThat(event.startTime()).isEqualTo(1000L);
	}

	@Test
	void aSessionKeepsItsOwnConfigAndInputs() {
		CreateEventRequest event = Updates.asEvent(SessionStartRequest.builder()
			.sessionName("chat")
			.sessionId("s-1")
			.config(Map.of("model", "m"))
			.inputs(Map.of("question", "q"))
			.duration(12.0)
			.build());
		assertThat(event.config()).containsEntry("model", "m");
		assertThat(event.inputs()).containsEntry("question", "q");
		assertThat(event.duration()).isEqualTo(12.0);
	}

	@Test
	void anUpdateMergesObjectsKeyByKeyReplacesTimesAndAppendsChildren() {
		CreateEventRequest event = CreateEventRequest.builder()
			.eventId("e")
			.metadata(Map.of("a", 1, "b", 2))
			.outputs(Map.of("text", "first"))
			.childrenIds(List.of("c1", "c2"))
			.endTime(10L)
			.duration(5.0)
			.build();
		CreateEventRequest merged = Updates.merge(event,
				UpdateEventRequest.builder("e")
					.metadata(Map.of("b", 3, "c", 4))
					.feedback(Map.of("rating", 5))
					.childrenIds(List.of("c2", "c3"))
					.endTime(20L)
					.duration(15.0)
					.build());
		assertThat(merged.metadata()).containsExactlyInAnyOrderEntriesOf(Map.of("a", 1, "b", 3, "c", 4));
		assertThat(merged.outputs()).containsEntry("text", "first");
		assertThat(merged.feedback()).containsEntry("rating", 5);
		assertThat(merged.childrenIds()).containsExactly("c1", "c2", "c3");
		assertThat(merged.endTime()).isEqualTo(20L);
		assertThat(merged.duration()).isEqualTo(15.0);
	}

	@Test
	void twoUpdatesMergeIntoOne() {
		UpdateEventRequest merged = Updates.merge(
				UpdateEventRequest.builder("s").metadata(Map.of("turn", 1)).childrenIds(List.of("a")).build(),
				UpdateEventRequest.builder("s").metadata(Map.of("user", "u")).childrenIds(List.of("b")).build());
		assertThat(merged.eventId()).isEqualTo("s");
		assertThat(merged.metadata()).containsEntry("turn", 1).containsEntry("user", "u");
		assertThat(merged.childrenIds()).containsExactly("a", "b");
	}

}
