package ai.honeyhive.spring.publisher;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import ai.honeyhive.spring.client.CreateEventBatchRequest;
import ai.honeyhive.spring.client.CreateEventRequest;
import ai.honeyhive.spring.client.EventIds;
import ai.honeyhive.spring.client.EventsClient;
import ai.honeyhive.spring.client.HoneyHiveApiException;
import ai.honeyhive.spring.client.HoneyHiveConfigurationException;
import ai.honeyhive.spring.client.HoneyHiveException;
import ai.honeyhive.spring.client.HoneyHivePartialBatchException;
import ai.honeyhive.spring.client.HoneyHiveTransportException;
import ai.honeyhive.spring.client.RestEventsClient;
import ai.honeyhive.spring.client.SessionStartRequest;
import ai.honeyhive.spring.client.UpdateEventInterceptor;
import ai.honeyhive.spring.client.UpdateEventRequest;

import org.springframework.util.Assert;

/**
 * An {@link EventPublisher} that queues records in memory and sends them in batches on
 * one daemon thread named {@value #THREAD_NAME}.
 * <p>
 * The queue is bounded by a number of records and by their estimated size; a record that
 * does not fit is dropped and counted, never waited for. The worker sends when
 * {@code maxBatchSize} records wait or {@code scheduleDelay} has passed since the oldest
 * arrived. Records reach the server in the order they were handed over: within a batch,
 * session starts go first ({@link EventsClient#startSession}), then the events in one
 * {@link EventsClient#createEventBatch} call, then the updates
 * ({@link EventsClient#updateEvent}). Retryable failures are retried with exponential
 * backoff, honouring {@code Retry-After}, for at most {@code exportTimeout} per batch;
 * after a partially created batch only the events the server did not create are sent
 * again. Everything that is not delivered is counted through {@link PublisherMetrics} by
 * reason.
 * <p>
 * As an {@link UpdateEventInterceptor} it takes over {@code EventsClient.updateEvent}
 * calls for events still in its queue, so that they reach the server after their event.
 *
 * @since 0.1.0
 */
public final class BatchingEventPublisher implements EventPublisher, UpdateEventInterceptor {

	/** The name of the worker thread. */
	public static final String THREAD_NAME = "honeyhive-publisher";

	private static final Log logger = LogFactory.getLog(BatchingEventPublisher.class);

	/** How long close() waits for the worker to end after interrupting it. */
	private static final long STOP_GRACE_MILLIS = 1000;

	private static final int PENDING = 0;

	private static final int DELIVERED = 1;

	private static final int DROPPED = 2;

	private final EventsClient client;

	private final int maxQueueSize;

	private final long maxQueueBytes;

	private final int maxBatchSize;

	private final long scheduleDelayNanos;

	private final long exportTimeoutNanos;

	private final long shutdownTimeoutNanos;

	private final long retryInitialNanos;

	private final double retryMultiplier;

	private final long retryMaxNanos;

	private final boolean sending;

	private final PublisherMetrics metrics;

	private final ReentrantLock lock = new ReentrantLock();

	/** Signalled when the worker may have something to do. */
	private final Condition workAvailable = this.lock.newCondition();

	/** Signalled to cut a backoff pause short (closing). */
	private final Condition wakeUp = this.lock.newCondition();

	private final ArrayDeque<Entry> queue = new ArrayDeque<>();

	private final List<FlushRequest> flushRequests = new ArrayList<>();

	/** The chunk the worker is sending, guarded by the lock. */
	private @Nullable List<Entry> inFlightChunk;

	private final AtomicBoolean closeCalled = new AtomicBoolean();

	private final AtomicLong shutdownDropped = new AtomicLong();

	private final RateLimitedLog rejectedLog;

	private final RateLimitedLog exhaustedLog;

	private final RateLimitedLog errorLog;

	private final RateLimitedLog queueFullLog;

	private final RateLimitedLog noApiKeyLog;

	private final @Nullable Thread worker;

	// Guarded by lock
	private long queueBytes;

	private long lastSeq;

	private long completedSeq;

	private long flushUpTo;

	private long shutdownDeadlineNanos;

