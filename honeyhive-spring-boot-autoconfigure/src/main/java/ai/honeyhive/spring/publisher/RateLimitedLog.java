package ai.honeyhive.spring.publisher;

import org.apache.commons.logging.Log;

/**
 * Logs at most one WARN per interval and counts what it held back, so that a long outage
 * produces a handful of lines instead of one per batch. Each line tells how many records
 * were lost in all since the line before, not only in the failure that triggered it.
 */
final class RateLimitedLog {

	private final Log logger;

	private final long intervalNanos;

	private final Object lock = new Object();

	private long nextNanos;

	private boolean first = true;

	private long suppressed;

	private long lost;

	RateLimitedLog(Log logger, long intervalNanos) {
		this.logger = logger;
		this.intervalNanos = intervalNanos;
	}

	/**
	 * Log a warning unless one was logged within the interval.
	 * @param lostNow the records this occurrence lost (added to the running total)
	 * @param message builds the message from the records lost since the last line, this
	 * occurrence's included, and the number of warnings held back
	 */
	void warn(long lostNow, Message message) {
		long held;
		long lostInAll;
		synchronized (this.lock) {
			this.lost += lostNow;
			long now = System.nanoTime();
			if (!this.first && now - this.nextNanos < 0) {
				this.suppressed++;
				return;
			}
			this.first = false;
			this.nextNanos = now + this.intervalNanos;
			held = this.suppressed;
			lostInAll = this.lost;
			this.suppressed = 0;
			this.lost = 0;
		}
		if (this.logger.isWarnEnabled()) {
			this.logger.warn(message.build(lostInAll, held));
		}
	}

	/**
	 * Builds a warning.
	 */
	@FunctionalInterface
	interface Message {

		/**
		 * Build the message.
		 * @param lost records lost since the last line logged, this occurrence's included
		 * @param held warnings held back since the last line logged
		 * @return the message
		 */
		String build(long lost, long held);

	}

}
