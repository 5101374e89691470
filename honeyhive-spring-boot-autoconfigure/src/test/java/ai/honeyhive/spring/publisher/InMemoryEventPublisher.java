package ai.honeyhive.spring.publisher;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import ai.honeyhive.spring.client.CreateEventRequest;
import ai.honeyhive.spring.client.SessionStartRequest;
import ai.honeyhive.spring.client.UpdateEventRequest;

/**
 * An {@link EventPublisher} that keeps everything in memory and sends nothing, for this
 * module's tests. Users get it from {@code honeyhive-spring-boot-test}
 * ({@code ai.honeyhive.spring.test.InMemoryEventPublisher}); this test-only copy stays
 * because that module depends on this one, so this module's tests cannot depend on it
 * without a cycle in the build.
 */
public class InMemoryEventPublisher implements EventPublisher {

	private final Object lock = new Object();

	private final List<SessionStartRequest> sessions = new ArrayList<>();

	private final List<CreateEventRequest> events = new ArrayList<>();

	private final List<UpdateEventRequest> updates = new ArrayList<>();

	private volatile boolean closed;

	@Override
	public boolean startSession(SessionStartRequest session) {
		synchronized (this.lock) {
			this.sessions.add(session);
		}
		return true;
	}

	@Override
	public boolean publish(CreateEventRequest event) {
		synchronized (this.lock) {
			this.events.add(event);
		}
		return true;
	}

	@Override
	public boolean update(UpdateEventRequest update) {
		synchronized (this.lock) {
			this.updates.add(update);
		}
		return true;
	}

	@Override
	public boolean flush(Duration timeout) {
		return true;
	}

	@Override
	public void close() {
		this.closed = true;
	}

	/**
	 * Return whether {@link #close()} was called.
	 * @return whether the publisher is closed
	 */
	public boolean isClosed() {
		return this.closed;
	}

	/**
	 * Return the sessions started so far, in order.
	 * @return a copy of the sessions
	 */
	public List<SessionStartRequest> getSessions() {
		synchronized (this.lock) {
			return List.copyOf(this.sessions);
		}
	}

	/**
	 * Return the events published so far, in order.
	 * @return a copy of the events
	 */
	public List<CreateEventRequest> getEvents() {
		synchronized (this.lock) {
			return List.copyOf(this.events);
		}
	}

	/**
	 * Return the updates handed over so far, in order.
	 * @return a copy of the updates
	 */
	public List<UpdateEventRequest> getUpdates() {
		synchronized (this.lock) {
			return List.copyOf(this.updates);
		}
	}

	/**
	 * Return the published event with the given name, if there is exactly one.
	 * @param eventName the event's name
	 * @return the event
	 * @throws IllegalStateException if several events have that name
	 */
	public Optional<CreateEventRequest> findEvent(String eventName) {
		List<CreateEventRequest> matches = getEvents().stream()
			.filter((event) -> eventName.equals(event.eventName()))
			.toList();
		if (matches.size() > 1) {
			throw new IllegalStateException(matches.size() + " events are named '" + eventName + "'");
		}
		return matches.stream().findFirst();
	}

	/**
	 * Forget everything recorded so far.
	 */
	public void clear() {
		synchronized (this.lock) {
			this.sessions.clear();
			this.events.clear();
			this.updates.clear();
		}
	}

}
