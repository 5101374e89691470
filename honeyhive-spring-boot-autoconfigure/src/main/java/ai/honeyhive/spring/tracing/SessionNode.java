package ai.honeyhive.spring.tracing;

import org.jspecify.annotations.Nullable;

/**
 * An open session, the root event of a trace ({@code event_id == session_id}).
 */
final class SessionNode extends TraceNode {

	final String name;

	final boolean implicit;

	private final @Nullable TraceNode enclosing;

	SessionNode(ValueCapture capture, String id, String name, boolean implicit, @Nullable TraceNode enclosing,
			long startEpochMillis, long startNanos) {
		super(capture, id, startEpochMillis, startNanos);
		this.name = name;
		this.implicit = implicit;
		this.enclosing = enclosing;
	}

	@Override
	@Nullable TraceNode enclosing() {
		return this.enclosing;
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
