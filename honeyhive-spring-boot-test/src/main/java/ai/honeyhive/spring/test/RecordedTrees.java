package ai.honeyhive.spring.test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import ai.honeyhive.spring.client.CreateEventRequest;
import ai.honeyhive.spring.client.SessionStartRequest;
import ai.honeyhive.spring.client.UpdateEventRequest;

/**
 * A snapshot of what an {@link InMemoryEventPublisher} recorded, as one tree per session:
 * events nested under their {@code parent_id}, updates applied, orphans hung under their
 * session and marked.
 *
 * @since 0.1.0
 */
public final class RecordedTrees {

	/** How the drawn tree marks an orphan. */
	public static final String ORPHAN_MARK = "(orphan)";

	/** Name of a session that events named but that was never started. */
	public static final String UNSTARTED_SESSION_NAME = "(not started)";

	private final List<RecordedEvent> sessions;

	private RecordedTrees(List<RecordedEvent> sessions) {
		this.sessions = sessions;
	}

	static RecordedTrees of(List<SessionStartRequest> starts, List<CreateEventRequest> events,
			List<UpdateEventRequest> updates) {
		Map<String, RecordedEvent> sessions = new LinkedHashMap<>();
		Map<String, List<RecordedEvent>> eventsBySession = new LinkedHashMap<>();
		Map<String, RecordedEvent> byId = new HashMap<>();
		Map<RecordedEvent, Long> startTimes = new HashMap<>();
		for (SessionStartRequest start : starts) {
			String sessionId = start.sessionId();
			if (sessionId != null && !sessions.containsKey(sessionId)) {
				RecordedEvent session = new RecordedEvent(sessionId, sessionId, null, "session",
						String.valueOf(start.sessionName()), sessionFields(start));
				sessions.put(sessionId, session);
				byId.put(sessionId, session);
			}
		}
		for (CreateEventRequest request : events) {
			String sessionId = String.valueOf(request.sessionId());
			RecordedEvent session = sessions.computeIfAbsent(sessionId, (id) -> {
				RecordedEvent implicit = new RecordedEvent(id, id, null, "session", UNSTARTED_SESSION_NAME,
						new LinkedHashMap<>());
				byId.put(id, implicit);
				return implicit;
			});
			RecordedEvent event = new RecordedEvent(String.valueOf(request.eventId()), sessionId, request.parentId(),
					(request.eventType() != null) ? request.eventType().wireValue() : "unknown",
					String.valueOf(request.eventName()), eventFields(request));
			event.session(session);
			eventsBySession.computeIfAbsent(sessionId, (id) -> new ArrayList<>()).add(event);
			byId.putIfAbsent(event.eventId(), event);
			startTimes.put(event, (request.startTime() != null) ? request.startTime() : Long.MAX_VALUE);
		}
		for (UpdateEventRequest update : updates) {
			RecordedEvent target = byId.get(update.eventId());
			if (target != null) {
				apply(update, target);
			}
		}
		eventsBySession.forEach((sessionId, sessionEvents) -> link(sessions.get(sessionId), sessionEvents));
		Comparator<RecordedEvent> byStart = Comparator.comparing((event) -> startTimes.getOrDefault(event, 0L));
		sessions.values().forEach((session) -> sort(session, byStart));
		return new RecordedTrees(List.copyOf(sessions.values()));
	}

	/**
	 * Return the sessions, in the order first recorded.
	 * @return the session nodes
	 */
	public List<RecordedEvent> sessions() {
		return this.sessions;
	}

	/**
	 * Return every event of every session, sessions excluded, depth first.
	 * @return the events
	 */
	public List<RecordedEvent> events() {
		List<RecordedEvent> events = new ArrayList<>();
		this.sessions.forEach((session) -> events.addAll(session.subtree().subList(1, session.subtree().size())));
		return events;
	}

	/**
	 * Return every node, sessions included, with the given name.
	 * @param name the event or session name
	 * @return the matching nodes
	 */
	public List<RecordedEvent> named(String name) {
		List<RecordedEvent> matches = new ArrayList<>();
		this.sessions.forEach((session) -> session.subtree()
			.stream()
			.filter((node) -> node.name().equals(name))
			.forEach(matches::add));
		return matches;
	}

	/**
	 * Return every tree drawn as the tree assertions expect it, or {@code (nothing
	 * recorded)}.
	 * @return the drawn trees
	 */
	public String toTreeString() {
		if (this.sessions.isEmpty()) {
			return "(nothing recorded)\n";
		}
		StringBuilder text = new StringBuilder();
		this.sessions.forEach((session) -> text.append(session.toTreeString()));
		return text.toString();
	}

	@Override
	public String toString() {
		return toTreeString();
	}

