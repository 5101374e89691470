package ai.honeyhive.spring.publisher;

import java.time.Duration;

import ai.honeyhive.spring.client.CreateEventRequest;
import ai.honeyhive.spring.client.SessionStartRequest;
import ai.honeyhive.spring.client.UpdateEventRequest;

/**
 * Carries finished events, session starts and updates to HoneyHive. The {@code publish},
 * {@code startSession} and {@code update} methods are called on application threads: they
 * never block on the network and never throw; what they cannot accept is dropped and
 * counted. Records reach the server in the order they were handed over, so a session
 * starts before its events and an update follows the event it updates.
 *
 * @since 0.1.0
 */
public interface EventPublisher extends AutoCloseable {

	/** The timeout of {@link #flush()}. */
	Duration DEFAULT_FLUSH_TIMEOUT = Duration.ofSeconds(30);

	/**
	 * Hand over a session to start on the server.
	 * @param session the session, with its {@code session_id} set
	 * @return whether the session was accepted (not dropped)
	 */
	boolean startSession(SessionStartRequest session);

	/**
	 * Hand over a session whose id the caller supplied, such as a conversation resumed on
	 * every request: it is started by id, so that the server merges it into the session
	 * of that id if one exists, and its end does not erase what earlier turns recorded.
	 * @param session the session, with its {@code session_id} set
	 * @return whether the session was accepted (not dropped)
	 */
	default boolean resumeSession(SessionStartRequest session) {
		return startSession(session);
	}

	/**
	 * Hand over a finished event.
	 * @param event the event, with its {@code event_id} and {@code session_id} set
	 * @return whether the event was accepted (not dropped)
	 */
	boolean publish(CreateEventRequest event);

	/**
	 * Hand over an update of an event or session handed over earlier (or already on the
	 * server).
	 * @param update the update
	 * @return whether the update was accepted (not dropped)
	 */
	boolean update(UpdateEventRequest update);

	/**
	 * Send everything handed over so far and wait, at most {@code timeout}, until it is
	 * delivered.
	 * @param timeout the longest time to wait
	 * @return {@code true} if everything handed over before the call was delivered
	 */
	boolean flush(Duration timeout);

	/**
	 * Send everything handed over so far and wait, at most
	 * {@link #DEFAULT_FLUSH_TIMEOUT}, until it is delivered.
	 * @return {@code true} if everything handed over before the call was delivered
	 */
	default boolean flush() {
		return flush(DEFAULT_FLUSH_TIMEOUT);
	}

	/**
	 * Deliver what is queued, within the publisher's shutdown timeout, and stop.
	 * Idempotent.
	 */
	@Override
	void close();

}