	// Written under lock, read anywhere
	private volatile int queueSize;

	private volatile boolean closing;

	private volatile boolean stopped;

	private volatile int inFlight;

	// Written by the worker only
	private volatile int consecutiveFailures;

	private volatile @Nullable String lastError;

	private volatile @Nullable Instant lastErrorTime;

	private volatile @Nullable Instant failingSince;

	private volatile @Nullable Instant lastSuccessTime;

	private BatchingEventPublisher(Builder builder) {
		this.client = builder.client;
		this.maxQueueSize = builder.maxQueueSize;
		this.maxQueueBytes = builder.maxQueueBytes;
		this.maxBatchSize = builder.maxBatchSize;
		this.scheduleDelayNanos = builder.scheduleDelay.toNanos();
		this.exportTimeoutNanos = builder.exportTimeout.toNanos();
		this.shutdownTimeoutNanos = builder.shutdownTimeout.toNanos();
		this.retryInitialNanos = builder.retryInitialInterval.toNanos();
		this.retryMultiplier = builder.retryMultiplier;
		this.retryMaxNanos = builder.retryMaxInterval.toNanos();
		this.sending = builder.sending;
		this.metrics = builder.metrics;
		long warnIntervalNanos = builder.warnInterval.toNanos();
		this.rejectedLog = new RateLimitedLog(logger, warnIntervalNanos);
		this.exhaustedLog = new RateLimitedLog(logger, warnIntervalNanos);
		this.errorLog = new RateLimitedLog(logger, warnIntervalNanos);
		this.queueFullLog = new RateLimitedLog(logger, warnIntervalNanos);
		this.noApiKeyLog = new RateLimitedLog(logger, Long.MAX_VALUE / 2);
		this.metrics.bindQueue(() -> this.queueSize, this.maxQueueSize);
		if (this.sending) {
			Thread thread = new Thread(this::runWorker, THREAD_NAME);
			thread.setDaemon(true);
			this.worker = thread;
			thread.start();
		}
		else {
			this.worker = null;
		}
	}

	/**
	 * Return a builder of a publisher that sends through the given client.
	 * @param client the client
	 * @return a new builder
	 */
	public static Builder builder(EventsClient client) {
		return new Builder(client);
	}

	@Override
	public boolean startSession(SessionStartRequest session) {
		try {
			return offer(Kind.SESSION, session, session.sessionId());
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
			return offer(Kind.EVENT, toSend, toSend.eventId());
		}
		catch (Throwable ex) {
			return false;
		}
	}

	@Override
	public boolean update(UpdateEventRequest update) {
		try {
			return offer(Kind.UPDATE, update, null);
		}
		catch (Throwable ex) {
			return false;
		}
	}

	/**
	 * Take over an update whose event or session is still queued or being sent, so that
	 * it is delivered after that event.
	 * @param update the update
	 * @return whether the update was taken over
	 */
	@Override
	public boolean intercept(UpdateEventRequest update) {
		try {
			if (!this.sending || this.closing || Thread.currentThread() == this.worker
					|| !isPending(update.eventId())) {
				return false;
			}
			update(update);
			return true;
		}
		catch (Throwable ex) {
			return false;
		}
	}

	/**
	 * Whether a record with the given id is queued or being sent. A scan under the lock,
	 * paid only by {@link #intercept} (user updates are rare), so that handing over an
	 * event costs no index maintenance.
	 */
	private boolean isPending(String id) {
		this.lock.lock();
		try {
			for (Entry entry : this.queue) {
				if (id.equals(entry.id)) {
					return true;
				}
			}
			List<Entry> chunk = this.inFlightChunk;
			if (chunk != null) {
				for (Entry entry : chunk) {
					if (entry.state == PENDING && id.equals(entry.id)) {
						return true;
					}
				}
			}
			return false;
		}
		finally {
			this.lock.unlock();
		}
	}

