package ai.honeyhive.spring.collector;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * The collector's in-memory store of sessions and events: thread-safe and bounded. Past
 * {@code maxSessions} sessions or {@code maxEvents} events (session events not counted)
 * it evicts whole sessions, oldest received first (never the one just written to); a
 * single session larger than {@code maxEvents} loses its oldest events.
 * <p>
 * Reads return immutable snapshots, so tests can assert on them while the application
 * keeps sending.
 *
 * @since 0.1.0
 */
public final class CollectorStore {

	private static final Comparator<Map<String, @Nullable Object>> BY_START_TIME = Comparator
		.comparingLong(CollectorStore::startTime);

	private final Object lock = new Object();

	private final int maxSessions;

	private final int maxEvents;

	private final Clock clock;

	/** Sessions in the order received, so the first is the one to evict. */
	private final LinkedHashMap<String, SessionEntry> sessions = new LinkedHashMap<>();

	private final Map<String, String> sessionIdByEventId = new HashMap<>();

	private int eventCount;

	private long evictedSessionCount;

	private long sequence;

	/**
	 * Creates a store.
	 * @param maxSessions the most sessions kept
	 * @param maxEvents the most events kept, session events not counted
	 */
	public CollectorStore(int maxSessions, int maxEvents) {
		this(maxSessions, maxEvents, Clock.systemUTC());
	}

	CollectorStore(int maxSessions, int maxEvents, Clock clock) {
		Assert.isTrue(maxSessions > 0, "'maxSessions' must be positive");
		Assert.isTrue(maxEvents > 0, "'maxEvents' must be positive");
		Assert.notNull(clock, "'clock' must not be null");
		this.maxSessions = maxSessions;
		this.maxEvents = maxEvents;
		this.clock = clock;
	}

	/**
	 * Returns every session, newest (by start time) first.
	 * @return snapshots of the sessions
	 */
	public List<CollectedSession> sessions() {
		synchronized (this.lock) {
			return newestFirst().stream().map(SessionEntry::snapshot).toList();
		}
	}

	/**
	 * Returns every event other than session events, across sessions, ordered by start
	 * time.
	 * @return snapshots of the events
	 */
	public List<CollectedEvent> events() {
		synchronized (this.lock) {
			List<Map<String, @Nullable Object>> events = new ArrayList<>(this.eventCount);
			this.sessions.values().forEach((entry) -> events.addAll(entry.events.values()));
			events.sort(BY_START_TIME);
			return events.stream().map(CollectedEvent::new).toList();
		}
	}

	/**
	 * Returns the session with the given id.
	 * @param sessionId the session id
	 * @return a snapshot of the session, if held
	 */
	public Optional<CollectedSession> session(String sessionId) {
		synchronized (this.lock) {
			SessionEntry entry = this.sessions.get(sessionId);
			return Optional.ofNullable((entry != null) ? entry.snapshot() : null);
		}
	}

	/**
	 * Returns the event with the given id; a session id returns the session event.
	 * @param eventId the event id
	 * @return a snapshot of the event, if held
	 */
	public Optional<CollectedEvent> event(String eventId) {
		synchronized (this.lock) {
			Map<String, @Nullable Object> doc = find(eventId);
			return Optional.ofNullable((doc != null) ? new CollectedEvent(doc) : null);
		}
	}

	/**
	 * Returns how many sessions are held.
	 * @return the number of sessions
	 */
	public int sessionCount() {
		synchronized (this.lock) {
			return this.sessions.size();
		}
	}

	/**
	 * Returns how many events are held, session events not counted.
	 * @return the number of events
	 */
	public int eventCount() {
		synchronized (this.lock) {
			return this.eventCount;
		}
	}

	/**
	 * Returns how many sessions were evicted to stay within the bounds.
	 * @return the number of evicted sessions
	 */
	public long evictedSessionCount() {
		synchronized (this.lock) {
			return this.evictedSessionCount;
		}
	}

	/**
	 * Forgets every session and event.
	 */
	public void clear() {
		synchronized (this.lock) {
			this.sessions.clear();
			this.sessionIdByEventId.clear();
			this.eventCount = 0;
		}
	}

	long now() {
		return this.clock.millis();
	}

	/**
	 * Stores a session event; an existing session (started or implied by its events)
	 * takes the new name, source and times and merges the new objects.
	 */
	String startSession(Map<String, @Nullable Object> sessionEvent) {
		String sessionId = (String) sessionEvent.get("event_id");
		Assert.hasText(sessionId, "'event_id' must not be empty");
		synchronized (this.lock) {
			SessionEntry entry = this.sessions.get(sessionId);
			if (entry == null) {
				entry = new SessionEntry(sessionEvent, true, this.sequence++);
				this.sessions.put(sessionId, entry);
				evict(entry);
			}
			else {
				entry.started = true;
				merge(entry.session, sessionEvent);
			}
			return sessionId;
		}
	}

