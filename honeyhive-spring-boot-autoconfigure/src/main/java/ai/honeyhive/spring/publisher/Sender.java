package ai.honeyhive.spring.publisher;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import ai.honeyhive.spring.client.CreateEventBatchRequest;
import ai.honeyhive.spring.client.CreateEventRequest;
import ai.honeyhive.spring.client.EventsClient;
import ai.honeyhive.spring.client.HoneyHiveApiException;
import ai.honeyhive.spring.client.HoneyHiveConfigurationException;
import ai.honeyhive.spring.client.HoneyHiveException;
import ai.honeyhive.spring.client.HoneyHivePartialBatchException;
import ai.honeyhive.spring.client.HoneyHiveTransportException;
import ai.honeyhive.spring.client.SessionStartRequest;
import ai.honeyhive.spring.client.UpdateEventRequest;

/**
 * Makes the calls: takes the next call's records from the {@link RecordQueue}, sends them
 * with one attempt of the client per try, and owns every retry. A batch is retried with
 * exponential backoff for at most {@code exportTimeout}; a {@code Retry-After} pauses
 * every sender and does not count against that time. A batch the server refuses as
 * invalid is narrowed down (the rest resent, the batch split) until the bad records are
 * found and counted {@code rejected}. Several senders run at once, one per thread.
 */
final class Sender {

	private static final Log logger = LogFactory.getLog(BatchingEventPublisher.class);

	private final EventsClient client;

	private final RecordQueue queue;

	private final PublisherMetrics metrics;

	private final DeliveryHealth health;

	private final long exportTimeoutNanos;

	private final long retryInitialNanos;

	private final double retryMultiplier;

	private final long retryMaxNanos;

	private final AtomicLong shutdownDropped;

	private final Logs logs;

	Sender(EventsClient client, RecordQueue queue, PublisherMetrics metrics, DeliveryHealth health,
			long exportTimeoutNanos, long retryInitialNanos, double retryMultiplier, long retryMaxNanos,
			AtomicLong shutdownDropped, Logs logs) {
		this.client = client;
		this.queue = queue;
		this.metrics = metrics;
		this.health = health;
		this.exportTimeoutNanos = exportTimeoutNanos;
		this.retryInitialNanos = retryInitialNanos;
		this.retryMultiplier = retryMultiplier;
		this.retryMaxNanos = retryMaxNanos;
		this.shutdownDropped = shutdownDropped;
		this.logs = logs;
	}

	/** The body of a sender thread: make calls until the queue stops. */
	void run() {
		while (true) {
			List<Record> call;
			try {
				call = this.queue.take();
			}
			catch (InterruptedException ex) {
				if (this.queue.pacing().isStopped()) {
					return;
				}
				continue;
			}
			if (call == null) {
				return;
			}
			try {
				send(call);
			}
			catch (Throwable ex) {
				// Never let a sender die: the caller's records would pile up silently.
				List<Record> unsettled = new ArrayList<>();
				for (Record record : call) {
					if (!record.settled) {
						unsettled.add(record);
					}
				}
				this.logs.error.warn(weight(unsettled), (inAll, held) -> "HoneyHive publisher failed while sending: "
						+ ex + "; " + inAll + " records lost since the last warning" + suppressed(held));
				drop(unsettled, DropReason.ERROR);
			}
			finally {
				this.queue.callEnded(call);
			}
		}
	}

