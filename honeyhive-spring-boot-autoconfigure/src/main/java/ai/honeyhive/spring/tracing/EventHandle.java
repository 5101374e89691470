package ai.honeyhive.spring.tracing;

import ai.honeyhive.spring.client.EventType;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * A handle on an open HoneyHive event or session, for integrations that record calls an
 * application makes through a library (such as the Spring AI capture) rather than through
 * {@link TraceEvent @TraceEvent} methods. Obtained from
 * {@link HoneyHiveTracer#currentEvent()} (the traced call or session current on this
 * thread) or {@link HoneyHiveTracer#openEvent(String, EventType, EventHandle)} (a new
 * event the integration ends). Thread-safe: an event may start on one thread and end on
 * another.
 *
 * @since 0.1.0
 */
public final class EventHandle {

	private final EventRecorder recorder;

	private final TraceNode node;

	private final @Nullable SessionNode implicitSession;

	// Whether this handle opened the event, and so may end it
	private final boolean owner;

	EventHandle(EventRecorder recorder, TraceNode node, @Nullable SessionNode implicitSession, boolean owner) {
		this.recorder = recorder;
		this.node = node;
		this.implicitSession = implicitSession;
		this.owner = owner;
	}

	TraceNode node() {
		return this.node;
	}

	/**
	 * Return the event's id (the session's id for a session).
	 * @return the event id
	 */
	public String eventId() {
		return this.node.id;
	}

	/**
	 * Return the id of the event's session.
	 * @return the session id
	 */
	public String sessionId() {
		return this.node.session().id;
	}

	/**
	 * Return the event's type, {@link EventType#SESSION} for a session.
	 * @return the event type
	 */
	public EventType eventType() {
		return (this.node instanceof EventNode event) ? event.info.eventType : EventType.SESSION;
	}

	/**
	 * Return whether this is the event of a {@code @TraceEvent} method (not a session,
	 * not an event an integration opened).
	 * @return whether a traced method opened the event
	 */
	public boolean isTracedMethod() {
		return this.node instanceof EventNode event && !event.instrumented;
	}

	/**
	 * Return whether this event is {@code ancestor} or one of its descendants.
	 * @param ancestor the candidate ancestor
	 * @return whether this event lies within {@code ancestor}
	 */
	public boolean isWithin(EventHandle ancestor) {
		Assert.notNull(ancestor, "'ancestor' must not be null");
		TraceNode current = this.node;
		while (current != null) {
			if (current == ancestor.node) {
				return true;
			}
			current = (current instanceof EventNode event) ? event.parent : null;
		}
		return false;
	}

	/**
	 * Claim this traced {@link EventType#MODEL} method's event for the first model call
	 * observed inside it: the integration then records that call on this event
	 * ({@link #recordModelCall}) instead of opening a child event.
	 * @return whether the claim succeeded (only once, only for traced model methods)
	 */
	public boolean claimModelCall() {
		return this.node instanceof EventNode event && event.info.eventType == EventType.MODEL
				&& event.claimModelCall();
	}

	/**
	 * Let one {@code @TraceEvent} method of the same event type, called directly inside
	 * this event (such as the method that is the tool being executed), enrich this event
	 * with its arguments and result instead of opening a child event.
	 */
	public void absorbTracedCall() {
		if (this.node instanceof EventNode event && event.instrumented) {
			event.absorbTracedCall();
		}
	}

	/**
	 * Return the event's enrichment, to add inputs, outputs, config and metadata (keys
	 * and values are redacted and bounded as the tracer's are).
	 * @return the enrichment
	 */
	public Enrichment enrichment() {
		return this.node;
	}

	/**
	 * Record a model call on the event, laid out as {@link ModelCall} describes.
	 * @param modelCall the model call
	 */
	public void recordModelCall(ModelCall modelCall) {
		Assert.notNull(modelCall, "'modelCall' must not be null");
		modelCall.applyTo(this.node);
	}

	/**
	 * End the event this handle opened ({@link HoneyHiveTracer#openEvent}) and hand it to
	 * the publisher, closing the session it opened implicitly; later calls, and calls on
	 * a handle from {@link HoneyHiveTracer#currentEvent()}, do nothing.
	 * @param error the failure of the observed call, or {@code null}
	 */
	public void end(@Nullable Throwable error) {
		if (this.owner && this.node instanceof EventNode event) {
			this.recorder.endEvent(event, null, error, this.implicitSession);
		}
	}

	/**
	 * End the event this handle opened, whose call was cancelled (marked
	 * {@code metadata.cancelled}); as {@link #end}, only once.
	 */
	public void endCancelled() {
		if (this.owner && this.node instanceof EventNode event) {
			this.recorder.endEventCancelled(event, this.implicitSession);
		}
	}

	/**
	 * Make the event current on this thread until the returned scope is closed, so
	 * {@code @TraceEvent} calls and enrichment made inside it apply to it.
	 * @return the scope, to close on the same thread
	 */
	public Scope makeCurrent() {
		TraceNode previous = HoneyHiveContext.current();
		HoneyHiveContext.set(this.node);
		return new Scope(this.node, previous);
	}

	@Override
	public String toString() {
		return this.node.toString();
	}

	/**
	 * The time an event is current on a thread.
	 */
	public static final class Scope implements AutoCloseable {

		private final TraceNode node;

		private final @Nullable TraceNode previous;

		private Scope(TraceNode node, @Nullable TraceNode previous) {
			this.node = node;
			this.previous = previous;
		}

		/**
		 * Restore what was current before, unless something else was made current since.
		 */
		@Override
		public void close() {
			if (HoneyHiveContext.current() == this.node) {
				HoneyHiveContext.restore(this.previous);
			}
		}

	}

}