	/**
	 * Stores an event, giving it a session when it names none and defaulting its
	 * {@code parent_id} to its session, as the server does. A session the collector does
	 * not know yet is created from {@code sessionProperties} (may be {@code null}).
	 */
	String addEvent(Map<String, @Nullable Object> event, @Nullable Map<String, @Nullable Object> sessionProperties) {
		String eventId = (String) event.get("event_id");
		Assert.hasText(eventId, "'event_id' must not be empty");
		synchronized (this.lock) {
			String sessionId = (String) event.get("session_id");
			if (sessionId == null || sessionId.isEmpty()) {
				sessionId = EventDocuments.newId();
				event.put("session_id", sessionId);
			}
			if (event.get("parent_id") == null) {
				event.put("parent_id", sessionId);
			}
			removeEvent(eventId);
			SessionEntry entry = this.sessions.get(sessionId);
			if (entry == null) {
				entry = new SessionEntry(EventDocuments.implicitSession(sessionId, sessionProperties, event, now()),
						false, this.sequence++);
				this.sessions.put(sessionId, entry);
			}
			entry.events.put(eventId, event);
			this.sessionIdByEventId.put(eventId, sessionId);
			this.eventCount++;
			evict(entry);
			return eventId;
		}
	}

	/**
	 * Applies a {@code PUT /events} body: merges {@code metadata}, {@code feedback},
	 * {@code metrics}, {@code config} and {@code user_properties}, replaces
	 * {@code outputs} and sets {@code duration}, {@code end_time} and
	 * {@code children_ids}. Returns whether the event (or session) was found.
	 */
	@SuppressWarnings("unchecked")
	boolean updateEvent(Map<String, @Nullable Object> update) {
		String eventId = (String) update.get("event_id");
		synchronized (this.lock) {
			Map<String, @Nullable Object> doc = (eventId != null) ? find(eventId) : null;
			if (doc == null) {
				return false;
			}
			for (String field : List.of("metadata", "feedback", "metrics", "config", "user_properties")) {
				if (update.get(field) instanceof Map<?, ?> values) {
					((Map<String, @Nullable Object>) doc.computeIfAbsent(field, (key) -> new LinkedHashMap<>()))
						.putAll(JsonValues.mutableMap(values));
				}
			}
			if (update.get("outputs") instanceof Map<?, ?> outputs) {
				doc.put("outputs", JsonValues.mutableMap(outputs));
			}
			if (update.get("duration") instanceof Number duration) {
				doc.put("duration", duration);
			}
			if (update.get("end_time") instanceof Number endTime) {
				doc.put("end_time", endTime.longValue());
			}
			if (update.get("children_ids") instanceof List<?> children && !children.isEmpty()) {
				List<Object> current = (List<Object>) doc.computeIfAbsent("children_ids", (key) -> new ArrayList<>());
				children.stream().filter((child) -> !current.contains(child)).forEach(current::add);
			}
			return true;
		}
	}

	/**
	 * Runs an export query over every event, sessions included, ordered by start time.
	 */
	ExportResult export(EventQuery query) {
		synchronized (this.lock) {
			List<Map<String, @Nullable Object>> matches = new ArrayList<>();
			for (SessionEntry entry : this.sessions.values()) {
				if (query.matches(entry.session)) {
					matches.add(entry.session);
				}
				for (Map<String, @Nullable Object> event : entry.events.values()) {
					if (query.matches(event)) {
						matches.add(event);
					}
				}
			}
			matches.sort(BY_START_TIME);
			int from = Math.min(query.offset(), matches.size());
			int to = (int) Math.min(matches.size(), (long) from + query.limit());
			List<Map<String, @Nullable Object>> page = new ArrayList<>(to - from);
			for (Map<String, @Nullable Object> event : matches.subList(from, to)) {
				page.add(query.project(event));
			}
			return new ExportResult(page, matches.size());
		}
	}

	/**
	 * Light summaries of every session, newest first, for the page's table.
	 */
	List<SessionSummary> summaries() {
		synchronized (this.lock) {
			return newestFirst().stream().map(SessionEntry::summary).toList();
		}
	}

	private List<SessionEntry> newestFirst() {
		List<SessionEntry> entries = new ArrayList<>(this.sessions.values());
		entries.sort(Comparator.comparingLong((SessionEntry entry) -> startTime(entry.session))
			.thenComparingLong((entry) -> entry.sequence)
			.reversed());
		return entries;
	}

