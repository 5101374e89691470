package ai.honeyhive.spring.publisher;

import java.util.function.IntSupplier;

/**
 * Receives the measurements of a {@link BatchingEventPublisher}. Every method has a no-op
 * default; implementations must be cheap and must not throw, because they run on the
 * publisher's worker thread and, for drops, on application threads.
 *
 * @since 0.1.0
 */
public interface PublisherMetrics {

	/** Metrics that record nothing. */
	PublisherMetrics NONE = new PublisherMetrics() {
	};

	/**
	 * Called once when the publisher starts, to expose its queue.
	 * @param size the current number of queued records
	 * @param capacity the queue's capacity in records
	 */
	default void bindQueue(IntSupplier size, int capacity) {
	}

	/**
	 * Records that the server accepted records.
	 * @param count how many
	 */
	default void exported(int count) {
	}

	/**
	 * Records that records were dropped.
	 * @param reason why
	 * @param count how many
	 */
	default void dropped(DropReason reason, int count) {
	}

	/**
	 * Records one failed attempt to send records.
	 * @param kind what kind of failure it was
	 */
	default void flushFailure(FailureKind kind) {
	}

	/**
	 * Records one call to the server.
	 * @param outcome how the call ended
	 * @param durationNanos how long the call took
	 * @param batchSize how many records the call carried
	 */
	default void export(ExportOutcome outcome, long durationNanos, int batchSize) {
	}

}
