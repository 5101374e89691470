package ai.honeyhive.spring.tracing;

/**
 * An open session, the root event of a trace ({@code event_id == session_id}).
 */
final class SessionNode extends TraceNode {

	final String name;

	final boolean implicit;

	SessionNode(ValueCapture capture, String id, String name, boolean implicit, long startEpochMillis,
			long startNanos) {
		super(capture, id, startEpochMillis, startNanos);
		this.name = name;
		this.implicit = implicit;
	}

	@Override
	SessionNode session() {
		return this;
	}

	@Override
	public String toString() {
		return "HoneyHive session " + this.id;
	}

}