	private @Nullable Map<String, @Nullable Object> find(String eventId) {
		SessionEntry session = this.sessions.get(eventId);
		if (session != null) {
			return session.session;
		}
		String sessionId = this.sessionIdByEventId.get(eventId);
		SessionEntry entry = (sessionId != null) ? this.sessions.get(sessionId) : null;
		return (entry != null) ? entry.events.get(eventId) : null;
	}

	private void removeEvent(String eventId) {
		String sessionId = this.sessionIdByEventId.remove(eventId);
		SessionEntry entry = (sessionId != null) ? this.sessions.get(sessionId) : null;
		if (entry != null && entry.events.remove(eventId) != null) {
			this.eventCount--;
		}
	}

	private void evict(SessionEntry current) {
		while (this.sessions.size() > this.maxSessions) {
			removeEldestSessionOtherThan(current);
		}
		while (this.eventCount > this.maxEvents) {
			if (!removeEldestSessionOtherThan(current)) {
				Iterator<String> oldest = current.events.keySet().iterator();
				this.sessionIdByEventId.remove(oldest.next());
				oldest.remove();
				this.eventCount--;
			}
		}
	}

	/**
	 * Evicts the session received first, skipping the one just written to so that a write
	 * is never lost to its own eviction.
	 */
	private boolean removeEldestSessionOtherThan(SessionEntry current) {
		Iterator<SessionEntry> eldest = this.sessions.values().iterator();
		while (eldest.hasNext()) {
			SessionEntry entry = eldest.next();
			if (entry != current) {
				eldest.remove();
				entry.events.keySet().forEach(this.sessionIdByEventId::remove);
				this.eventCount -= entry.events.size();
				this.evictedSessionCount++;
				return true;
			}
		}
		return false;
	}

	@SuppressWarnings("unchecked")
	private static void merge(Map<String, @Nullable Object> session, Map<String, @Nullable Object> update) {
		for (String field : List.of("project_id", "source", "event_name", "error")) {
			if (update.get(field) != null) {
				session.put(field, update.get(field));
			}
		}
		for (String field : List.of("config", "inputs", "outputs", "metadata", "feedback", "metrics",
				"user_properties")) {
			if (update.get(field) instanceof Map<?, ?> values) {
				((Map<String, @Nullable Object>) session.computeIfAbsent(field, (key) -> new LinkedHashMap<>()))
					.putAll(JsonValues.mutableMap(values));
			}
		}
		// An implied session starts with its first event, which may precede the start
		// call.
		session.put("start_time", Math.min(startTime(session), startTime(update)));
		session.put("end_time", Math.max(endTime(session), endTime(update)));
		if (update.get("duration") instanceof Number duration && duration.doubleValue() > 0) {
			session.put("duration", duration);
		}
	}

	static long startTime(Map<String, @Nullable Object> event) {
		Long value = EventDocuments.asLong(event.get("start_time"));
		return (value != null) ? value : 0;
	}

	static long endTime(Map<String, @Nullable Object> event) {
		Long value = EventDocuments.asLong(event.get("end_time"));
		return (value != null) ? value : startTime(event);
	}

	/**
	 * One page of export results and the number of events that matched.
	 */
	record ExportResult(List<Map<String, @Nullable Object>> events, long totalEvents) {

	}

	/**
	 * What the page's session table shows.
	 */
	record SessionSummary(String sessionId, String name, @Nullable String source, long startTime, long duration,
			int eventCount, int errorCount, boolean started) {

	}

	private static final class SessionEntry {

		private final Map<String, @Nullable Object> session;

		/** Events in the order received, so the first is the one to evict. */
		private final LinkedHashMap<String, Map<String, @Nullable Object>> events = new LinkedHashMap<>();

		private final long sequence;

		private boolean started;

		SessionEntry(Map<String, @Nullable Object> session, boolean started, long sequence) {
			this.session = session;
			this.started = started;
			this.sequence = sequence;
		}

		CollectedSession snapshot() {
			List<Map<String, @Nullable Object>> ordered = new ArrayList<>(this.events.values());
			ordered.sort(BY_START_TIME);
			return new CollectedSession(new CollectedEvent(this.session),
					ordered.stream().map(CollectedEvent::new).toList(), this.started);
		}

		SessionSummary summary() {
			long start = startTime(this.session);
			long end = endTime(this.session);
			int errors = 0;
			for (Map<String, @Nullable Object> event : this.events.values()) {
				start = Math.min(start, startTime(event));
				end = Math.max(end, endTime(event));
				if (event.get("error") != null) {
					errors++;
				}
			}
			long declared = (this.session.get("duration") instanceof Number number) ? Math.round(number.doubleValue())
					: 0;
			return new SessionSummary(String.valueOf(this.session.get("event_id")),
					String.valueOf(this.session.get("event_name")), (String) this.session.get("source"), start,
					Math.max(declared, end - start), this.events.size(), errors, this.started);
		}

	}

}
