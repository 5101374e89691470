package ai.honeyhive.spring.tracing;

/**
 * An open event of a traced call, or of a call an integration observed
 * ({@link EventHandle}).
 */
final class EventNode extends TraceNode {

	final SessionNode session;

	final TraceNode parent;

	final MethodInfo info;

	/** Whether an integration opened it ({@link HoneyHiveTracer#openEvent}). */
	final boolean instrumented;

	// Guarded by this: merges are claimed once
	private boolean modelCallClaimed;

	private boolean absorbsTracedCall;

	EventNode(ValueCapture capture, String id, TraceNode parent, MethodInfo info, long startEpochMillis,
			long startNanos) {
		this(capture, id, parent, info, startEpochMillis, startNanos, false);
	}

	EventNode(ValueCapture capture, String id, TraceNode parent, MethodInfo info, long startEpochMillis,
			long startNanos, boolean instrumented) {
		super(capture, id, startEpochMillis, startNanos);
		this.session = parent.session();
		this.parent = parent;
		this.info = info;
		this.instrumented = instrumented;
	}

	@Override
	SessionNode session() {
		return this.session;
	}

	/**
	 * Claim the first observed model call for this traced model method.
	 * @return whether the caller may merge its model call into this event
	 */
	synchronized boolean claimModelCall() {
		if (this.instrumented || this.modelCallClaimed || isFinished()) {
			return false;
		}
		this.modelCallClaimed = true;
		return true;
	}

	synchronized void absorbTracedCall() {
		this.absorbsTracedCall = true;
	}

	/**
	 * Claim this instrumented event for a traced method of the same type called directly
	 * inside it, such as a {@code @TraceEvent} method that is the tool being executed.
	 * @return whether the traced call enriches this event instead of opening its own
	 */
	synchronized boolean claimTracedCall(MethodInfo traced) {
		if (!this.absorbsTracedCall || traced.eventType != this.info.eventType
				|| traced.asyncKind != MethodInfo.AsyncKind.NONE || isFinished()) {
			return false;
		}
		this.absorbsTracedCall = false;
		return true;
	}

	@Override
	TraceNode enclosing() {
		return this.parent;
	}

	@Override
	public String toString() {
		return "HoneyHive event " + this.id + " (" + this.info.eventName + ")";
	}

}