	private boolean offer(Kind kind, Object payload, @Nullable String id) {
		if (!this.sending) {
			dropAtHandOver(PublisherMetrics.NO_API_KEY);
			this.noApiKeyLog.warn((held) -> "No HoneyHive API key is set: events are counted as dropped "
					+ "(reason no_api_key) and nothing is sent");
			return false;
		}
		if (this.closing) {
			dropAtHandOver(PublisherMetrics.SHUTDOWN);
			return false;
		}
		long bytes = SizeEstimator.estimate(payload);
		Entry entry = new Entry(kind, payload, id, bytes, System.nanoTime());
		String dropReason = null;
		this.lock.lock();
		try {
			if (this.closing) {
				dropReason = PublisherMetrics.SHUTDOWN;
			}
			else if (this.queue.size() >= this.maxQueueSize || this.queueBytes + bytes > this.maxQueueBytes) {
				dropReason = PublisherMetrics.QUEUE_FULL;
			}
			else {
				entry.seq = ++this.lastSeq;
				this.queue.addLast(entry);
				this.queueBytes += bytes;
				int size = this.queue.size();
				this.queueSize = size;
				if (size == 1 || size == this.maxBatchSize) {
					this.workAvailable.signal();
				}
			}
		}
		finally {
			this.lock.unlock();
		}
		if (dropReason == null) {
			return true;
		}
		dropAtHandOver(dropReason);
		if (dropReason.equals(PublisherMetrics.QUEUE_FULL)) {
			this.queueFullLog.warn((held) -> "HoneyHive publisher queue is full (" + this.maxQueueSize + " records or "
					+ this.maxQueueBytes + " bytes): dropping records" + suppressed(held));
		}
		return false;
	}

	private void dropAtHandOver(String reason) {
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
		if (Thread.currentThread() == this.worker) {
			return false;
		}
		FlushRequest request;
		this.lock.lock();
		try {
			if (this.lastSeq <= this.completedSeq) {
				return true;
			}
			request = new FlushRequest(this.lastSeq);
			this.flushRequests.add(request);
			this.flushUpTo = Math.max(this.flushUpTo, request.target);
			this.workAvailable.signal();
		}
		finally {
			this.lock.unlock();
		}
		boolean completed;
		try {
			completed = request.latch.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			completed = false;
		}
		if (!completed) {
			this.lock.lock();
			try {
				this.flushRequests.remove(request);
			}
			finally {
				this.lock.unlock();
			}
			return false;
		}
		return !request.failed;
	}

