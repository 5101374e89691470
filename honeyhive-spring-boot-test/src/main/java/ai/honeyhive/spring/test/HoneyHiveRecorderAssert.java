package ai.honeyhive.spring.test;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.assertj.core.api.AbstractAssert;
import org.assertj.core.api.Assertions;
import org.assertj.core.api.ListAssert;

/**
 * AssertJ assertions over what an {@link InMemoryEventPublisher} recorded, in the style
 * of Micrometer's {@code TestObservationRegistryAssert}: find a session or an event by
 * name, continue on it with {@link RecordedEventAssert}, or check every recorded tree in
 * one statement. Every failure message shows the recorded trees. <pre class="code">
 * HoneyHiveRecorderAssert.assertThat(recorder).hasTree("""
 *         session support-chat
 *           chain answer_question
 *             tool retrieve_documents
 *             model chat_completion
 *         """);
 * HoneyHiveRecorderAssert.assertThat(recorder).hasEventNamed("chat_completion")
 *     .hasType("model")
 *     .hasField("config.model", "gpt-4o")
 *     .parent().hasName("answer_question");
 * </pre>
 *
 * @since 0.1.0
 */
public final class HoneyHiveRecorderAssert extends AbstractAssert<HoneyHiveRecorderAssert, InMemoryEventPublisher> {

	private HoneyHiveRecorderAssert(InMemoryEventPublisher actual) {
		super(actual, HoneyHiveRecorderAssert.class);
	}

	/**
	 * Create assertions over a recorder.
	 * @param actual the recorder
	 * @return the assertions
	 */
	public static HoneyHiveRecorderAssert assertThat(InMemoryEventPublisher actual) {
		return new HoneyHiveRecorderAssert(actual);
	}

	/**
	 * Verify every recorded tree, in one statement: one line per node,
	 * {@code <type> <name>}, children indented below their parent, each session at the
	 * left margin. Sessions and siblings may be listed in any order (concurrent work
	 * starts in no fixed order); orphans are marked {@value RecordedTrees#ORPHAN_MARK}.
	 * @param expected the expected trees
	 * @return this
	 */
	public HoneyHiveRecorderAssert hasTree(String expected) {
		isNotNull();
		RecordedTrees trees = this.actual.trees();
		if (!TreeShape.parseCanonical(expected).equals(TreeShape.canonical(trees.sessions()))) {
			failWithMessage("%nExpected the recorded trees to be:%n%s%nbut they were:%n%s",
					RecordedEventAssert.indent(expected.stripIndent()),
					RecordedEventAssert.indent(trees.toTreeString()));
		}
		return this;
	}

	/**
	 * Verify nothing was recorded: no session, no event, no update.
	 * @return this
	 */
	public HoneyHiveRecorderAssert isEmpty() {
		isNotNull();
		if (!this.actual.getSessions().isEmpty() || !this.actual.getEvents().isEmpty()
				|| !this.actual.getUpdates().isEmpty()) {
			fail("Expected nothing recorded");
		}
		return this;
	}

	/**
	 * Verify the number of sessions, started or named by an event.
	 * @param count the expected number
	 * @return this
	 */
	public HoneyHiveRecorderAssert hasSessionCount(int count) {
		isNotNull();
		int actualCount = this.actual.trees().sessions().size();
		if (actualCount != count) {
			fail("Expected " + count + " sessions but there were " + actualCount);
		}
		return this;
	}

	/**
	 * Verify no event or session recorded an error.
	 * @return this
	 */
	public HoneyHiveRecorderAssert hasNoErrors() {
		isNotNull();
		List<RecordedEvent> failed = this.actual.trees()
			.sessions()
			.stream()
			.flatMap((session) -> session.subtree().stream())
			.filter((event) -> event.error() != null)
			.toList();
		if (!failed.isEmpty()) {
			fail("Expected no errors but " + failed + " recorded "
					+ failed.stream().map(RecordedEvent::error).toList());
		}
		return this;
	}

	/**
	 * Verify every event's {@code parent_id} names its session or an event of its
	 * session.
	 * @return this
	 */
	public HoneyHiveRecorderAssert hasNoOrphans() {
		isNotNull();
		List<RecordedEvent> orphans = this.actual.trees().events().stream().filter(RecordedEvent::isOrphan).toList();
		if (!orphans.isEmpty()) {
			fail("Expected no orphans but found " + orphans);
		}
		return this;
	}

	/**
	 * Verify every tree is linked as HoneyHive links it: no orphans, and each event's and
	 * each session's {@code children_ids} (updates applied) list exactly its children.
	 * @return this
	 */
	public HoneyHiveRecorderAssert hasWellLinkedTrees() {
		hasNoOrphans();
		List<String> problems = new ArrayList<>();
		for (RecordedEvent session : this.actual.trees().sessions()) {
			for (RecordedEvent node : session.subtree()) {
				Set<Object> listed = new LinkedHashSet<>(
						(node.get("children_ids") instanceof List<?> ids) ? ids : List.of());
				Set<Object> children = new LinkedHashSet<>(
						node.children().stream().map(RecordedEvent::eventId).toList());
				if (!listed.equals(children)) {
					problems.add(node + " lists children_ids " + listed + " but its children are " + children);
				}
			}
		}
		if (!problems.isEmpty()) {
			fail("Expected well-linked trees but " + String.join("; ", problems));
		}
		return this;
	}

	/**
	 * Continue with the only session of the given name.
	 * @param name the session name
	 * @return assertions on the session
	 */
	public RecordedEventAssert hasSessionNamed(String name) {
		return only(this.actual.trees().sessions().stream().filter((session) -> session.name().equals(name)).toList(),
				"session named '" + name + "'");
	}

	/**
	 * Continue with the only session recorded.
	 * @return assertions on the session
	 */
	public RecordedEventAssert hasSingleSession() {
		return only(this.actual.trees().sessions(), "session");
	}

	/**
	 * Continue with the only event (sessions excluded) of the given name.
	 * @param name the event name
	 * @return assertions on the event
	 */
	public RecordedEventAssert hasEventNamed(String name) {
		return only(this.actual.trees().events().stream().filter((event) -> event.name().equals(name)).toList(),
				"event named '" + name + "'");
	}

	/**
	 * Start assertions on the events (sessions excluded) of the given type, depth first.
	 * @param type the type's wire value, such as {@code model}
	 * @return assertions on the list of events
	 */
	public ListAssert<RecordedEvent> eventsOfType(String type) {
		isNotNull();
		return Assertions
			.assertThat(this.actual.trees().events().stream().filter((event) -> event.type().equals(type)).toList())
			.as("events of type '%s'", type);
	}

	private RecordedEventAssert only(List<RecordedEvent> matches, String what) {
		isNotNull();
		if (matches.size() != 1) {
			fail("Expected exactly one " + what + " but found " + matches.size());
		}
		return new RecordedEventAssert(matches.get(0));
	}

	private void fail(String message) {
		failWithMessage("%n%s%nRecorded trees:%n%s", message,
				RecordedEventAssert.indent(this.actual.trees().toTreeString()));
	}

}
