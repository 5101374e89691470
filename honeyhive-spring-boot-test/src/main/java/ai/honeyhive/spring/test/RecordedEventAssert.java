package ai.honeyhive.spring.test;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import org.assertj.core.api.AbstractAssert;
import org.assertj.core.api.Assertions;
import org.assertj.core.api.ObjectAssert;
import org.jspecify.annotations.Nullable;

/**
 * Assertions over one recorded session or event, in the style of Micrometer's
 * {@code ObservationContextAssert}: check its name, type, fields by path and error, walk
 * to its parent or a child, and check its whole subtree in one statement. Every failure
 * message shows the recorded tree of the event's session.
 *
 * @since 0.1.0
 */
public final class RecordedEventAssert extends AbstractAssert<RecordedEventAssert, RecordedEvent> {

	RecordedEventAssert(RecordedEvent actual) {
		super(actual, RecordedEventAssert.class);
	}

	/**
	 * Create assertions for a recorded event.
	 * @param actual the event
	 * @return the assertions
	 */
	public static RecordedEventAssert assertThat(RecordedEvent actual) {
		return new RecordedEventAssert(actual);
	}

	/**
	 * Verify the event's name.
	 * @param name the expected name
	 * @return this
	 */
	public RecordedEventAssert hasName(String name) {
		isNotNull();
		if (!this.actual.name().equals(name)) {
			fail("Expected %s to be named '%s'", name);
		}
		return this;
	}

	/**
	 * Verify the event's type: {@code session}, {@code chain}, {@code tool} or
	 * {@code model}.
	 * @param type the expected type's wire value
	 * @return this
	 */
	public RecordedEventAssert hasType(String type) {
		isNotNull();
		if (!this.actual.type().equals(type)) {
			fail("Expected %s to be of type '%s'", type);
		}
		return this;
	}

	/**
	 * Verify the value at a path of wire names, such as {@code inputs.message} or
	 * {@code metadata.total_tokens}; numbers compare by value, so {@code 3} matches
	 * {@code 3L} and {@code 3.0}.
	 * @param path the path
	 * @param expected the expected value
	 * @return this
	 */
	public RecordedEventAssert hasField(String path, @Nullable Object expected) {
		isNotNull();
		Object value = this.actual.get(path);
		if (!sameValue(value, expected)) {
			fail("Expected %s to have %s = <%s> but it was <%s>", path, expected, value);
		}
		return this;
	}

	/**
	 * Start assertions on the value at a path of wire names.
	 * @param path the path
	 * @return assertions on the value, which may be {@code null}
	 */
	public ObjectAssert<@Nullable Object> field(String path) {
		isNotNull();
		return Assertions.assertThat(this.actual.get(path)).as("%s of %s", path, this.actual);
	}

	/**
	 * Verify the event recorded an error.
	 * @return this
	 */
	public RecordedEventAssert hasError() {
		isNotNull();
		if (this.actual.error() == null) {
			fail("Expected %s to have an error");
		}
		return this;
	}

	/**
	 * Verify the event recorded an error containing the given text.
	 * @param text the expected part of the error
	 * @return this
	 */
	public RecordedEventAssert hasErrorContaining(String text) {
		hasError();
		if (!Objects.requireNonNull(this.actual.error()).contains(text)) {
			fail("Expected the error of %s to contain '%s' but it was '%s'", text, this.actual.error());
		}
		return this;
	}

	/**
	 * Verify the event recorded no error.
	 * @return this
	 */
	public RecordedEventAssert hasNoError() {
		isNotNull();
		if (this.actual.error() != null) {
			fail("Expected %s to have no error but it had '%s'", this.actual.error());
		}
		return this;
	}

	/**
	 * Verify the event hangs directly under its session (and is no orphan).
	 * @return this
	 */
	public RecordedEventAssert isTopLevel() {
		isNotNull();
		if (this.actual.parent() != this.actual.session() || this.actual.isOrphan()) {
			fail("Expected %s to be a top-level event of its session");
		}
		return this;
	}

