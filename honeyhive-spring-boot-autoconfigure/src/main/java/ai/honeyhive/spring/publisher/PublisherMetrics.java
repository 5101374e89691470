package ai.honeyhive.spring.publisher;

import java.util.List;
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

	/** Outcome of records the server accepted. */
	String EXPORTED = "exported";

	/** Reason: the queue was full (by count or by bytes). */
	String QUEUE_FULL = "queue_full";

	/** Reason: the server rejected the batch with a non-retryable answer (4xx). */
	String REJECTED = "rejected";

	/** Reason: retryable failures lasted longer than the export timeout. */
	String RETRIES_EXHAUSTED = "retries_exhausted";

	/** Reason: the publisher was closed before the record could be sent. */
	String SHUTDOWN = "shutdown";

	/** Reason: no API key is configured, so nothing is sent. */
	String NO_API_KEY = "no_api_key";

	/** Reason: an unexpected error while sending. */
	String ERROR = "error";

	/** Every reason a record may be dropped for. */
	List<String> DROP_REASONS = List.of(QUEUE_FULL, REJECTED, RETRIES_EXHAUSTED, SHUTDOWN, NO_API_KEY, ERROR);

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
	 * @param reason why, one of the reason constants
	 * @param count how many
	 */
	default void dropped(String reason, int count) {
	}

	/**
	 * Records one failed attempt to send records.
	 * @param reason {@code http_4xx}, {@code http_5xx}, {@code timeout}, {@code io},
	 * {@code partial} or {@code error}
	 */
	default void flushFailure(String reason) {
	}

	/**
	 * Records one call to the server.
	 * @param outcome {@code success}, {@code partial} or {@code failure}
	 * @param durationNanos how long the call took
	 * @param batchSize how many records the call carried
	 */
	default void export(String outcome, long durationNanos, int batchSize) {
	}

}