	private void send(List<Record> call) {
		Deque<List<Record>> parts = new ArrayDeque<>();
		parts.add(call);
		long deadline = System.nanoTime() + this.exportTimeoutNanos;
		long backoff = this.retryInitialNanos;
		while (!parts.isEmpty()) {
			List<Record> part = parts.peekFirst();
			long retryAfterNanos = 0;
			long start = System.nanoTime();
			try {
				invoke(part);
				parts.pollFirst();
				export(ExportOutcome.SUCCESS, start, part.size());
				this.health.success();
				delivered(part);
				backoff = this.retryInitialNanos;
				continue;
			}
			catch (HoneyHivePartialBatchException ex) {
				export(ExportOutcome.PARTIAL, start, part.size());
				failure(FailureKind.PARTIAL, ex);
				parts.pollFirst();
				List<Record> missing = settlePartial(part, ex);
				if (missing.isEmpty()) {
					continue;
				}
				if (missing.size() < part.size()) {
					// Progress: send the rest at once
					parts.addFirst(missing);
					continue;
				}
				if (isValidationFailure(ex)) {
					narrow(missing, parts, ex);
					continue;
				}
				parts.addFirst(missing);
				retryAfterNanos = retryAfter(ex);
			}
			catch (HoneyHiveConfigurationException ex) {
				export(ExportOutcome.FAILURE, start, part.size());
				this.logs.noApiKey.warn(weight(parts),
						(inAll, held) -> "HoneyHive events are not sent: " + ex.getMessage());
				dropAll(parts, DropReason.NO_API_KEY);
				return;
			}
			catch (HoneyHiveException ex) {
				export(ExportOutcome.FAILURE, start, part.size());
				failure(failureReason(ex), ex);
				if (!ex.isRetryable()) {
					parts.pollFirst();
					if (ex instanceof HoneyHiveApiException api && isInvalidRequest(api.getStatusCode())) {
						if (refusesSessionRecords(part, api)) {
							this.queue.requeue(part);
							continue;
						}
						narrow(part, parts, ex);
						continue;
					}
					parts.addFirst(part);
					int lost = weight(parts);
					this.logs.rejected.warn(lost, (inAll, held) -> "HoneyHive rejected " + lost + " records (" + inAll
							+ " since the last warning), dropped them: " + ex.getMessage() + suppressed(held));
					dropAll(parts, DropReason.REJECTED);
					return;
				}
				retryAfterNanos = retryAfter(ex);
			}
			catch (Throwable ex) {
				// Not an answer of the server: a record that cannot be written, or a bug.
				export(ExportOutcome.FAILURE, start, part.size());
				failure(FailureKind.ERROR, ex);
				parts.pollFirst();
				if (part.size() > 1) {
					split(part, parts);
					continue;
				}
				this.logs.error.warn(weight(part), (inAll, held) -> "HoneyHive publisher could not send a record, "
						+ "dropped it (" + inAll + " since the last warning): " + ex + suppressed(held));
				drop(part, DropReason.ERROR);
				continue;
			}
			long jittered = (long) (backoff * (0.9 + 0.2 * ThreadLocalRandom.current().nextDouble()));
			backoff = Math.min((long) (backoff * this.retryMultiplier), this.retryMaxNanos);
			long now = System.nanoTime();
			if (retryAfterNanos > 0) {
				// The server asked for a pause: every sender holds, and the pause does
				// not
				// count against this batch's time
				this.queue.pacing().pauseUntil(now + retryAfterNanos);
				deadline += retryAfterNanos;
			}
			long resumeAt = now + Math.max(jittered, retryAfterNanos);
			if (resumeAt - deadline > 0) {
				String lastFailure = this.health.lastError();
				int lost = weight(parts);
				this.logs.exhausted.warn(lost,
						(inAll, held) -> "HoneyHive publisher gave up on " + lost + " records after "
								+ TimeUnit.NANOSECONDS.toMillis(this.exportTimeoutNanos) + " ms of retries (" + inAll
								+ " since the last warning); last failure: " + lastFailure + suppressed(held));
				dropAll(parts, DropReason.RETRIES_EXHAUSTED);
				return;
			}
			long paused = this.queue.pacing().awaitResume(resumeAt);
			if (paused < 0) {
				dropAll(parts, DropReason.SHUTDOWN);
				return;
			}
			deadline += paused;
		}
	}

