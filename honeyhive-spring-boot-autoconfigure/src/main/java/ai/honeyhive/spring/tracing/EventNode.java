package ai.honeyhive.spring.tracing;

/**
 * An open event of a traced call.
 */
final class EventNode extends TraceNode {

	final SessionNode session;

	final TraceNode parent;

	final MethodInfo info;

	EventNode(ValueCapture capture, String id, TraceNode parent, MethodInfo info, long startEpochMillis,
			long startNanos) {
		super(capture, id, startEpochMillis, startNanos);
		this.session = parent.session();
		this.parent = parent;
		this.info = info;
	}

	@Override
	SessionNode session() {
		return this.session;
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
