package ai.honeyhive.spring.tracing;

import ai.honeyhive.spring.client.CreateEventRequest;
import ai.honeyhive.spring.client.SessionStartRequest;
import ai.honeyhive.spring.client.UpdateEventRequest;
import org.jspecify.annotations.Nullable;

/**
 * Changes or drops what the {@link HoneyHiveTracer} records before it leaves the process:
 * every event, session start and update passes through each processor, in order, on the
 * thread that finished it, before it is handed to the publisher. Return the record
 * unchanged, a changed copy ({@code event.toBuilder()...build()}) or {@code null} to drop
 * it. Declared as beans, processors are applied in their
 * {@link org.springframework.core.annotation.Order @Order}. <pre class="code">
 * &#64;Bean
 * HoneyHiveEventProcessor dropHealthChecks() {
 *     return (event) -&gt; "health-check".equals(event.eventName()) ? null : event;
 * }
 * </pre> A processor must be fast and must not block: it runs on the application's
 * threads. A processor that throws drops the record (it may have been meant to remove
 * something from it); the failure is logged, rate-limited.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface HoneyHiveEventProcessor {

	/**
	 * Process a finished event.
	 * @param event the event
	 * @return the event to send, or {@code null} to drop it
	 */
	@Nullable CreateEventRequest process(CreateEventRequest event);

	/**
	 * Process the start of a session. Dropping it drops the start only: the session's
	 * events and its end still go unless they are dropped as well.
	 * @param session the session start
	 * @return the session start to send, or {@code null} to drop it
	 */
	default @Nullable SessionStartRequest processSession(SessionStartRequest session) {
		return session;
	}

	/**
	 * Process an update, such as the end of a session ({@code event_id == session_id}).
	 * @param update the update
	 * @return the update to send, or {@code null} to drop it
	 */
	default @Nullable UpdateEventRequest processUpdate(UpdateEventRequest update) {
		return update;
	}

}
