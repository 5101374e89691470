package ai.honeyhive.spring.test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import ai.honeyhive.spring.client.CreateEventRequest;
import ai.honeyhive.spring.client.SessionStartRequest;
import ai.honeyhive.spring.client.UpdateEventRequest;
import ai.honeyhive.spring.publisher.EventPublisher;

/**
 * An {@link EventPublisher} that keeps everything in memory and sends nothing, for tests:
 * {@link AutoConfigureHoneyHiveRecorder @AutoConfigureHoneyHiveRecorder} declares one in
 * place of the batching publisher (or declare it as a bean yourself), then assert with
 * {@link HoneyHiveRecorderAssert#assertThat(InMemoryEventPublisher)}. Records are visible
 * as soon as the traced call returns. Thread-safe, so async and reactive code may record
 * from any thread.
 *
 * @since 0.1.0
 */
public final class InMemoryEventPublisher implements EventPublisher {

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
	 * Return the sessions as trees: every session started or named by an event, in the
	 * order first recorded, with the updates recorded so far applied.
	 * @return the recorded trees, a snapshot
	 */
	public RecordedTrees trees() {
		synchronized (this.lock) {
			return RecordedTrees.of(this.sessions, this.events, this.updates);
		}
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
