package ai.honeyhive.spring.test;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import ai.honeyhive.spring.client.CreateEventRequest;
import ai.honeyhive.spring.client.EventType;
import ai.honeyhive.spring.client.SessionStartRequest;
import ai.honeyhive.spring.client.UpdateEventRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The assertions and the trees they read, on records handed to the recorder directly.
 */
class HoneyHiveRecorderAssertTests {

	private final InMemoryEventPublisher recorder = new InMemoryEventPublisher();

	@Test
	void shouldMatchTreeWhateverTheSiblingOrder() {
		recordConversation();
		HoneyHiveRecorderAssert.assertThat(this.recorder).hasTree("""
				session chat
				  chain answer
				    model llm
				    tool search
				      tool rerank
				""");
	}

	@Test
	void shouldDrawChildrenInStartTimeOrder() {
		recordConversation();
		assertThat(this.recorder.trees().toTreeString()).isEqualTo("""
				session chat
				  chain answer
				    tool search
				      tool rerank
				    model llm
				""");
	}

	@Test
	void shouldFailTreeWithMissingLevelAndShowBothTrees() {
		recordConversation();
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> HoneyHiveRecorderAssert.assertThat(this.recorder).hasTree("""
					session chat
					  chain answer
					    tool search
					    model llm
					"""))
			.withMessageContaining("Expected the recorded trees to be:\n  session chat\n    chain answer\n"
					+ "      tool search\n      model llm\n")
			.withMessageContaining("but they were:\n  session chat\n    chain answer\n      tool search\n"
					+ "        tool rerank\n      model llm");
	}

	@Test
	void shouldFailTreeWithWrongType() {
		recordConversation();
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> HoneyHiveRecorderAssert.assertThat(this.recorder).hasTree("""
					session chat
					  chain answer
					    tool search
					      tool rerank
					    tool llm
					"""));
	}

	@Test
	void shouldMarkOrphansAndUnstartedSessions() {
		recordConversation();
		this.recorder.publish(event("lost", "s1", "no-such-parent", EventType.TOOL, "lost", 50));
		this.recorder.publish(event("alone", "s2", null, EventType.CHAIN, "alone", 60));
		HoneyHiveRecorderAssert.assertThat(this.recorder).hasSessionCount(2).hasTree("""
				session chat
				  chain answer
				    tool search
				      tool rerank
				    model llm
				  tool lost (orphan)
				session (not started)
				  chain alone (orphan)
				""");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> HoneyHiveRecorderAssert.assertThat(this.recorder).hasNoOrphans())
			.withMessageContaining("tool lost (orphan)");
	}

	@Test
	void shouldHangEventsOnParentCycleUnderSessionAsOrphans() {
		this.recorder.startSession(SessionStartRequest.builder().sessionId("s1").sessionName("chat").build());
		this.recorder.publish(event("a", "s1", "b", EventType.TOOL, "a", 1));
		this.recorder.publish(event("b", "s1", "a", EventType.TOOL, "b", 2));
		RecordedTrees trees = this.recorder.trees();
		assertThat(trees.events()).hasSize(2);
		assertThat(trees.sessions().get(0).children()).anySatisfy((event) -> assertThat(event.isOrphan()).isTrue());
	}

	@Test
	void shouldApplyUpdatesAndReadFieldsByPath() {
		recordConversation();
		this.recorder.update(UpdateEventRequest.builder("m")
			.feedback(Map.of("rating", 5))
			.metadata(Map.of("total_tokens", 150))
			.outputs(Map.of("content", "Reset it in Settings"))
			.build());
		this.recorder.update(UpdateEventRequest.builder("s1").outputs(Map.of("answer", "done")).build());
		HoneyHiveRecorderAssert.assertThat(this.recorder)
			.hasEventNamed("llm")
			.hasField("feedback.rating", 5L)
			.hasField("metadata.total_tokens", 150.0)
			.hasField("metadata.model_version", "v1")
			.hasField("outputs.content", "Reset it in Settings")
			.hasField("inputs.chat_history.0.role", "user")
			.hasField("config.model", "gpt-test");
		HoneyHiveRecorderAssert.assertThat(this.recorder).hasSessionNamed("chat").hasField("outputs.answer", "done");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> HoneyHiveRecorderAssert.assertThat(this.recorder)
				.hasEventNamed("llm")
				.hasField("feedback.rating", 4))
			.withMessageContaining("feedback.rating = <4> but it was <5>")
			.withMessageContaining("Recorded tree:\n  session chat");
	}

	@Test
	void shouldCheckChildrenIdsAgainstTheTree() {
		recordConversation();
		this.recorder.update(UpdateEventRequest.builder("s1").childrenIds(List.of("c")).build());
		this.recorder.update(UpdateEventRequest.builder("c").childrenIds(List.of("t")).build());
		this.recorder.update(UpdateEventRequest.builder("c").childrenIds(List.of("m")).build());
		this.recorder.update(UpdateEventRequest.builder("t").childrenIds(List.of("r")).build());
		HoneyHiveRecorderAssert.assertThat(this.recorder).hasWellLinkedTrees();
		this.recorder.update(UpdateEventRequest.builder("t").childrenIds(List.of("ghost")).build());
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> HoneyHiveRecorderAssert.assertThat(this.recorder).hasWellLinkedTrees())
			.withMessageContaining("tool search [t] lists children_ids [r, ghost] but its children are [r]");
	}

	@Test
	void shouldWalkToChildrenAndParents() {
		recordConversation();
		HoneyHiveRecorderAssert.assertThat(this.recorder)
			.hasSingleSession()
			.hasChildrenNamed("answer")
			.child("answer")
			.isTopLevel()
			.hasType("chain")
			.hasChildrenNamed("search", "llm")
			.child("search")
			.hasTree("""
					tool search
					  tool rerank
					""")
			.child("rerank")
			.hasNoChildren()
			.parent()
			.hasName("search");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> HoneyHiveRecorderAssert.assertThat(this.recorder).hasSingleSession().child("nope"))
			.withMessageContaining("exactly one child named 'nope' but it had 0");
	}

	@Test
	void shouldFindOnlyUniqueNames() {
		recordConversation();
		this.recorder.publish(event("m2", "s1", "c", EventType.MODEL, "llm", 40));
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> HoneyHiveRecorderAssert.assertThat(this.recorder).hasEventNamed("llm"))
			.withMessageContaining("Expected exactly one event named 'llm' but found 2");
		HoneyHiveRecorderAssert.assertThat(this.recorder).eventsOfType("model").hasSize(2);
	}

	@Test
	void shouldTellEmptyRecorder() {
		HoneyHiveRecorderAssert.assertThat(this.recorder).isEmpty().hasSessionCount(0).hasTree("");
		recordConversation();
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> HoneyHiveRecorderAssert.assertThat(this.recorder).isEmpty());
		this.recorder.clear();
		HoneyHiveRecorderAssert.assertThat(this.recorder).isEmpty();
	}

	/**
	 * session chat → chain answer → (tool search → tool rerank), model llm; published out
	 * of order, the model first.
	 */
	private void recordConversation() {
		this.recorder.startSession(SessionStartRequest.builder().sessionId("s1").sessionName("chat").build());
		this.recorder.publish(event("m", "s1", "c", EventType.MODEL, "llm", 30).toBuilder()
			.config(Map.of("model", "gpt-test"))
			.inputs(Map.of("chat_history", List.of(Map.of("role", "user", "content", "reset?"))))
			.metadata(Map.of("model_version", "v1"))
			.build());
		this.recorder.publish(event("r", "s1", "t", EventType.TOOL, "rerank", 20));
		this.recorder.publish(event("t", "s1", "c", EventType.TOOL, "search", 10));
		this.recorder.publish(event("c", "s1", "s1", EventType.CHAIN, "answer", 5));
	}

	private static CreateEventRequest event(String id, String sessionId, String parentId, EventType type, String name,
			long startTime) {
		return CreateEventRequest.builder()
			.eventId(id)
			.sessionId(sessionId)
			.parentId(parentId)
			.eventType(type)
			.eventName(name)
			.startTime(startTime)
			.build();
	}

}
