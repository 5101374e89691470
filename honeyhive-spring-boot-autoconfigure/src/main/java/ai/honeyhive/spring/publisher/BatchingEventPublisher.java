package ai.honeyhive.spring.publisher;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import ai.honeyhive.spring.client.CreateEventRequest;
import ai.honeyhive.spring.client.EventIds;
import ai.honeyhive.spring.client.EventsClient;
import ai.honeyhive.spring.client.SessionStartRequest;
import ai.honeyhive.spring.client.UpdateEventRequest;

import org.springframework.util.Assert;

/**
 * An {@link EventPublisher} that queues records in memory and sends them in batches on up
 * to {@code maxConcurrentExports} daemon threads named {@value #THREAD_NAME}-N.
 * <p>
 * The queue is bounded by a number of records and by their estimated size; a record that
 * does not fit is dropped and counted, never waited for. A call is made when
 * {@code maxBatchSize} records wait or {@code scheduleDelay} has passed since the oldest
 * arrived. Sessions travel in the batches as {@code session} events (or by
 * {@code POST /session/start}, see {@link SessionTransport}); an update whose target is
 * still queued is merged into it, so a session that ends before it is sent costs no call
 * of its own. Records keep a valid order on the server: a session is in the batch of its
 * first events or an earlier acknowledged one, and an update leaves only after its target
 * was acknowledged.
 * <p>
 * The publisher owns every retry (its client should make one attempt per call): a batch
 * is retried with exponential backoff for at most {@code exportTimeout}, a
 * {@code Retry-After} holds every call until it passes, and a batch the server refuses as
 * invalid is narrowed down to the records it refuses. Everything that is not delivered is
 * counted through {@link PublisherMetrics} by reason.
 *
 * @since 0.1.0
 */
public final class BatchingEventPublisher implements EventPublisher {

	/** The prefix of the sender threads' names. */
	public static final String THREAD_NAME = "honeyhive-publisher";

	private static final Log logger = LogFactory.getLog(BatchingEventPublisher.class);

	/** How long close() waits for the senders to end after interrupting them. */
	private static final long STOP_GRACE_MILLIS = 1000;

	private final EventsClient client;

	private final int maxQueueSize;

	private final long maxQueueBytes;

	private final int maxBatchSize;

	private final int maxConcurrentExports;

	private final long shutdownTimeoutNanos;

	private final boolean sending;

	private final PublisherMetrics metrics;

	private final RecordQueue queue;

	private final DeliveryHealth health = new DeliveryHealth();

	private final Conversations conversations = new Conversations();

	private final AtomicLong shutdownDropped = new AtomicLong();

	private final Sender.Logs logs;

	private final Sender sender;

	private final Object lifecycleLock = new Object();

	private volatile SenderThreads threads = SenderThreads.none();

	private volatile boolean running;

	BatchingEventPublisher(BatchingEventPublisherBuilder builder) {
		this.client = builder.client;
		this.maxQueueSize = builder.maxQueueSize;
		this.maxQueueBytes = builder.maxQueueBytes;
		this.maxBatchSize = builder.maxBatchSize;
		this.maxConcurrentExports = builder.maxConcurrentExports;
		this.shutdownTimeoutNanos = builder.shutdownTimeout.toNanos();
		this.sending = builder.sending;
		this.metrics = builder.metrics;
		this.queue = new RecordQueue(builder.maxQueueSize, builder.maxQueueBytes, builder.maxBatchSize,
				builder.maxBatchBytes, builder.scheduleDelay.toNanos(),
				builder.sessionTransport == SessionTransport.BATCH);
		this.logs = Sender.Logs.create(logger, builder.warnInterval.toNanos());
		this.sender = new Sender(this.client, this.queue, this.metrics, this.health, builder.exportTimeout.toNanos(),
				builder.retryInitialInterval.toNanos(), builder.retryMultiplier, builder.retryMaxInterval.toNanos(),
				this.shutdownDropped, this.logs);
		this.metrics.bindQueue(this.queue::size, this.maxQueueSize);
		start();
	}

	/**
	 * Return a builder of a publisher that sends through the given client.
	 * @param client the client, ideally one that makes a single attempt per call (the
	 * publisher retries)
	 * @return a new builder
	 */
	public static BatchingEventPublisherBuilder builder(EventsClient client) {
		return new BatchingEventPublisherBuilder(client);
	}

