package ai.honeyhive.spring.collector;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Checks request bodies against the required fields and types of HoneyHive's Events API
 * (the TypeScript SDK's OpenAPI document), naming the first missing or bad field the way
 * the API's 400 answers do. An optional field sent as {@code null} counts as absent.
 */
final class RequestValidator {

	static final Set<String> EVENT_TYPES = Set.of("model", "tool", "chain");

	/** {@code SessionStartRequest}. */
	static final List<Field> SESSION_START = List.of(Field.required("project", Kind.STRING),
			Field.required("session_name", Kind.STRING), Field.required("source", Kind.STRING),
			Field.optional("session_id", Kind.STRING), Field.optional("children_ids", Kind.STRING_ARRAY),
			Field.optional("config", Kind.OBJECT), Field.optional("inputs", Kind.OBJECT),
			Field.optional("outputs", Kind.OBJECT), Field.optional("error", Kind.STRING),
			Field.optional("duration", Kind.NUMBER), Field.optional("user_properties", Kind.OBJECT),
			Field.optional("metrics", Kind.OBJECT), Field.optional("feedback", Kind.OBJECT),
			Field.optional("metadata", Kind.OBJECT), Field.optional("start_time", Kind.NUMBER),
			Field.optional("end_time", Kind.INTEGER));

	/** {@code CreateEventRequest}. */
	static final List<Field> CREATE_EVENT = List.of(Field.required("project", Kind.STRING),
			Field.required("source", Kind.STRING), Field.required("event_name", Kind.STRING),
			Field.required("event_type", Kind.STRING), Field.required("config", Kind.OBJECT),
			Field.required("inputs", Kind.OBJECT), Field.required("duration", Kind.NUMBER),
			Field.optional("event_id", Kind.STRING), Field.optional("session_id", Kind.STRING),
			Field.optional("parent_id", Kind.STRING), Field.optional("children_ids", Kind.STRING_ARRAY),
			Field.optional("outputs", Kind.OBJECT), Field.optional("error", Kind.STRING),
			Field.optional("start_time", Kind.NUMBER), Field.optional("end_time", Kind.INTEGER),
			Field.optional("metadata", Kind.OBJECT), Field.optional("feedback", Kind.OBJECT),
			Field.optional("metrics", Kind.OBJECT), Field.optional("user_properties", Kind.OBJECT));

	/**
	 * {@code CreateModelEvent}, plus the linkage fields the server accepts beyond the
	 * legacy document.
	 */
	static final List<Field> CREATE_MODEL_EVENT = List.of(Field.required("project", Kind.STRING),
			Field.required("model", Kind.STRING), Field.required("provider", Kind.STRING),
			Field.required("messages", Kind.OBJECT_ARRAY), Field.required("response", Kind.OBJECT),
			Field.required("duration", Kind.NUMBER), Field.required("usage", Kind.OBJECT),
			Field.optional("cost", Kind.NUMBER), Field.optional("error", Kind.STRING),
			Field.optional("source", Kind.STRING), Field.optional("event_name", Kind.STRING),
			Field.optional("hyperparameters", Kind.OBJECT), Field.optional("template", Kind.OBJECT_ARRAY),
			Field.optional("template_inputs", Kind.OBJECT), Field.optional("tools", Kind.OBJECT_ARRAY),
			Field.optional("tool_choice", Kind.STRING), Field.optional("response_format", Kind.OBJECT),
			Field.optional("event_id", Kind.STRING), Field.optional("session_id", Kind.STRING),
			Field.optional("parent_id", Kind.STRING), Field.optional("start_time", Kind.NUMBER),
			Field.optional("end_time", Kind.INTEGER), Field.optional("metadata", Kind.OBJECT),
			Field.optional("config", Kind.OBJECT), Field.optional("inputs", Kind.OBJECT));

	/** The flat body of {@code PUT /events}. */
	static final List<Field> UPDATE_EVENT = List.of(Field.required("event_id", Kind.STRING),
			Field.optional("metadata", Kind.OBJECT), Field.optional("feedback", Kind.OBJECT),
			Field.optional("metrics", Kind.OBJECT), Field.optional("outputs", Kind.OBJECT),
			Field.optional("config", Kind.OBJECT), Field.optional("user_properties", Kind.OBJECT),
			Field.optional("duration", Kind.NUMBER), Field.optional("end_time", Kind.NUMBER),
			Field.optional("children_ids", Kind.STRING_ARRAY));

	/** {@code SessionPropertiesBatch}. */
	static final List<Field> SESSION_PROPERTIES = List.of(Field.optional("session_name", Kind.STRING),
			Field.optional("source", Kind.STRING), Field.optional("session_id", Kind.STRING),
			Field.optional("config", Kind.OBJECT), Field.optional("inputs", Kind.OBJECT),
			Field.optional("outputs", Kind.OBJECT), Field.optional("error", Kind.STRING),
			Field.optional("user_properties", Kind.OBJECT), Field.optional("metrics", Kind.OBJECT),
			Field.optional("feedback", Kind.OBJECT), Field.optional("metadata", Kind.OBJECT));

	/** The export (getEvents) body. */
	static final List<Field> EXPORT = List.of(Field.required("project", Kind.STRING),
			Field.required("filters", Kind.OBJECT_ARRAY), Field.optional("dateRange", Kind.OBJECT),
			Field.optional("projections", Kind.STRING_ARRAY), Field.optional("limit", Kind.INTEGER),
			Field.optional("page", Kind.INTEGER));

	/** One {@code EventFilter}: what the collector needs to evaluate it. */
	static final List<Field> FILTER = List.of(Field.required("field", Kind.STRING),
			Field.required("operator", Kind.STRING), Field.optional("value", Kind.SCALAR),
			Field.optional("type", Kind.STRING));

	private RequestValidator() {
	}

	/**
	 * Checks {@code object} against {@code fields}; {@code prefix} names where the object
	 * sits in the body (such as {@code event.} or {@code events[2].}).
	 */
	static void validate(Map<String, @Nullable Object> object, List<Field> fields, String prefix) {
		for (Field field : fields) {
			Object value = object.get(field.name());
			if (value == null) {
				if (field.required()) {
					throw CollectorApiException.missing(prefix + field.name());
				}
				continue;
			}
			if (!field.kind().accepts(value)) {
				throw CollectorApiException.invalid(prefix + field.name(), field.kind().expectation());
			}
		}
	}

	/**
	 * Returns the object under {@code name}, which must be present and be a JSON object.
	 */
	@SuppressWarnings("unchecked")
	static Map<String, @Nullable Object> requireObject(Map<String, @Nullable Object> body, String name) {
		Object value = body.get(name);
		if (value == null) {
			throw CollectorApiException.missing(name);
		}
		if (!(value instanceof Map)) {
			throw CollectorApiException.invalid(name, Kind.OBJECT.expectation());
		}
		return (Map<String, @Nullable Object>) value;
	}

	/**
	 * Returns the array of objects under {@code name}, which must be present.
	 */
	@SuppressWarnings("unchecked")
	static List<Map<String, @Nullable Object>> requireObjectArray(Map<String, @Nullable Object> body, String name) {
		Object value = body.get(name);
		if (value == null) {
			throw CollectorApiException.missing(name);
		}
		if (!Kind.OBJECT_ARRAY.accepts(value)) {
			throw CollectorApiException.invalid(name, Kind.OBJECT_ARRAY.expectation());
		}
		return (List<Map<String, @Nullable Object>>) value;
	}

	static void validateEventType(Map<String, @Nullable Object> event, String prefix) {
		Object type = event.get("event_type");
		if (!EVENT_TYPES.contains(type)) {
			throw CollectorApiException.invalid(prefix + "event_type",
					"must be one of 'model', 'tool', 'chain' but was '" + type + "'");
		}
	}

	record Field(String name, Kind kind, boolean required) {

		static Field required(String name, Kind kind) {
			return new Field(name, kind, true);
		}

		static Field optional(String name, Kind kind) {
			return new Field(name, kind, false);
		}

	}

	enum Kind {

		STRING("expected a string"), NUMBER("expected a number"), INTEGER("expected an integer"),
		BOOLEAN("expected a boolean"), OBJECT("expected an object"), STRING_ARRAY("expected an array of strings"),
		OBJECT_ARRAY("expected an array of objects"), SCALAR("expected a string, number or boolean");

		private final String expectation;

		Kind(String expectation) {
			this.expectation = expectation;
		}

		String expectation() {
			return this.expectation;
		}

		boolean accepts(Object value) {
			return switch (this) {
				case STRING -> value instanceof String;
				case NUMBER -> value instanceof Number;
				case INTEGER -> value instanceof Number number && JsonValues.isIntegral(number);
				case BOOLEAN -> value instanceof Boolean;
				case OBJECT -> value instanceof Map;
				case STRING_ARRAY -> value instanceof List<?> list && list.stream().allMatch(String.class::isInstance);
				case OBJECT_ARRAY -> value instanceof List<?> list && list.stream().allMatch(Map.class::isInstance);
				case SCALAR -> value instanceof String || value instanceof Number || value instanceof Boolean;
			};
		}

	}

}
