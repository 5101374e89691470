package ai.honeyhive.spring.collector;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * An immutable snapshot of one event the collector received, in the API's {@code Event}
 * shape ({@code project_id}, {@code event_id}, {@code session_id}, {@code parent_id},
 * {@code inputs}, ...). Sessions are events of type {@code session} whose
 * {@code event_id} is the session id.
 *
 * @param fields the event's fields, snake_case as on the wire
 * @since 0.1.0
 */
public record CollectedEvent(Map<String, @Nullable Object> fields) {

	/**
	 * Creates a snapshot of the given fields.
	 * @param fields the event's fields
	 */
	public CollectedEvent {
		Assert.notNull(fields, "'fields' must not be null");
		fields = JsonValues.frozenMap(fields);
	}

	/**
	 * Returns the value at a dotted path such as {@code metadata.total_tokens} or
	 * {@code inputs.messages.0.content}, or {@code null}.
	 * @param path the dotted path
	 * @return the value or {@code null}
	 */
	public @Nullable Object get(String path) {
		return JsonValues.path(this.fields, path);
	}

	/**
	 * Returns the event id.
	 * @return the event id
	 */
	public String eventId() {
		return String.valueOf(this.fields.get("event_id"));
	}

	/**
	 * Returns the id of the session the event belongs to.
	 * @return the session id
	 */
	public String sessionId() {
		return String.valueOf(this.fields.get("session_id"));
	}

	/**
	 * Returns the parent's event id ({@code null} for a session).
	 * @return the parent id or {@code null}
	 */
	public @Nullable String parentId() {
		return (String) this.fields.get("parent_id");
	}

	/**
	 * Returns the event type: {@code session}, {@code chain}, {@code tool} or
	 * {@code model}.
	 * @return the event type
	 */
	public String eventType() {
		return String.valueOf(this.fields.get("event_type"));
	}

	/**
	 * Returns the event name (the session name for a session).
	 * @return the event name
	 */
	public String eventName() {
		return String.valueOf(this.fields.get("event_name"));
	}

	/**
	 * Returns the source, such as {@code dev}.
	 * @return the source or {@code null}
	 */
	public @Nullable String source() {
		return (String) this.fields.get("source");
	}

	/**
	 * Returns the project the client named.
	 * @return the project or {@code null}
	 */
	public @Nullable String projectId() {
		return (String) this.fields.get("project_id");
	}

	/**
	 * Returns the error message, or {@code null} when the call succeeded.
	 * @return the error or {@code null}
	 */
	public @Nullable String error() {
		return (this.fields.get("error") instanceof String error) ? error : null;
	}

	/**
	 * Returns the start time in epoch milliseconds.
	 * @return the start time
	 */
	public long startTime() {
		Long value = EventDocuments.asLong(this.fields.get("start_time"));
		return (value != null) ? value : 0;
	}

	/**
	 * Returns the end time in epoch milliseconds.
	 * @return the end time
	 */
	public long endTime() {
		Long value = EventDocuments.asLong(this.fields.get("end_time"));
		return (value != null) ? value : startTime();
	}

	/**
	 * Returns the duration in milliseconds.
	 * @return the duration
	 */
	public double duration() {
		return (this.fields.get("duration") instanceof Number number) ? number.doubleValue() : 0;
	}

	/**
	 * Returns the ids of the children the client declared (the tree itself is built from
	 * {@code parent_id}).
	 * @return the children ids, possibly empty
	 */
	@SuppressWarnings("unchecked")
	public List<String> childrenIds() {
		return (this.fields.get("children_ids") instanceof List<?> list) ? (List<String>) list : List.of();
	}

	/**
	 * Returns the configuration, such as {@code model} and {@code provider}.
	 * @return the config, possibly empty
	 */
	public Map<String, @Nullable Object> config() {
		return object("config");
	}

	/**
	 * Returns the inputs.
	 * @return the inputs, possibly empty
	 */
	public Map<String, @Nullable Object> inputs() {
		return object("inputs");
	}

	/**
	 * Returns the outputs.
	 * @return the outputs, possibly empty
	 */
	public Map<String, @Nullable Object> outputs() {
		return object("outputs");
	}

	/**
	 * Returns the metadata, such as token counts and cost.
	 * @return the metadata, possibly empty
	 */
	public Map<String, @Nullable Object> metadata() {
		return object("metadata");
	}

	/**
	 * Returns the feedback.
	 * @return the feedback, possibly empty
	 */
	public Map<String, @Nullable Object> feedback() {
		return object("feedback");
	}

	/**
	 * Returns the metrics.
	 * @return the metrics, possibly empty
	 */
	public Map<String, @Nullable Object> metrics() {
		return object("metrics");
	}

	/**
	 * Returns the user properties.
	 * @return the user properties, possibly empty
	 */
	public Map<String, @Nullable Object> userProperties() {
		return object("user_properties");
	}

	@SuppressWarnings("unchecked")
	private Map<String, @Nullable Object> object(String name) {
		return (this.fields.get(name) instanceof Map<?, ?> map) ? (Map<String, @Nullable Object>) map : Map.of();
	}

}
