package ai.honeyhive.spring.publisher;

import java.time.Duration;

import ai.honeyhive.spring.client.EventsClient;

import org.springframework.util.Assert;

/**
 * Builder of a {@link BatchingEventPublisher}; the defaults are those of the
 * {@code honeyhive.publisher.*} properties.
 *
 * @since 0.1.0
 */
public final class BatchingEventPublisherBuilder {

	// Read by the publisher's constructor

	final EventsClient client;

	int maxQueueSize = 8192;

	long maxQueueBytes = 32L * 1024 * 1024;

	int maxBatchSize = 256;

	long maxBatchBytes = 4L * 1024 * 1024;

	int maxConcurrentExports = 4;

	SessionTransport sessionTransport = SessionTransport.BATCH;

	Duration scheduleDelay = Duration.ofSeconds(1);

	Duration exportTimeout = Duration.ofSeconds(30);

	Duration shutdownTimeout = Duration.ofSeconds(10);

	Duration retryInitialInterval = Duration.ofMillis(500);

	double retryMultiplier = 2.0;

	Duration retryMaxInterval = Duration.ofSeconds(5);

	Duration warnInterval = Duration.ofMinutes(1);

	boolean sending = true;

	PublisherMetrics metrics = PublisherMetrics.NONE;

	BatchingEventPublisherBuilder(EventsClient client) {
		Assert.notNull(client, "'client' must not be null");
		this.client = client;
	}

	/**
	 * Set the most records that may wait in the queue.
	 * @param maxQueueSize the queue's capacity, positive
	 * @return this builder
	 */
	public BatchingEventPublisherBuilder maxQueueSize(int maxQueueSize) {
		Assert.isTrue(maxQueueSize > 0, "'maxQueueSize' must be positive");
		this.maxQueueSize = maxQueueSize;
		return this;
	}

	/**
	 * Set the largest estimated size of the records waiting in the queue.
	 * @param maxQueueBytes the queue's capacity in bytes, positive
	 * @return this builder
	 */
	public BatchingEventPublisherBuilder maxQueueBytes(long maxQueueBytes) {
		Assert.isTrue(maxQueueBytes > 0, "'maxQueueBytes' must be positive");
		this.maxQueueBytes = maxQueueBytes;
		return this;
	}

	/**
	 * Set the most records sent in one batch.
	 * @param maxBatchSize the batch size, positive and not above the queue size
	 * @return this builder
	 */
	public BatchingEventPublisherBuilder maxBatchSize(int maxBatchSize) {
		Assert.isTrue(maxBatchSize > 0, "'maxBatchSize' must be positive");
		this.maxBatchSize = maxBatchSize;
		return this;
	}

	/**
	 * Set the largest estimated size of one batch. A single record larger than this is
	 * sent in a batch of its own.
	 * @param maxBatchBytes the batch size in bytes, positive
	 * @return this builder
	 */
	public BatchingEventPublisherBuilder maxBatchBytes(long maxBatchBytes) {
		Assert.isTrue(maxBatchBytes > 0, "'maxBatchBytes' must be positive");
		this.maxBatchBytes = maxBatchBytes;
		return this;
	}

	/**
	 * Set how many calls to the server may be in flight at once.
	 * @param maxConcurrentExports the number of calls, positive
	 * @return this builder
	 */
	public BatchingEventPublisherBuilder maxConcurrentExports(int maxConcurrentExports) {
		Assert.isTrue(maxConcurrentExports > 0, "'maxConcurrentExports' must be positive");
		this.maxConcurrentExports = maxConcurrentExports;
		return this;
	}

	/**
	 * Set how sessions reach the server.
	 * @param sessionTransport the transport
	 * @return this builder
	 */
	public BatchingEventPublisherBuilder sessionTransport(SessionTransport sessionTransport) {
		Assert.notNull(sessionTransport, "'sessionTransport' must not be null");
		this.sessionTransport = sessionTransport;
		return this;
	}

	/**
	 * Set the longest time a record waits for its batch to fill.
	 * @param scheduleDelay the delay, positive
	 * @return this builder
	 */
	public BatchingEventPublisherBuilder scheduleDelay(Duration scheduleDelay) {
		this.scheduleDelay = positive(scheduleDelay, "scheduleDelay");
		return this;
	}

	/**
	 * Set the longest time spent retrying one batch; a pause the server asked for with
	 * {@code Retry-After} does not count.
	 * @param exportTimeout the timeout, positive
	 * @return this builder
	 */
	public BatchingEventPublisherBuilder exportTimeout(Duration exportTimeout) {
		this.exportTimeout = positive(exportTimeout, "exportTimeout");
		return this;
	}

	/**
	 * Set the longest time {@link BatchingEventPublisher#close()} waits for the queue to
	 * drain.
	 * @param shutdownTimeout the timeout, positive
	 * @return this builder
	 */
	public BatchingEventPublisherBuilder shutdownTimeout(Duration shutdownTimeout) {
		this.shutdownTimeout = positive(shutdownTimeout, "shutdownTimeout");
		return this;
	}

	/**
	 * Set the backoff between attempts to send a batch.
	 * @param initialInterval the first delay, positive
	 * @param multiplier the growth of the delay after each attempt, at least 1
	 * @param maxInterval the longest delay, positive
	 * @return this builder
	 */
	public BatchingEventPublisherBuilder retryBackoff(Duration initialInterval, double multiplier,
			Duration maxInterval) {
		this.retryInitialInterval = positive(initialInterval, "initialInterval");
		Assert.isTrue(multiplier >= 1.0, "'multiplier' must be at least 1");
		this.retryMultiplier = multiplier;
		this.retryMaxInterval = positive(maxInterval, "maxInterval");
		return this;
	}

	/**
	 * Set the shortest time between two warnings of the same kind.
	 * @param warnInterval the interval, positive
	 * @return this builder
	 */
	public BatchingEventPublisherBuilder warnInterval(Duration warnInterval) {
		this.warnInterval = positive(warnInterval, "warnInterval");
		return this;
	}

	/**
	 * Set whether to send at all: {@code false} (no API key) counts every record as
	 * dropped with reason {@link DropReason#NO_API_KEY} and starts no thread.
	 * @param sending whether to send
	 * @return this builder
	 */
	public BatchingEventPublisherBuilder sending(boolean sending) {
		this.sending = sending;
		return this;
	}

	/**
	 * Set the metrics.
	 * @param metrics the metrics
	 * @return this builder
	 */
	public BatchingEventPublisherBuilder metrics(PublisherMetrics metrics) {
		Assert.notNull(metrics, "'metrics' must not be null");
		this.metrics = metrics;
		return this;
	}

	/**
	 * Build the publisher and start its sender threads.
	 * @return the publisher
	 */
	public BatchingEventPublisher build() {
		Assert.isTrue(this.maxBatchSize <= this.maxQueueSize, "'maxBatchSize' must not exceed 'maxQueueSize'");
		return new BatchingEventPublisher(this);
	}

	private static Duration positive(Duration duration, String name) {
		Assert.notNull(duration, () -> "'" + name + "' must not be null");
		Assert.isTrue(!duration.isNegative() && !duration.isZero(), () -> "'" + name + "' must be positive");
		return duration;
	}

}