	private void invoke(List<Record> part) {
		Record first = part.get(0);
		if (part.size() == 1 && first.kind == Record.Kind.UPDATE) {
			this.client.updateEvent((UpdateEventRequest) first.payload);
			return;
		}
		if (part.size() == 1 && first.kind == Record.Kind.SESSION
				&& (first.resumed || !this.queue.isBatchingSessions())) {
			this.client.startSession((SessionStartRequest) first.payload);
			return;
		}
		List<CreateEventRequest> events = new ArrayList<>(part.size());
		for (Record record : part) {
			events.add((record.payload instanceof SessionStartRequest session) ? Updates.asEvent(session)
					: (CreateEventRequest) record.payload);
		}
		this.client.createEventBatch(new CreateEventBatchRequest(events, false, null));
	}

	private List<Record> settlePartial(List<Record> part, HoneyHivePartialBatchException ex) {
		Set<String> created = new HashSet<>(ex.getEventIds());
		List<Record> landed = new ArrayList<>();
		List<Record> missing = new ArrayList<>();
		for (Record record : part) {
			(created.contains(record.id) ? landed : missing).add(record);
		}
		delivered(landed);
		return missing;
	}

	/**
	 * Find the records the server refuses: split the part until each refused record is
	 * alone, then count it rejected.
	 */
	private void narrow(List<Record> part, Deque<List<Record>> parts, Exception ex) {
		if (part.size() > 1) {
			split(part, parts);
			return;
		}
		int lost = weight(part);
		this.logs.rejected.warn(lost, (inAll, held) -> "HoneyHive rejected " + lost + " records (" + inAll
				+ " since the last warning), dropped them: " + ex.getMessage() + suppressed(held));
		drop(part, DropReason.REJECTED);
	}

	private static void split(List<Record> part, Deque<List<Record>> parts) {
		int half = part.size() / 2;
		parts.addFirst(new ArrayList<>(part.subList(half, part.size())));
		parts.addFirst(new ArrayList<>(part.subList(0, half)));
	}

	/**
	 * Whether the server refused a batch because it holds {@code session} records, which
	 * an older server does not take in batches: then sessions go by
	 * {@code POST /session/start} for the rest of the run.
	 */
	private boolean refusesSessionRecords(List<Record> part, HoneyHiveApiException ex) {
		if (!this.queue.isBatchingSessions() || ex.getStatusCode() != 400) {
			return false;
		}
		boolean hasSession = false;
		for (Record record : part) {
			hasSession |= record.kind == Record.Kind.SESSION && !record.resumed;
		}
		String message = String.valueOf(ex.getMessage()).toLowerCase(Locale.ROOT);
		if (!hasSession || !message.contains("session")) {
			return false;
		}
		this.queue.startSessionsByCall();
		if (logger.isWarnEnabled()) {
			logger.warn("HoneyHive refused session records in a batch (" + ex.getMessage() + "): sessions are now "
					+ "started by POST /session/start for the rest of the run, and the refused records are sent "
					+ "again. Set honeyhive.publisher.session-transport=start-endpoint to choose this from the start");
		}
		return true;
	}

	private static boolean isInvalidRequest(int status) {
		return status == 400 || status == 413 || status == 422;
	}

	private static boolean isValidationFailure(HoneyHivePartialBatchException ex) {
		for (String error : ex.getErrors()) {
			String text = String.valueOf(error).toLowerCase(Locale.ROOT);
			if (text.contains("valid") || text.contains("required") || text.contains("schema")
					|| text.contains("expected") || text.contains("must")) {
				return true;
			}
		}
		return false;
	}

	private static long retryAfter(HoneyHiveException ex) {
		if (ex instanceof HoneyHiveApiException api && api.getRetryAfter() != null) {
			return Math.max(0, api.getRetryAfter().toNanos());
		}
		return 0;
	}

