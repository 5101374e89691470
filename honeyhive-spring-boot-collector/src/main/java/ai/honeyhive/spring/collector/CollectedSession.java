package ai.honeyhive.spring.collector;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * An immutable snapshot of one session the collector holds: its session event and its
 * other events, ordered by start time.
 *
 * @param session the session event ({@code event_type: session})
 * @param events the session's other events, ordered by start time
 * @param started whether the session came from {@code POST /session/start} (rather than
 * being created because an event named it)
 * @since 0.1.0
 */
public record CollectedSession(CollectedEvent session, List<CollectedEvent> events, boolean started) {

	/**
	 * Creates a snapshot.
	 * @param session the session event
	 * @param events the other events
	 * @param started whether the session was started explicitly
	 */
	public CollectedSession {
		Assert.notNull(session, "'session' must not be null");
		Assert.notNull(events, "'events' must not be null");
		events = List.copyOf(events);
	}

	/**
	 * Returns the session id.
	 * @return the session id
	 */
	public String sessionId() {
		return this.session.eventId();
	}

	/**
	 * Returns the session name.
	 * @return the session name
	 */
	public String name() {
		return this.session.eventName();
	}

	/**
	 * Returns the event with the given id, or {@code null}.
	 * @param eventId the event id
	 * @return the event or {@code null}
	 */
	public @Nullable CollectedEvent event(String eventId) {
		return this.events.stream().filter((event) -> event.eventId().equals(eventId)).findFirst().orElse(null);
	}

	/**
	 * Returns the events with the given name, ordered by start time.
	 * @param eventName the event name
	 * @return the matching events, possibly empty
	 */
	public List<CollectedEvent> eventsNamed(String eventName) {
		return this.events.stream().filter((event) -> event.eventName().equals(eventName)).toList();
	}

	/**
	 * Returns the events whose {@code parent_id} is the given id (use the session id for
	 * the top level), ordered by start time.
	 * @param parentId the parent's event id
	 * @return the children, possibly empty
	 */
	public List<CollectedEvent> children(String parentId) {
		return this.events.stream().filter((event) -> parentId.equals(event.parentId())).toList();
	}

}