	/**
	 * Start the sender threads, if they are not running; after {@link #close()}, accept
	 * records again.
	 */
	public void start() {
		synchronized (this.lifecycleLock) {
			if (this.running || !this.sending) {
				this.running = this.sending;
				return;
			}
			this.queue.pacing().reopen();
			this.running = true;
			this.threads = SenderThreads.start(THREAD_NAME, this.maxConcurrentExports, this.sender::run);
		}
	}

	/**
	 * Return whether the publisher takes and sends records.
	 * @return whether it runs
	 */
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public boolean startSession(SessionStartRequest session) {
		try {
			return offer(new Record(Record.Kind.SESSION, session, session.sessionId(), null, false,
					SizeEstimator.estimate(session)));
		}
		catch (Throwable ex) {
			return false;
		}
	}

	@Override
	public boolean resumeSession(SessionStartRequest session) {
		try {
			SessionStartRequest toSend = this.conversations.resume(session);
			return offer(new Record(Record.Kind.SESSION, toSend, toSend.sessionId(), null, true,
					SizeEstimator.estimate(toSend)));
		}
		catch (Throwable ex) {
			return false;
		}
	}

	@Override
	public boolean publish(CreateEventRequest event) {
		try {
			CreateEventRequest toSend = event;
			if (event.eventId() == null) {
				// The id lets a partially created batch be resent without duplicates.
				toSend = event.toBuilder().eventId(EventIds.next()).build();
			}
			return offer(new Record(Record.Kind.EVENT, toSend, toSend.eventId(), toSend.sessionId(), false,
					SizeEstimator.estimate(toSend)));
		}
		catch (Throwable ex) {
			return false;
		}
	}

	@Override
	public boolean update(UpdateEventRequest update) {
		try {
			UpdateEventRequest toSend = this.conversations.end(update);
			return offer(new Record(Record.Kind.UPDATE, toSend, toSend.eventId(), null, false,
					SizeEstimator.estimate(toSend)));
		}
		catch (Throwable ex) {
			return false;
		}
	}

	/**
	 * Take an update whose target is queued or being sent, so that it is merged into the
	 * target or sent after it; an update of anything else is left to the caller.
	 * @param update the update
	 * @return what became of it
	 */
	UpdateOutcome takeOver(UpdateEventRequest update) {
		if (!this.sending) {
			return UpdateOutcome.NOT_PENDING;
		}
		RecordQueue.Outcome outcome = this.queue.takeOver(
				new Record(Record.Kind.UPDATE, update, update.eventId(), null, false, SizeEstimator.estimate(update)));
		return switch (outcome) {
			case MERGED -> UpdateOutcome.TAKEN;
			case NOT_FOUND -> UpdateOutcome.NOT_PENDING;
			case FULL -> {
				dropAtHandOver(DropReason.QUEUE_FULL);
				yield UpdateOutcome.REFUSED;
			}
			case CLOSED -> {
				dropAtHandOver(DropReason.SHUTDOWN);
				yield UpdateOutcome.REFUSED;
			}
		};
	}

	/**
	 * Return a client that sends through the given client, except that an
	 * {@link EventsClient#updateEvent update} of a record the publisher still holds is
	 * merged into it or sent after it acknowledged.
	 * @param client the client to send through
	 * @param publisher the publisher, looked up on each update ({@code null} when there
	 * is none)
	 * @return the client
	 */
	public static EventsClient eventsClient(EventsClient client, Supplier<@Nullable BatchingEventPublisher> publisher) {
		Assert.notNull(client, "'client' must not be null");
		Assert.notNull(publisher, "'publisher' must not be null");
		return new PublishingEventsClient(client, publisher);
	}

	private boolean offer(Record record) {
		if (!this.sending) {
			dropAtHandOver(DropReason.NO_API_KEY);
			this.logs.noApiKey()
				.warn(1, (lost, held) -> "No HoneyHive API key is set: events are counted as "
						+ "dropped (reason no_api_key) and nothing is sent");
			return false;
		}
		@Nullable DropReason dropReason = this.running ? this.queue.offer(record) : DropReason.SHUTDOWN;
		if (dropReason == null) {
			return true;
		}
		dropAtHandOver(dropReason);
		if (dropReason == DropReason.QUEUE_FULL) {
			this.logs.queueFull()
				.warn(1, (lost, held) -> "HoneyHive publisher queue is full (" + this.maxQueueSize + " records or "
						+ this.maxQueueBytes + " bytes): " + lost + " records dropped since the last warning"
						+ Sender.suppressed(held));
		}
		return false;
	}