	private static FailureKind failureReason(HoneyHiveException ex) {
		if (ex instanceof HoneyHiveApiException api) {
			int status = api.getStatusCode();
			return (status >= 500) ? FailureKind.HTTP_5XX : (status >= 400) ? FailureKind.HTTP_4XX : FailureKind.ERROR;
		}
		if (ex instanceof HoneyHiveTransportException transport) {
			return transport.isTimeout() ? FailureKind.TIMEOUT : FailureKind.IO;
		}
		return FailureKind.ERROR;
	}

	private void failure(FailureKind reason, Throwable ex) {
		this.health.failure(ex);
		try {
			this.metrics.flushFailure(reason);
		}
		catch (Throwable metricsFailure) {
			// Metrics must not stop delivery
		}
	}

	private void export(ExportOutcome outcome, long startNanos, int size) {
		try {
			this.metrics.export(outcome, System.nanoTime() - startNanos, size);
		}
		catch (Throwable ex) {
			// Metrics must not stop delivery
		}
	}

	private void delivered(List<Record> records) {
		if (records.isEmpty()) {
			return;
		}
		int count = 0;
		for (Record record : records) {
			record.settled = true;
			count += record.weight();
		}
		// Counted before the records are settled, so that a flush that returns sees them
		try {
			this.metrics.exported(count);
		}
		catch (Throwable ex) {
			// Metrics must not stop delivery
		}
		this.queue.finish(records, true);
	}

	private static int weight(List<Record> records) {
		int weight = 0;
		for (Record record : records) {
			weight += record.weight();
		}
		return weight;
	}

	private static int weight(Deque<List<Record>> parts) {
		int weight = 0;
		for (List<Record> part : parts) {
			weight += weight(part);
		}
		return weight;
	}

	private int dropAll(Deque<List<Record>> parts, DropReason reason) {
		List<Record> all = new ArrayList<>();
		for (List<Record> part : parts) {
			all.addAll(part);
		}
		parts.clear();
		return drop(all, reason);
	}

	/**
	 * Count records as dropped, with the updates that waited for them.
	 * @return how many records were dropped
	 */
	int drop(List<Record> records, DropReason reason) {
		return dropRecords(records, reason, this.queue, this.metrics, this.shutdownDropped);
	}

	static int dropRecords(List<Record> records, DropReason reason, RecordQueue queue, PublisherMetrics metrics,
			AtomicLong shutdownDropped) {
		if (records.isEmpty()) {
			return 0;
		}
		int count = 0;
		for (Record record : records) {
			record.settled = true;
			count += record.weight();
		}
		// Counted before the records are settled, so that a flush that returns sees them
		countDropped(reason, count, metrics, shutdownDropped);
		int updates = 0;
		for (Record update : queue.finish(records, false)) {
			updates += update.weight();
		}
		countDropped(reason, updates, metrics, shutdownDropped);
		return count + updates;
	}

	private static void countDropped(DropReason reason, int count, PublisherMetrics metrics,
			AtomicLong shutdownDropped) {
		if (count == 0) {
			return;
		}
		if (reason == DropReason.SHUTDOWN) {
			shutdownDropped.addAndGet(count);
		}
		try {
			metrics.dropped(reason, count);
		}
		catch (Throwable ex) {
			// Metrics must not stop delivery
		}
	}

	static String suppressed(long held) {
		return (held > 0) ? " (" + held + " similar warnings suppressed)" : "";
	}

	/**
	 * The publisher's rate-limited warnings, one per kind.
	 */
	record Logs(RateLimitedLog rejected, RateLimitedLog exhausted, RateLimitedLog error, RateLimitedLog queueFull,
			RateLimitedLog noApiKey) {

		static Logs create(Log logger, long intervalNanos) {
			return new Logs(new RateLimitedLog(logger, intervalNanos), new RateLimitedLog(logger, intervalNanos),
					new RateLimitedLog(logger, intervalNanos), new RateLimitedLog(logger, intervalNanos),
					new RateLimitedLog(logger, Long.MAX_VALUE / 2));
		}

	}

}