	@Override
	public void close() {
		if (!this.closeCalled.compareAndSet(false, true)) {
			return;
		}
		this.lock.lock();
		try {
			this.closing = true;
			this.shutdownDeadlineNanos = System.nanoTime() + this.shutdownTimeoutNanos;
			this.workAvailable.signalAll();
			this.wakeUp.signalAll();
		}
		finally {
			this.lock.unlock();
		}
		boolean interrupted = false;
		Thread thread = this.worker;
		if (thread != null) {
			try {
				thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(this.shutdownTimeoutNanos)));
			}
			catch (InterruptedException ex) {
				interrupted = true;
			}
			if (thread.isAlive()) {
				this.stopped = true;
				this.lock.lock();
				try {
					this.workAvailable.signalAll();
					this.wakeUp.signalAll();
				}
				finally {
					this.lock.unlock();
				}
				thread.interrupt();
				// An interrupted call ends at once, or at worst within the client's read
				// timeout; wait a little, so that close() rarely returns with the worker
				// still running.
				try {
					thread.join(STOP_GRACE_MILLIS);
				}
				catch (InterruptedException ex) {
					interrupted = true;
				}
			}
		}
		List<Entry> leftovers;
		this.lock.lock();
		try {
			leftovers = new ArrayList<>(this.queue);
			this.queue.clear();
			this.queueBytes = 0;
			this.queueSize = 0;
		}
		finally {
			this.lock.unlock();
		}
		drop(leftovers, PublisherMetrics.SHUTDOWN);
		finish(leftovers);
		long lost = this.shutdownDropped.get();
		int stillSending = (thread != null && thread.isAlive()) ? this.inFlight : 0;
		if ((lost > 0 || stillSending > 0) && logger.isWarnEnabled()) {
			logger.warn("HoneyHive publisher stopped after its shutdown timeout of "
					+ TimeUnit.NANOSECONDS.toMillis(this.shutdownTimeoutNanos) + " ms: " + lost
					+ " records were not sent" + ((stillSending > 0) ? ", " + stillSending + " still being sent" : "")
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
		long bytes;
		this.lock.lock();
		try {
			bytes = this.queueBytes;
		}
		finally {
			this.lock.unlock();
		}
		return new PublisherStatus(this.sending && !this.closing, this.consecutiveFailures, this.lastError,
				this.lastErrorTime, this.failingSince, this.lastSuccessTime, this.queueSize, this.maxQueueSize, bytes,
				this.maxQueueBytes);
	}

	private void runWorker() {
		while (true) {
			try {
				List<Entry> chunk = nextChunk();
				if (chunk == null) {
					return;
				}
				deliver(chunk);
			}
			catch (InterruptedException ex) {
				if (this.stopped) {
					return;
				}
			}
			catch (Throwable ex) {
				// Never let the worker die: the caller's events would pile up silently.
				this.errorLog.warn((held) -> "HoneyHive publisher worker failed: " + ex + suppressed(held));
			}
		}
	}

	private @Nullable List<Entry> nextChunk() throws InterruptedException {
		this.lock.lock();
		try {
			while (true) {
				if (this.stopped) {
					return null;
				}
				Entry head = this.queue.peekFirst();
				if (head == null) {
					if (this.closing) {
						return null;
					}
					this.workAvailable.await();
					continue;
				}
				if (this.closing || this.queue.size() >= this.maxBatchSize || this.flushUpTo >= head.seq) {
					break;
				}
				long wait = head.enqueuedNanos + this.scheduleDelayNanos - System.nanoTime();
				if (wait <= 0) {
					break;
				}
				this.workAvailable.awaitNanos(wait);
			}
			int count = Math.min(this.queue.size(), this.maxBatchSize);
			List<Entry> chunk = new ArrayList<>(count);
			long bytes = 0;
			for (int i = 0; i < count; i++) {
				Entry entry = this.queue.pollFirst();
				chunk.add(entry);
				bytes += entry.bytes;
			}
			this.queueBytes -= bytes;
			this.queueSize = this.queue.size();
			this.inFlight = count;
			this.inFlightChunk = chunk;
			return chunk;
		}
		finally {
			this.lock.unlock();
		}
	}

	private void deliver(List<Entry> chunk) {
		try {
			List<Entry> sessions = new ArrayList<>();
			List<Entry> events = new ArrayList<>(chunk.size());
			List<Entry> updates = new ArrayList<>();
			for (Entry entry : chunk) {
				switch (entry.kind) {
					case SESSION -> sessions.add(entry);
					case EVENT -> events.add(entry);
					case UPDATE -> updates.add(entry);
				}
			}
			// Sessions first and updates last keeps every record after the ones it
			// depends on: a session before its events, an update after its event.
			for (Entry session : sessions) {
				send(List.of(session));
			}
			if (!events.isEmpty()) {
				send(events);
			}
			for (Entry update : updates) {
				send(List.of(update));
			}
		}
		finally {
			List<Entry> undecided = new ArrayList<>();
			for (Entry entry : chunk) {
				if (entry.state == PENDING) {
					undecided.add(entry);
				}
			}
			drop(undecided, PublisherMetrics.ERROR);
			finish(chunk);
			this.inFlight = 0;
			this.lock.lock();
			try {
				this.inFlightChunk = null;
			}
			finally {
				this.lock.unlock();
			}
		}
	}

	private void send(List<Entry> entries) {
		List<Entry> remaining = entries;
		long deadline = System.nanoTime() + this.exportTimeoutNanos;
		long backoff = this.retryInitialNanos;
		while (true) {
			if (this.stopped) {
				drop(remaining, PublisherMetrics.SHUTDOWN);
				return;
			}
			long retryAfterNanos = 0;
			long start = System.nanoTime();
			try {
				call(remaining);
				recordExport("success", start, remaining.size());
				delivered(remaining);
				recordSuccess();
				return;
			}
			catch (HoneyHivePartialBatchException ex) {
				recordExport("partial", start, remaining.size());
				recordFailure("partial", ex);
				Set<String> created = new HashSet<>(ex.getEventIds());
				List<Entry> landed = new ArrayList<>();
				List<Entry> missing = new ArrayList<>();
				for (Entry entry : remaining) {
					((entry.id != null && created.contains(entry.id)) ? landed : missing).add(entry);
				}
				delivered(landed);
				remaining = missing;
				if (remaining.isEmpty()) {
					return;
				}
			}
			catch (HoneyHiveConfigurationException ex) {
				recordExport("failure", start, remaining.size());
				drop(remaining, PublisherMetrics.NO_API_KEY);
				this.noApiKeyLog.warn((held) -> "HoneyHive events are not sent: " + ex.getMessage());
				return;
			}
			catch (HoneyHiveException ex) {
				recordExport("failure", start, remaining.size());
				recordFailure(failureReason(ex), ex);
				if (!ex.isRetryable()) {
					int count = remaining.size();
					drop(remaining, PublisherMetrics.REJECTED);
					this.rejectedLog.warn((held) -> "HoneyHive rejected " + count + " records, dropped them: "
							+ ex.getMessage() + suppressed(held));
					return;
				}
				if (ex instanceof HoneyHiveApiException apiException && apiException.getRetryAfter() != null) {
					retryAfterNanos = apiException.getRetryAfter().toNanos();
				}
			}
			catch (Throwable ex) {
				recordExport("failure", start, remaining.size());
				recordFailure(PublisherMetrics.ERROR, ex);
				int count = remaining.size();
				drop(remaining, PublisherMetrics.ERROR);
				this.errorLog.warn((held) -> "HoneyHive publisher could not send " + count + " records, dropped them: "
						+ ex + suppressed(held));
				return;
			}
			long jittered = (long) (backoff * (0.9 + 0.2 * ThreadLocalRandom.current().nextDouble()));
			long delay = Math.max(jittered, retryAfterNanos);
			backoff = Math.min((long) (backoff * this.retryMultiplier), this.retryMaxNanos);
			long resumeAt = System.nanoTime() + delay;
			if (resumeAt - deadline > 0) {
				int count = remaining.size();
				String lastFailure = this.lastError;
				drop(remaining, this.closing ? PublisherMetrics.SHUTDOWN : PublisherMetrics.RETRIES_EXHAUSTED);
				this.exhaustedLog.warn((held) -> "HoneyHive publisher gave up on " + count + " records after "
						+ TimeUnit.NANOSECONDS.toMillis(this.exportTimeoutNanos) + " ms of retries; last failure: "
						+ lastFailure + suppressed(held));
				return;
			}
			if (!pauseUntil(resumeAt)) {
				drop(remaining, PublisherMetrics.SHUTDOWN);
				return;
			}
		}
	}

	private void call(List<Entry> entries) {
		Entry first = entries.get(0);
		switch (first.kind) {
			case SESSION -> this.client.startSession((SessionStartRequest) first.payload);
			case UPDATE -> {
				UpdateEventRequest update = (UpdateEventRequest) first.payload;
				if (this.client instanceof RestEventsClient restClient) {
					restClient.sendUpdateEvent(update);
				}
				else {
					this.client.updateEvent(update);
				}
			}
			case EVENT -> {
				List<CreateEventRequest> events = new ArrayList<>(entries.size());
				for (Entry entry : entries) {
					events.add((CreateEventRequest) entry.payload);
				}
				this.client.createEventBatch(new CreateEventBatchRequest(events, false, null));
			}
		}
	}

	/**
	 * Wait until the given time unless the publisher must stop first.
	 * @return {@code false} if the publisher stops, or closes with a deadline before the
	 * given time
	 */
	private boolean pauseUntil(long resumeAt) {
		this.lock.lock();
		try {
			while (true) {
				if (this.stopped || (this.closing && this.shutdownDeadlineNanos - resumeAt < 0)) {
					return false;
				}
				long wait = resumeAt - System.nanoTime();
				if (wait <= 0) {
					return true;
				}
				try {
					this.wakeUp.awaitNanos(wait);
				}
				catch (InterruptedException ex) {
					if (this.stopped) {
						return false;
					}
				}
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	private static String failureReason(HoneyHiveException ex) {
		if (ex instanceof HoneyHiveApiException apiException) {
			int status = apiException.getStatusCode();
			return (status >= 500) ? "http_5xx" : (status >= 400) ? "http_4xx" : PublisherMetrics.ERROR;
		}
		if (ex instanceof HoneyHiveTransportException transportException) {
			return transportException.isTimeout() ? "timeout" : "io";
		}
		return PublisherMetrics.ERROR;
	}

	private void recordExport(String outcome, long startNanos, int size) {
		try {
			this.metrics.export(outcome, System.nanoTime() - startNanos, size);
		}
		catch (Throwable ex) {
			// Metrics must not stop delivery
		}
	}

	private void recordSuccess() {
		this.consecutiveFailures = 0;
		this.failingSince = null;
		this.lastSuccessTime = Instant.now();
	}

	private void recordFailure(String reason, Throwable ex) {
		Instant now = Instant.now();
		if (this.consecutiveFailures == 0) {
			this.failingSince = now;
		}
		this.consecutiveFailures = this.consecutiveFailures + 1;
		this.lastError = (ex instanceof HoneyHiveException) ? ex.getMessage() : ex.getClass().getName();
		this.lastErrorTime = now;
		try {
			this.metrics.flushFailure(reason);
		}
		catch (Throwable metricsFailure) {
			// Metrics must not stop delivery
		}
	}

	private void delivered(List<Entry> entries) {
		if (entries.isEmpty()) {
			return;
		}
		for (Entry entry : entries) {
			entry.state = DELIVERED;
		}
		try {
			this.metrics.exported(entries.size());
		}
		catch (Throwable ex) {
			// Metrics must not stop delivery
		}
	}

	private void drop(List<Entry> entries, String reason) {
		if (entries.isEmpty()) {
			return;
		}
		for (Entry entry : entries) {
			entry.state = DROPPED;
		}
		if (reason.equals(PublisherMetrics.SHUTDOWN)) {
			this.shutdownDropped.addAndGet(entries.size());
		}
		try {
			this.metrics.dropped(reason, entries.size());
		}
		catch (Throwable ex) {
			// Metrics must not stop delivery
		}
	}

	/**
	 * Mark entries as done (delivered or dropped), release flushes waiting for them.
	 */
	private void finish(List<Entry> entries) {
		if (entries.isEmpty()) {
			return;
		}
		long maxSeq = 0;
		for (Entry entry : entries) {
			maxSeq = Math.max(maxSeq, entry.seq);
		}
		this.lock.lock();
		try {
			for (Entry entry : entries) {
				if (entry.state != DELIVERED) {
					for (FlushRequest request : this.flushRequests) {
						if (request.target >= entry.seq) {
							request.failed = true;
						}
					}
				}
			}
			this.completedSeq = Math.max(this.completedSeq, maxSeq);
			Iterator<FlushRequest> iterator = this.flushRequests.iterator();
			while (iterator.hasNext()) {
				FlushRequest request = iterator.next();
				if (request.target <= this.completedSeq) {
					iterator.remove();
					request.latch.countDown();
				}
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	private static String suppressed(long held) {
		return (held > 0) ? " (" + held + " similar warnings suppressed)" : "";
	}

	@Override
	public String toString() {
		return "BatchingEventPublisher{queueSize=" + this.queueSize + ", maxQueueSize=" + this.maxQueueSize
				+ ", maxBatchSize=" + this.maxBatchSize + ", sending=" + this.sending + ", closing=" + this.closing
				+ "}";
	}

	private enum Kind {

		SESSION, EVENT, UPDATE

	}

	private static final class Entry {

		final Kind kind;

		final Object payload;

		final @Nullable String id;

		final long bytes;

		final long enqueuedNanos;

		long seq;

		// Written by the thread that delivers or drops the entry; read by intercept()
		volatile int state = PENDING;

		Entry(Kind kind, Object payload, @Nullable String id, long bytes, long enqueuedNanos) {
			this.kind = kind;
			this.payload = payload;
			this.id = id;
			this.bytes = bytes;
			this.enqueuedNanos = enqueuedNanos;
		}

	}

	private static final class FlushRequest {

		final long target;

		final CountDownLatch latch = new CountDownLatch(1);

		volatile boolean failed;

		FlushRequest(long target) {
			this.target = target;
		}

	}

	/**
	 * Builder of a {@link BatchingEventPublisher}; the defaults are those of the
	 * {@code honeyhive.publisher.*} properties.
	 */
	public static final class Builder {

		private final EventsClient client;

		private int maxQueueSize = 8192;

		private long maxQueueBytes = 32L * 1024 * 1024;

		private int maxBatchSize = 256;

		private Duration scheduleDelay = Duration.ofSeconds(1);

		private Duration exportTimeout = Duration.ofSeconds(30);

		private Duration shutdownTimeout = Duration.ofSeconds(10);

		private Duration retryInitialInterval = Duration.ofMillis(500);

		private double retryMultiplier = 2.0;

		private Duration retryMaxInterval = Duration.ofSeconds(5);

		private Duration warnInterval = Duration.ofMinutes(1);

		private boolean sending = true;

		private PublisherMetrics metrics = PublisherMetrics.NONE;

		private Builder(EventsClient client) {
			Assert.notNull(client, "'client' must not be null");
			this.client = client;
		}

		/**
		 * Set the most records that may wait in the queue.
		 * @param maxQueueSize the queue's capacity, positive
		 * @return this builder
		 */
		public Builder maxQueueSize(int maxQueueSize) {
			Assert.isTrue(maxQueueSize > 0, "'maxQueueSize' must be positive");
			this.maxQueueSize = maxQueueSize;
			return this;
		}

		/**
		 * Set the largest estimated size of the records waiting in the queue.
		 * @param maxQueueBytes the queue's capacity in bytes, positive
		 * @return this builder
		 */
		public Builder maxQueueBytes(long maxQueueBytes) {
			Assert.isTrue(maxQueueBytes > 0, "'maxQueueBytes' must be positive");
			this.maxQueueBytes = maxQueueBytes;
			return this;
		}

		/**
		 * Set the most records sent in one batch.
		 * @param maxBatchSize the batch size, positive and not above the queue size
		 * @return this builder
		 */
		public Builder maxBatchSize(int maxBatchSize) {
			Assert.isTrue(maxBatchSize > 0, "'maxBatchSize' must be positive");
			this.maxBatchSize = maxBatchSize;
			return this;
		}

		/**
		 * Set the longest time a record waits for its batch to fill.
		 * @param scheduleDelay the delay, positive
		 * @return this builder
		 */
		public Builder scheduleDelay(Duration scheduleDelay) {
			this.scheduleDelay = positive(scheduleDelay, "scheduleDelay");
			return this;
		}

		/**
		 * Set the longest time spent sending one batch, retries included.
		 * @param exportTimeout the timeout, positive
		 * @return this builder
		 */
		public Builder exportTimeout(Duration exportTimeout) {
			this.exportTimeout = positive(exportTimeout, "exportTimeout");
			return this;
		}

		/**
		 * Set the longest time {@link BatchingEventPublisher#close()} waits for the queue
		 * to drain.
		 * @param shutdownTimeout the timeout, positive
		 * @return this builder
		 */
		public Builder shutdownTimeout(Duration shutdownTimeout) {
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
		public Builder retryBackoff(Duration initialInterval, double multiplier, Duration maxInterval) {
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
		public Builder warnInterval(Duration warnInterval) {
			this.warnInterval = positive(warnInterval, "warnInterval");
			return this;
		}

		/**
		 * Set whether to send at all: {@code false} (no API key) counts every record as
		 * dropped with reason {@value PublisherMetrics#NO_API_KEY} and starts no thread.
		 * @param sending whether to send
		 * @return this builder
		 */
		public Builder sending(boolean sending) {
			this.sending = sending;
			return this;
		}

		/**
		 * Set the metrics.
		 * @param metrics the metrics
		 * @return this builder
		 */
		public Builder metrics(PublisherMetrics metrics) {
			Assert.notNull(metrics, "'metrics' must not be null");
			this.metrics = metrics;
			return this;
		}

		/**
		 * Build the publisher and start its worker thread.
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

}
