package ai.honeyhive.spring.benchmarks;

import ai.honeyhive.spring.tracing.HoneyHiveTracer;
import ai.honeyhive.spring.tracing.SessionScope;

/**
 * A session on the benchmark thread that is closed and reopened every
 * {@value #CALLS_PER_SESSION} traced calls, as calls inside requests are grouped: the
 * session's start and close are part of the measured cost, and no session grows for the
 * whole run.
 */
final class RollingSession {

	static final int CALLS_PER_SESSION = 100;

	private final HoneyHiveTracer tracer;

	private SessionScope scope;

	private int calls;

	RollingSession(HoneyHiveTracer tracer) {
		this.tracer = tracer;
		this.scope = tracer.startSession("benchmark");
	}

	/** Count one call, renewing the session when it has had its share. */
	void next() {
		if (++this.calls == CALLS_PER_SESSION) {
			this.calls = 0;
			this.scope.close();
			this.scope = this.tracer.startSession("benchmark");
		}
	}

	void close() {
		this.scope.close();
	}

}