	private void dropAtHandOver(DropReason reason) {
		if (reason == DropReason.SHUTDOWN) {
			this.shutdownDropped.incrementAndGet();
		}
		try {
			this.metrics.dropped(reason, 1);
		}
		catch (Throwable ex) {
			// Metrics must not break the caller
		}
	}

	/**
	 * Send everything queued now and wait, at most {@code timeout}, until it is
	 * delivered. Records refused at hand-over (their method returned {@code false}) and
	 * records already delivered or dropped before the call do not count.
	 * @param timeout the longest time to wait
	 * @return {@code true} if every record accepted and not yet done before the call was
	 * delivered, {@code false} if one was dropped or the timeout passed first
	 */
	@Override
	public boolean flush(Duration timeout) {
		Assert.notNull(timeout, "'timeout' must not be null");
		if (this.threads.contains(Thread.currentThread())) {
			return false;
		}
		Flushes.Request request = this.queue.flush();
		if (request == null) {
			return true;
		}
		boolean completed;
		try {
			completed = request.await(timeout.toNanos());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			completed = false;
		}
		if (!completed) {
			this.queue.cancel(request);
			return false;
		}
		return !request.failed();
	}

	/**
	 * Deliver what is queued within the shutdown timeout and stop the sender threads;
	 * what is left is counted as dropped with reason {@link DropReason#SHUTDOWN}. Returns
	 * within the shutdown timeout (plus a short grace for a call being interrupted), also
	 * when called on an interrupted thread. {@link #start()} makes the publisher run
	 * again.
	 */
	@Override
	public void close() {
		SenderThreads senders;
		synchronized (this.lifecycleLock) {
			if (!this.running) {
				return;
			}
			this.running = false;
			senders = this.threads;
		}
		// Draining is what close() is for: wait even if the caller was interrupted, and
		// hand the interrupt back at the end.
		boolean interrupted = Thread.interrupted();
		long deadline = System.nanoTime() + this.shutdownTimeoutNanos;
		this.queue.pacing().close(deadline);
		interrupted |= senders.joinUntil(deadline);
		boolean stillSending = false;
		if (senders.anyAlive()) {
			this.queue.pacing().stop();
			senders.interrupt();
			// An interrupted call ends at once, or at worst within the client's read
			// timeout; wait a little, so that close() rarely returns with a sender
			// running.
			interrupted |= senders.joinUntil(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STOP_GRACE_MILLIS));
			stillSending = senders.anyAlive();
		}
		List<Record> leftovers = this.queue.drain();
		int left = 0;
		for (Record record : leftovers) {
			left += record.weight();
		}
		if (left > 0) {
			this.shutdownDropped.addAndGet(left);
			try {
				this.metrics.dropped(DropReason.SHUTDOWN, left);
			}
			catch (Throwable ex) {
				// Metrics must not stop the shutdown
			}
		}
		long lost = this.shutdownDropped.getAndSet(0);
		if ((lost > 0 || stillSending) && logger.isWarnEnabled()) {
			logger.warn("HoneyHive publisher stopped after its shutdown timeout of "
					+ TimeUnit.NANOSECONDS.toMillis(this.shutdownTimeoutNanos) + " ms: " + lost
					+ " records were not sent" + (stillSending ? ", a call was still being made" : "")
					+ " (counted with reason shutdown)");
		}
		if (interrupted) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Return a snapshot of the publisher's state.
	 * @return the state
	 */
	public PublisherStatus getStatus() {
		return this.health.status(this.sending && this.running, this.queue.size(), this.maxQueueSize,
				this.queue.bytes(), this.maxQueueBytes);
	}

	/**
	 * Return how sessions are being sent now: {@link SessionTransport#START_ENDPOINT}
	 * after the server refused session records in a batch.
	 * @return the session transport in use
	 */
	public SessionTransport getSessionTransport() {
		return this.queue.isBatchingSessions() ? SessionTransport.BATCH : SessionTransport.START_ENDPOINT;
	}

	@Override
	public String toString() {
		return "BatchingEventPublisher{queueSize=" + this.queue.size() + ", maxQueueSize=" + this.maxQueueSize
				+ ", maxBatchSize=" + this.maxBatchSize + ", maxConcurrentExports=" + this.maxConcurrentExports
				+ ", sending=" + this.sending + ", running=" + this.running + "}";
	}

	/**
	 * What became of an update offered to {@link #takeOver}.
	 */
	enum UpdateOutcome {

		/** Merged into its target or held until the target is acknowledged. */
		TAKEN,

		/** Its target is not held by the publisher: the caller sends it. */
		NOT_PENDING,

		/** Its target is held, but the publisher could not take the update. */
		REFUSED

	}

}
