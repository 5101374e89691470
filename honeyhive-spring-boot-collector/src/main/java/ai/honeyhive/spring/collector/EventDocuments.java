package ai.honeyhive.spring.collector;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Turns validated request bodies into stored events in the API's {@code Event} shape,
 * applying the defaults the server applies.
 */
final class EventDocuments {

	static final String SESSION = "session";

	/** The fields of the API's {@code Event}, in the order the collector answers them. */
	static final List<String> EVENT_FIELDS = List.of("project_id", "source", "event_name", "event_type", "event_id",
			"session_id", "parent_id", "children_ids", "config", "inputs", "outputs", "error", "start_time", "end_time",
			"duration", "metadata", "feedback", "metrics", "user_properties");

	private static final List<String> OBJECT_FIELDS = List.of("config", "inputs", "outputs", "metadata", "feedback",
			"metrics", "user_properties");

	/** Legacy model-event fields the server moves under {@code inputs}. */
	private static final List<String> MODEL_INPUT_FIELDS = List.of("provider", "usage", "cost", "hyperparameters",
			"template", "template_inputs", "tools", "tool_choice", "response_format");

	private EventDocuments() {
	}

	static String newId() {
		return UUID.randomUUID().toString();
	}

	/**
	 * A session event from a {@code SessionStartRequest}.
	 */
	static Map<String, @Nullable Object> session(Map<String, @Nullable Object> request, long now) {
		String sessionId = stringOr(request.get("session_id"), newId());
		Map<String, @Nullable Object> doc = skeleton();
		copyCommon(request, doc);
		doc.put("event_name", request.get("session_name"));
		doc.put("event_type", SESSION);
		doc.put("event_id", sessionId);
		doc.put("session_id", sessionId);
		doc.put("parent_id", null);
		applyTimes(request, doc, now);
		return doc;
	}

	/**
	 * A session event for a session the collector learns of from an event or a batch
	 * rather than from {@code /session/start}.
	 */
	static Map<String, @Nullable Object> implicitSession(String sessionId,
			@Nullable Map<String, @Nullable Object> properties, Map<String, @Nullable Object> firstEvent, long now) {
		Map<String, @Nullable Object> doc = skeleton();
		if (properties != null) {
			copyCommon(properties, doc);
		}
		doc.put("project_id", firstEvent.get("project_id"));
		if (doc.get("source") == null) {
			doc.put("source", firstEvent.get("source"));
		}
		doc.put("event_name", (properties != null) ? stringOr(properties.get("session_name"), "unknown") : "unknown");
		doc.put("event_type", SESSION);
		doc.put("event_id", sessionId);
		doc.put("session_id", sessionId);
		doc.put("parent_id", null);
		Object start = firstEvent.get("start_time");
		long startTime = (start instanceof Number number) ? number.longValue() : now;
		doc.put("start_time", startTime);
		doc.put("end_time", startTime);
		doc.put("duration", 0);
		return doc;
	}

	/**
	 * An event from a {@code CreateEventRequest}; {@code session_id} and
	 * {@code parent_id} stay {@code null} when absent, for the store to default.
	 */
	static Map<String, @Nullable Object> event(Map<String, @Nullable Object> request, long now) {
		Map<String, @Nullable Object> doc = skeleton();
		copyCommon(request, doc);
		doc.put("event_name", request.get("event_name"));
		doc.put("event_type", request.get("event_type"));
		doc.put("event_id", stringOr(request.get("event_id"), newId()));
		doc.put("session_id", request.get("session_id"));
		doc.put("parent_id", request.get("parent_id"));
		applyTimes(request, doc, now);
		return doc;
	}

