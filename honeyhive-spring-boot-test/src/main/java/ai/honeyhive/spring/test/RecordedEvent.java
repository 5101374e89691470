package ai.honeyhive.spring.test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One node of a recorded session tree: a session (type {@code session}) or an event, with
 * the updates recorded for it applied. Fields are read by their wire names, such as
 * {@code inputs.message}, {@code outputs.answer}, {@code config.model} or
 * {@code metadata.total_tokens}.
 *
 * @since 0.1.0
 */
public final class RecordedEvent {

	private final String eventId;

	private final String sessionId;

	private final @Nullable String parentId;

	private final String type;

	private final String name;

	private final Map<String, @Nullable Object> fields;

	private final List<RecordedEvent> children = new ArrayList<>();

	private @Nullable RecordedEvent parent;

	private @Nullable RecordedEvent session;

	private boolean orphan;

	RecordedEvent(String eventId, String sessionId, @Nullable String parentId, String type, String name,
			Map<String, @Nullable Object> fields) {
		this.eventId = eventId;
		this.sessionId = sessionId;
		this.parentId = parentId;
		this.type = type;
		this.name = name;
		this.fields = fields;
	}

	/**
	 * Return the event id (the session id for a session).
	 * @return the event id
	 */
	public String eventId() {
		return this.eventId;
	}

	/**
	 * Return the id of the session the event belongs to.
	 * @return the session id
	 */
	public String sessionId() {
		return this.sessionId;
	}

	/**
	 * Return the {@code parent_id} the event was recorded with; {@code null} for a
	 * session.
	 * @return the parent id or {@code null}
	 */
	public @Nullable String parentId() {
		return this.parentId;
	}

	/**
	 * Return the event type's wire value: {@code session}, {@code chain}, {@code tool} or
	 * {@code model}.
	 * @return the type
	 */
	public String type() {
		return this.type;
	}

	/**
	 * Return the event name (the session name for a session).
	 * @return the name
	 */
	public String name() {
		return this.name;
	}

	/**
	 * Return the recorded error, or {@code null}.
	 * @return the error or {@code null}
	 */
	public @Nullable String error() {
		return (this.fields.get("error") instanceof String error) ? error : null;
	}

	/**
	 * Return the value at a dotted path of wire names, such as {@code inputs.message}, or
	 * {@code null} if there is none. A number segment indexes a list.
	 * @param path the path
	 * @return the value or {@code null}
	 */
	public @Nullable Object get(String path) {
		Object current = this.fields;
		for (String segment : path.split("\\.")) {
			if (current instanceof Map<?, ?> map) {
				current = map.get(segment);
			}
			else if (current instanceof List<?> list && segment.matches("\\d{1,9}")
					&& Integer.parseInt(segment) < list.size()) {
				current = list.get(Integer.parseInt(segment));
			}
			else {
				return null;
			}
		}
		return current;
	}

	/**
	 * Return every recorded field by wire name, updates applied.
	 * @return an unmodifiable view of the fields
	 */
	public Map<String, @Nullable Object> fields() {
		return Collections.unmodifiableMap(this.fields);
	}

	/**
	 * Return the children, in start-time order (then recording order).
	 * @return an unmodifiable view of the children
	 */
	public List<RecordedEvent> children() {
		return Collections.unmodifiableList(this.children);
	}

	/**
	 * Return the parent in the tree: the event named by {@code parent_id}, or the session
	 * for top-level and orphaned events; {@code null} for a session.
	 * @return the parent or {@code null}
	 */
	public @Nullable RecordedEvent parent() {
		return this.parent;
	}

	/**
	 * Return the session this event belongs to (itself for a session).
	 * @return the session node
	 */
	public RecordedEvent session() {
		return (this.session != null) ? this.session : this;
	}

	/**
	 * Return whether the event's {@code parent_id} names neither its session nor an event
	 * of its session (or lies on a parent cycle), so it hangs under the session only
	 * because nothing else would have it.
	 * @return whether the event is an orphan
	 */
	public boolean isOrphan() {
		return this.orphan;
	}

	/**
	 * Return this node and every node below it, depth first.
	 * @return the nodes of this subtree
	 */
	public List<RecordedEvent> subtree() {
		List<RecordedEvent> nodes = new ArrayList<>();
		collect(this, nodes);
		return nodes;
	}

	/**
	 * Return the subtree drawn as the tree assertions expect it: one line per node,
	 * {@code <type> <name>}, indented two spaces per level, orphans marked.
	 * @return the drawn subtree
	 */
	public String toTreeString() {
		StringBuilder text = new StringBuilder();
		draw(this, 0, text);
		return text.toString();
	}

	@Override
	public String toString() {
		return label() + " [" + this.eventId + "]";
	}

	String label() {
		return this.type + " " + this.name + (this.orphan ? " " + RecordedTrees.ORPHAN_MARK : "");
	}

	void attach(RecordedEvent child, boolean orphan) {
		child.parent = this;
		child.orphan = orphan;
		this.children.add(child);
	}

	void detach(RecordedEvent child) {
		this.children.remove(child);
	}

	void session(RecordedEvent session) {
		this.session = session;
	}

	Map<String, @Nullable Object> mutableFields() {
		return this.fields;
	}

	List<RecordedEvent> mutableChildren() {
		return this.children;
	}

	private static void collect(RecordedEvent node, List<RecordedEvent> nodes) {
		nodes.add(node);
		node.children.forEach((child) -> collect(child, nodes));
	}

	private static void draw(RecordedEvent node, int depth, StringBuilder text) {
		text.append("  ".repeat(depth)).append(node.label()).append('\n');
		node.children.forEach((child) -> draw(child, depth + 1, text));
	}

}