	/**
	 * Verify the names of the event's children, in start-time order.
	 * @param names the expected names
	 * @return this
	 */
	public RecordedEventAssert hasChildrenNamed(String... names) {
		isNotNull();
		List<String> actualNames = this.actual.children().stream().map(RecordedEvent::name).toList();
		if (!actualNames.equals(Arrays.asList(names))) {
			fail("Expected the children of %s to be named %s but they were %s", Arrays.asList(names), actualNames);
		}
		return this;
	}

	/**
	 * Verify the event has no children.
	 * @return this
	 */
	public RecordedEventAssert hasNoChildren() {
		return hasChildrenNamed();
	}

	/**
	 * Verify the event's subtree has the given shape, in one statement: one line per
	 * node, {@code <type> <name>}, children indented below their parent, this event on
	 * the first line. Siblings may be listed in any order (concurrent children start in
	 * no fixed order); orphans are marked {@value RecordedTrees#ORPHAN_MARK}.
	 * <pre class="code">
	 * assertThat(recorder).hasSessionNamed("support-chat").hasTree("""
	 *         session support-chat
	 *           chain answer_question
	 *             tool retrieve_documents
	 *             model chat_completion
	 *         """);
	 * </pre>
	 * @param expected the expected shape
	 * @return this
	 */
	public RecordedEventAssert hasTree(String expected) {
		isNotNull();
		if (!TreeShape.parseCanonical(expected).equals(TreeShape.canonical(List.of(this.actual)))) {
			failWithMessage("%nExpected the tree of %s to be:%n%s%nbut the recorded tree was:%n%s", this.actual,
					indent(expected.stripIndent()), indent(this.actual.toTreeString()));
		}
		return this;
	}

	/**
	 * Continue with the event's only child of the given name.
	 * @param name the child's name
	 * @return assertions on the child
	 */
	public RecordedEventAssert child(String name) {
		isNotNull();
		List<RecordedEvent> matches = this.actual.children()
			.stream()
			.filter((child) -> child.name().equals(name))
			.toList();
		if (matches.size() != 1) {
			fail("Expected %s to have exactly one child named '%s' but it had %s", name, matches.size());
		}
		return new RecordedEventAssert(matches.get(0));
	}

	/**
	 * Continue with the event's parent in the tree (its session for a top-level event).
	 * @return assertions on the parent
	 */
	public RecordedEventAssert parent() {
		isNotNull();
		RecordedEvent parent = this.actual.parent();
		if (parent == null) {
			fail("Expected %s to have a parent");
		}
		return new RecordedEventAssert(Objects.requireNonNull(parent));
	}

	/**
	 * Continue with the session the event belongs to.
	 * @return assertions on the session
	 */
	public RecordedEventAssert session() {
		isNotNull();
		return new RecordedEventAssert(this.actual.session());
	}

	private void fail(String message, @Nullable Object... arguments) {
		Object[] all = new Object[arguments.length + 1];
		all[0] = this.actual;
		System.arraycopy(arguments, 0, all, 1, arguments.length);
		failWithMessage("%n" + message + "%nRecorded tree:%n%s",
				append(all, indent(this.actual.session().toTreeString())));
	}

	static boolean sameValue(@Nullable Object actual, @Nullable Object expected) {
		if (actual instanceof Number number && expected instanceof Number other) {
			try {
				return new BigDecimal(number.toString()).compareTo(new BigDecimal(other.toString())) == 0;
			}
			catch (NumberFormatException ex) {
				// NaN or infinite: no decimal form
				return number.toString().equals(other.toString());
			}
		}
		return Objects.equals(actual, expected);
	}

	static String indent(String tree) {
		return tree.lines().map((line) -> "  " + line).reduce((a, b) -> a + "\n" + b).orElse("");
	}

	private static Object[] append(Object[] values, Object last) {
		Object[] all = Arrays.copyOf(values, values.length + 1);
		all[values.length] = last;
		return all;
	}

}
