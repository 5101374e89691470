package ai.honeyhive.spring.publisher;

import java.util.function.LongFunction;

import org.apache.commons.logging.Log;

/**
 * Logs at most one WARN per interval and counts what it held back, so that a long outage
 * produces a handful of lines instead of one per batch.
 */
final class RateLimitedLog {

	private final Log logger;

	private final long intervalNanos;

	private final Object lock = new Object();

	private long nextNanos;

	private boolean first = true;

	private long suppressed;

	RateLimitedLog(Log logger, long intervalNanos) {
		this.logger = logger;
		this.intervalNanos = intervalNanos;
	}

	/**
	 * Log a warning unless one was logged within the interval.
	 * @param message builds the message from the number of warnings held back since the
	 * last one logged
	 */
	void warn(LongFunction<String> message) {
		long held;
		synchronized (this.lock) {
			long now = System.nanoTime();
			if (!this.first && now - this.nextNanos < 0) {
				this.suppressed++;
				return;
			}
			this.first = false;
			this.nextNanos = now + this.intervalNanos;
			held = this.suppressed;
			this.suppressed = 0;
		}
		if (this.logger.isWarnEnabled()) {
			this.logger.warn(message.apply(held));
		}
	}

}