	/**
	 * A {@code model} event from a legacy {@code CreateModelEvent}, moving its fields the
	 * way the server does: {@code messages} to {@code inputs.messages}, {@code response}
	 * to {@code outputs.response}, the model's settings, usage and cost to
	 * {@code inputs}. The model and provider also go to {@code config} and the token
	 * counts and cost to {@code metadata}, where HoneyHive shows them on model events.
	 */
	@SuppressWarnings("unchecked")
	static Map<String, @Nullable Object> modelEvent(Map<String, @Nullable Object> request, long now) {
		Map<String, @Nullable Object> doc = skeleton();
		copyCommon(request, doc);
		String model = (String) request.get("model");
		doc.put("source", stringOr(request.get("source"), "unknown"));
		doc.put("event_name", stringOr(request.get("event_name"), model));
		doc.put("event_type", "model");
		doc.put("event_id", stringOr(request.get("event_id"), newId()));
		doc.put("session_id", request.get("session_id"));
		doc.put("parent_id", request.get("parent_id"));
		Map<String, @Nullable Object> config = (Map<String, @Nullable Object>) doc.get("config");
		config.putIfAbsent("model", model);
		config.putIfAbsent("provider", request.get("provider"));
		Map<String, @Nullable Object> inputs = (Map<String, @Nullable Object>) doc.get("inputs");
		inputs.put("messages", JsonValues.mutableCopy(request.get("messages")));
		for (String field : MODEL_INPUT_FIELDS) {
			Object value = request.get(field);
			if (value != null) {
				inputs.put(field, JsonValues.mutableCopy(value));
			}
		}
		Map<String, @Nullable Object> outputs = (Map<String, @Nullable Object>) doc.get("outputs");
		outputs.put("response", JsonValues.mutableCopy(request.get("response")));
		Map<String, @Nullable Object> metadata = (Map<String, @Nullable Object>) doc.get("metadata");
		Map<String, @Nullable Object> usage = (Map<String, @Nullable Object>) request.get("usage");
		if (usage != null) {
			for (String key : List.of("prompt_tokens", "completion_tokens", "total_tokens")) {
				if (usage.get(key) != null) {
					metadata.putIfAbsent(key, usage.get(key));
				}
			}
		}
		if (request.get("cost") != null) {
			metadata.putIfAbsent("cost", request.get("cost"));
		}
		applyTimes(request, doc, now);
		return doc;
	}

	private static Map<String, @Nullable Object> skeleton() {
		Map<String, @Nullable Object> doc = new LinkedHashMap<>();
		for (String field : EVENT_FIELDS) {
			doc.put(field, null);
		}
		doc.put("children_ids", new ArrayList<>());
		for (String field : OBJECT_FIELDS) {
			doc.put(field, new LinkedHashMap<String, @Nullable Object>());
		}
		return doc;
	}

	private static void copyCommon(Map<String, @Nullable Object> request, Map<String, @Nullable Object> doc) {
		// The server records the project by id; the collector has no ids, so it keeps the
		// name the client sent.
		doc.put("project_id", request.get("project"));
		doc.put("source", request.get("source"));
		doc.put("error", request.get("error"));
		if (request.get("children_ids") instanceof List<?> children) {
			doc.put("children_ids", JsonValues.mutableCopy(children));
		}
		for (String field : OBJECT_FIELDS) {
			if (request.get(field) instanceof Map<?, ?> value) {
				doc.put(field, JsonValues.mutableMap(value));
			}
		}
	}

	private static void applyTimes(Map<String, @Nullable Object> request, Map<String, @Nullable Object> doc, long now) {
		Number duration = (request.get("duration") instanceof Number number) ? number : null;
		long durationMillis = (duration != null) ? Math.round(duration.doubleValue()) : 0;
		Long start = asLong(request.get("start_time"));
		Long end = asLong(request.get("end_time"));
		long startTime = (start != null) ? start : (end != null) ? end - durationMillis : now;
		long endTime = (end != null) ? end : startTime + durationMillis;
		doc.put("start_time", startTime);
		doc.put("end_time", endTime);
		doc.put("duration", (duration != null) ? duration : endTime - startTime);
	}

	static @Nullable Long asLong(@Nullable Object value) {
		return (value instanceof Number number) ? Math.round(number.doubleValue()) : null;
	}

	private static String stringOr(@Nullable Object value, String fallback) {
		return (value instanceof String string && !string.isEmpty()) ? string : fallback;
	}

}