	private static void link(RecordedEvent session, List<RecordedEvent> events) {
		Map<String, RecordedEvent> inSession = new HashMap<>();
		events.forEach((event) -> inSession.putIfAbsent(event.eventId(), event));
		for (RecordedEvent event : events) {
			String parentId = event.parentId();
			RecordedEvent parent = (parentId == null || parentId.equals(session.eventId())) ? null
					: inSession.get(parentId);
			if (parent != null && parent != event) {
				parent.attach(event, false);
			}
			else {
				session.attach(event, parentId == null || !parentId.equals(session.eventId()));
			}
		}
		// Events on a parent cycle are not reachable from the session: hang them there.
		Set<RecordedEvent> reachable = Collections.newSetFromMap(new IdentityHashMap<>());
		reachable.addAll(session.subtree());
		for (RecordedEvent event : events) {
			if (!reachable.contains(event)) {
				RecordedEvent parent = event.parent();
				if (parent != null) {
					parent.detach(event);
				}
				session.attach(event, true);
				reachable.addAll(event.subtree());
			}
		}
	}

	private static void sort(RecordedEvent node, Comparator<RecordedEvent> order) {
		Set<RecordedEvent> seen = new HashSet<>();
		List<RecordedEvent> pending = new ArrayList<>(List.of(node));
		while (!pending.isEmpty()) {
			RecordedEvent current = pending.remove(pending.size() - 1);
			if (seen.add(current)) {
				current.mutableChildren().sort(order);
				pending.addAll(current.mutableChildren());
			}
		}
	}

	private static void apply(UpdateEventRequest update, RecordedEvent target) {
		Map<String, @Nullable Object> fields = target.mutableFields();
		merge(fields, "metadata", update.metadata());
		merge(fields, "feedback", update.feedback());
		merge(fields, "metrics", update.metrics());
		merge(fields, "config", update.config());
		merge(fields, "user_properties", update.userProperties());
		if (update.outputs() != null) {
			fields.put("outputs", new LinkedHashMap<>(update.outputs()));
		}
		if (update.duration() != null) {
			fields.put("duration", update.duration());
		}
		if (update.endTime() != null) {
			fields.put("end_time", update.endTime());
		}
		if (update.childrenIds() != null) {
			// As the server does: ids are added to those already listed.
			List<Object> listed = new ArrayList<>(
					(fields.get("children_ids") instanceof List<?> list) ? list : List.of());
			update.childrenIds().stream().filter((id) -> !listed.contains(id)).forEach(listed::add);
			fields.put("children_ids", listed);
		}
	}

	@SuppressWarnings("unchecked")
	private static void merge(Map<String, @Nullable Object> fields, String name,
			@Nullable Map<String, @Nullable Object> values) {
		if (values != null) {
			((Map<String, @Nullable Object>) fields.computeIfAbsent(name, (key) -> new LinkedHashMap<>()))
				.putAll(values);
		}
	}

	private static Map<String, @Nullable Object> sessionFields(SessionStartRequest start) {
		Map<String, @Nullable Object> fields = new LinkedHashMap<>();
		put(fields, "project", start.project());
		put(fields, "source", start.source());
		put(fields, "event_name", start.sessionName());
		fields.put("event_type", "session");
		put(fields, "event_id", start.sessionId());
		put(fields, "session_id", start.sessionId());
		putObjects(fields, start.config(), start.inputs(), start.outputs(), start.metadata(), start.feedback(),
				start.metrics(), start.userProperties());
		put(fields, "error", start.error());
		put(fields, "start_time", start.startTime());
		put(fields, "end_time", start.endTime());
		put(fields, "duration", start.duration());
		return fields;
	}

	private static Map<String, @Nullable Object> eventFields(CreateEventRequest event) {
		Map<String, @Nullable Object> fields = new LinkedHashMap<>();
		put(fields, "project", event.project());
		put(fields, "source", event.source());
		put(fields, "event_name", event.eventName());
		put(fields, "event_type", (event.eventType() != null) ? event.eventType().wireValue() : null);
		put(fields, "event_id", event.eventId());
		put(fields, "session_id", event.sessionId());
		put(fields, "parent_id", event.parentId());
		put(fields, "children_ids", event.childrenIds());
		putObjects(fields, event.config(), event.inputs(), event.outputs(), event.metadata(), event.feedback(),
				event.metrics(), event.userProperties());
		put(fields, "error", event.error());
		put(fields, "start_time", event.startTime());
		put(fields, "end_time", event.endTime());
		put(fields, "duration", event.duration());
		return fields;
	}

	private static void putObjects(Map<String, @Nullable Object> fields, @Nullable Map<String, @Nullable Object> config,
			@Nullable Map<String, @Nullable Object> inputs, @Nullable Map<String, @Nullable Object> outputs,
			@Nullable Map<String, @Nullable Object> metadata, @Nullable Map<String, @Nullable Object> feedback,
			@Nullable Map<String, @Nullable Object> metrics, @Nullable Map<String, @Nullable Object> userProperties) {
		putCopy(fields, "config", config);
		putCopy(fields, "inputs", inputs);
		putCopy(fields, "outputs", outputs);
		putCopy(fields, "metadata", metadata);
		putCopy(fields, "feedback", feedback);
		putCopy(fields, "metrics", metrics);
		putCopy(fields, "user_properties", userProperties);
	}

	private static void putCopy(Map<String, @Nullable Object> fields, String name,
			@Nullable Map<String, @Nullable Object> values) {
		if (values != null) {
			fields.put(name, new LinkedHashMap<>(values));
		}
	}

	private static void put(Map<String, @Nullable Object> fields, String name, @Nullable Object value) {
		if (value != null) {
			fields.put(name, value);
		}
	}

}
