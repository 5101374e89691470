package ai.honeyhive.spring.client;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The path of the events query. Servers of the original contract serve
 * {@code /events/export}; the current server serves {@code /v1/events/export}. Unless a
 * path is pinned, a 404 from one makes the query try the other once, and the one that
 * answered is used from then on.
 */
final class ExportPath {

	static final String LEGACY = "/events/export";

	static final String V1 = "/v1/events/export";

	private static final Log logger = LogFactory.getLog(ExportPath.class);

	private final boolean pinned;

	private volatile String current;

	private final AtomicBoolean switchLogged = new AtomicBoolean();

	ExportPath(@Nullable String pinned) {
		this.pinned = pinned != null;
		this.current = (pinned != null) ? pinned : LEGACY;
	}

	<T> T query(Function<String, T> call) {
		String path = this.current;
		try {
			return call.apply(path);
		}
		catch (HoneyHiveApiException ex) {
			if (this.pinned || ex.getStatusCode() != 404) {
				throw ex;
			}
			String other = V1.equals(path) ? LEGACY : V1;
			T result;
			try {
				result = call.apply(other);
			}
			catch (HoneyHiveException otherFailure) {
				otherFailure.addSuppressed(ex);
				throw otherFailure;
			}
			this.current = other;
			if (this.switchLogged.compareAndSet(false, true)) {
				logger.info("HoneyHive answered 404 for the events query at " + path + " and answered at " + other
						+ ": using " + other + " from now on (set honeyhive.client.export-path to pin a path)");
			}
			return result;
		}
	}

	String current() {
		return this.current;
	}

}
