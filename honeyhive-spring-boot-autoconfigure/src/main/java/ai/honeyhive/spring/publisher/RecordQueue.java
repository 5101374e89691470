package ai.honeyhive.spring.publisher;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.jspecify.annotations.Nullable;

import ai.honeyhive.spring.client.CreateEventRequest;
import ai.honeyhive.spring.client.SessionStartRequest;
import ai.honeyhive.spring.client.UpdateEventRequest;

/**
 * The publisher's queue: records in the order they were handed over, bounded by count and
 * by estimated bytes, with what keeps them in a valid order on the server while several
 * calls are in flight.
 * <ul>
 * <li>An update whose target is still queued is merged into it; one whose target is being
 * sent waits for the target's acknowledgement; only an update of a record already on the
 * server (or unknown to the publisher) is queued as a call of its own.</li>
 * <li>A batch never carries an event ahead of its session: an event whose session is
 * queued behind the batch or being sent in another call waits until the session is
 * acknowledged.</li>
 * </ul>
 * Everything is guarded by one lock; the hand-over path takes it once.
 */
final class RecordQueue {

	/** How far past the first record a batch looks for records that may join it. */
	private static final int SCAN_FACTOR = 4;

	private final ReentrantLock lock = new ReentrantLock();

	/** Signalled when a sender may have something to do, or a pause or state changed. */
	private final Condition changed = this.lock.newCondition();

	private final Pacing pacing = new Pacing(this.lock, this.changed);

	private final int maxRecords;

	private final long maxBytes;

	private final int maxBatchSize;

	private final long maxBatchBytes;

	private final long scheduleDelayNanos;

	private final InFlight inFlight = new InFlight();

	private final Flushes flushes = new Flushes();

	private final RecordList queued = new RecordList();

	private long flushUpTo;

	private boolean batchSessions;

	RecordQueue(int maxRecords, long maxBytes, int maxBatchSize, long maxBatchBytes, long scheduleDelayNanos,
			boolean batchSessions) {
		this.maxRecords = maxRecords;
		this.maxBytes = maxBytes;
		this.maxBatchSize = maxBatchSize;
		this.maxBatchBytes = maxBatchBytes;
		this.scheduleDelayNanos = scheduleDelayNanos;
		this.batchSessions = batchSessions;
	}

	/**
	 * Take a record: queue it, merge it into its target or attach it to its target being
	 * sent.
	 * @return {@code null} if it was taken, else the drop reason
	 */
	@Nullable DropReason offer(Record record) {
		this.lock.lock();
		try {
			if (this.pacing.isClosing()) {
				return DropReason.SHUTDOWN;
			}
			if (record.kind == Record.Kind.UPDATE) {
				Outcome outcome = mergeUpdate(record);
				if (outcome != Outcome.NOT_FOUND) {
					return (outcome == Outcome.FULL) ? DropReason.QUEUE_FULL : null;
				}
			}
			if (this.queued.size() >= this.maxRecords || this.queued.bytes() + record.bytes > this.maxBytes) {
				return DropReason.QUEUE_FULL;
			}
			this.flushes.accepted(record);
			record.enqueuedNanos = System.nanoTime();
			this.queued.addLast(record);
			int size = this.queued.size();
			if (size == 1 || size == this.maxBatchSize) {
				this.changed.signal();
			}
			return null;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Merge an update into its target if the target is queued or being sent; never queue
	 * it as a call of its own.
	 */
	Outcome takeOver(Record update) {
		this.lock.lock();
		try {
			if (this.pacing.isClosing()) {
				return Outcome.CLOSED;
			}
			return mergeUpdate(update);
		}
		finally {
			this.lock.unlock();
		}
	}

	private Outcome mergeUpdate(Record update) {
		Record target = this.queued.session(update.id);
		if (target != null) {
			// A resumed session's start is merged by the server into the session of its
			// id; its end goes as an update, whose merge keeps what earlier turns set
			return target.resumed ? defer(target, update) : mergeInto(target, update);
		}
		target = this.inFlight.session(update.id);
		if (target != null) {
			return defer(target, update);
		}
		for (Record record = this.queued.tail(); record != null; record = record.prev) {
			if (record.kind != Record.Kind.SESSION && record.id.equals(update.id)) {
				return mergeInto(record, update);
			}
		}
		target = this.inFlight.event(update.id);
		if (target != null) {
			return defer(target, update);
		}
		return Outcome.NOT_FOUND;
	}

	private Outcome mergeInto(Record target, Record update) {
		if (this.queued.bytes() + update.bytes > this.maxBytes) {
			return Outcome.FULL;
		}
		UpdateEventRequest changes = (UpdateEventRequest) update.payload;
		if (target.payload instanceof CreateEventRequest event) {
			target.payload = Updates.merge(event, changes);
		}
		else if (target.payload instanceof SessionStartRequest session) {
			target.payload = Updates.merge(session, changes);
		}
		else {
			target.payload = Updates.merge((UpdateEventRequest) target.payload, changes);
		}
		this.queued.grew(target, update.bytes);
		target.merged += update.weight();
		return Outcome.MERGED;
	}

	private Outcome defer(Record target, Record update) {
		List<Record> deferred = target.deferred;
		if (deferred != null && !deferred.isEmpty()) {
			Record first = deferred.get(0);
			first.payload = Updates.merge((UpdateEventRequest) first.payload, (UpdateEventRequest) update.payload);
			first.merged += update.weight();
			return Outcome.MERGED;
		}
		this.flushes.accepted(update);
		update.enqueuedNanos = System.nanoTime();
		target.defer(update);
		return Outcome.MERGED;
	}

	/** Whether a session goes by {@code POST /session/start} rather than in a batch. */
	private boolean isStartCall(Record record) {
		return record.kind == Record.Kind.SESSION && (record.resumed || !this.batchSessions);
	}

	/**
	 * Whether the record is sent alone (an update, a session started by its own call).
	 */
	private boolean isSingle(Record record) {
		return record.kind == Record.Kind.UPDATE || isStartCall(record);
	}

	/**
	 * Wait for the next call to make: records that may travel together now, in order.
	 * @return the records, or {@code null} when the publisher stops
	 */
	@Nullable List<Record> take() throws InterruptedException {
		this.lock.lock();
		try {
			while (true) {
				if (this.pacing.isStoppedUnlocked()) {
					return null;
				}
				long now = System.nanoTime();
				long pause = this.pacing.pauseLeft(now);
				if (pause > 0) {
					this.changed.awaitNanos(pause);
					continue;
				}
				boolean closing = this.pacing.isClosing();
				Record first = this.queued.head();
				if (first == null) {
					if (closing) {
						return null;
					}
					this.changed.await();
					continue;
				}
				boolean due = closing || this.queued.size() >= this.maxBatchSize
						|| this.queued.bytes() >= this.maxBatchBytes || this.flushUpTo >= first.seq
						|| now - first.enqueuedNanos >= this.scheduleDelayNanos;
				if (due) {
					List<Record> call = collect();
					if (call != null) {
						this.inFlight.callStarted(call);
						return call;
					}
					// Everything that may go is waiting for an acknowledgement
					this.changed.await();
					continue;
				}
				this.changed.awaitNanos(first.enqueuedNanos + this.scheduleDelayNanos - now);
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	private @Nullable List<Record> collect() {
		int scanLimit = this.maxBatchSize * SCAN_FACTOR;
		// Calls of one record first: a session's start unblocks its events, so that the
		// batch after it carries the events of every session started meanwhile
		int scanned = 0;
		for (Record record = this.queued.head(); record != null && scanned++ < scanLimit; record = record.next) {
			// One call at a time per target: two updates of one record, or a resumed
			// session's start and an update of it, never overtake each other
			if (isSingle(record) && !this.inFlight.isBusy(record.id)) {
				take(record);
				return List.of(record);
			}
		}
		List<Record> batch = null;
		Set<String> batchSessions = null;
		long batchBytes = 0;
		scanned = 0;
		Record record = this.queued.head();
		while (record != null && scanned++ < scanLimit) {
			Record next = record.next;
			if (!isSingle(record) && !waitsForSession(record, batchSessions)) {
				if (batch == null) {
					batch = new ArrayList<>(Math.min(this.queued.size(), this.maxBatchSize));
				}
				else if (batch.size() >= this.maxBatchSize || batchBytes + record.bytes > this.maxBatchBytes) {
					break;
				}
				take(record);
				batch.add(record);
				batchBytes += record.bytes;
				if (record.kind == Record.Kind.SESSION) {
					if (batchSessions == null) {
						batchSessions = new HashSet<>();
					}
					batchSessions.add(record.id);
				}
			}
			record = next;
		}
		return batch;
	}

	private boolean waitsForSession(Record record, @Nullable Set<String> batchSessions) {
		String sessionId = record.sessionId;
		if (record.kind != Record.Kind.EVENT || sessionId == null
				|| (batchSessions != null && batchSessions.contains(sessionId))) {
			return false;
		}
		return this.inFlight.hasSession(sessionId) || this.queued.hasSession(sessionId);
	}

	private void take(Record record) {
		this.queued.remove(record);
		this.inFlight.taken(record);
	}

	/**
	 * Settle records of a call: delivered or dropped. Updates that waited for a delivered
	 * record are queued; those of a dropped one are dropped with it.
	 * @return the updates dropped with their targets
	 */
	List<Record> finish(List<Record> records, boolean delivered) {
		if (records.isEmpty()) {
			return List.of();
		}
		List<Record> droppedUpdates = List.of();
		this.lock.lock();
		try {
			for (Record record : records) {
				this.inFlight.released(record);
				this.flushes.settled(record, delivered);
				List<Record> deferred = record.deferred;
				record.deferred = null;
				if (deferred != null) {
					for (Record update : deferred) {
						if (delivered) {
							this.queued.addLast(update);
						}
						else {
							if (droppedUpdates.isEmpty()) {
								droppedUpdates = new ArrayList<>();
							}
							droppedUpdates.add(update);
							this.flushes.settled(update, false);
						}
					}
				}
			}
			this.changed.signalAll();
		}
		finally {
			this.lock.unlock();
		}
		return droppedUpdates;
	}

	/** A call ended: its records no longer count as being sent. */
	void callEnded(List<Record> call) {
		this.lock.lock();
		try {
			this.inFlight.callEnded(call);
			this.changed.signalAll();
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Put records of a call back at the head of the queue, in order, to be sent again
	 * (after the session transport changed). They keep their place in the bounds.
	 */
	void requeue(List<Record> records) {
		this.lock.lock();
		try {
			for (int i = records.size() - 1; i >= 0; i--) {
				Record record = records.get(i);
				this.inFlight.released(record);
				this.queued.addFirst(record);
			}
			this.changed.signalAll();
		}
		finally {
			this.lock.unlock();
		}
	}

	/** Send sessions by {@code POST /session/start} from now on. */
	void startSessionsByCall() {
		this.lock.lock();
		try {
			this.batchSessions = false;
			this.changed.signalAll();
		}
		finally {
			this.lock.unlock();
		}
	}

	boolean isBatchingSessions() {
		this.lock.lock();
		try {
			return this.batchSessions;
		}
		finally {
			this.lock.unlock();
		}
	}

	Pacing pacing() {
		return this.pacing;
	}

	/**
	 * Empty the queue, for a publisher that stopped with records left.
	 * @return the records that were queued, and the updates waiting on them
	 */
	List<Record> drain() {
		this.lock.lock();
		try {
			List<Record> left = new ArrayList<>(this.queued.size());
			while (this.queued.head() != null) {
				Record record = this.queued.head();
				this.queued.remove(record);
				left.add(record);
				this.flushes.settled(record, false);
				if (record.deferred != null) {
					for (Record update : record.deferred) {
						left.add(update);
						this.flushes.settled(update, false);
					}
					record.deferred = null;
				}
			}
			return left;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Register a flush of everything accepted so far.
	 * @return the request, or {@code null} if nothing is outstanding
	 */
	Flushes.@Nullable Request flush() {
		this.lock.lock();
		try {
			Flushes.Request request = this.flushes.register();
			if (request == null) {
				return null;
			}
			this.flushUpTo = Math.max(this.flushUpTo, request.target);
			this.changed.signalAll();
			return request;
		}
		finally {
			this.lock.unlock();
		}
	}

	void cancel(Flushes.Request request) {
		this.lock.lock();
		try {
			this.flushes.cancel(request);
		}
		finally {
			this.lock.unlock();
		}
	}

	int size() {
		return this.queued.sizeView();
	}

	long bytes() {
		this.lock.lock();
		try {
			return this.queued.bytes();
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * What became of an update handed to {@link #takeOver}.
	 */
	enum Outcome {

		/** Merged into its target, or waiting for the target's acknowledgement. */
		MERGED,

		/** Its target is queued, but the queue has no room for it. */
		FULL,

		/** Its target is neither queued nor being sent. */
		NOT_FOUND,

		/** The publisher is closing. */
		CLOSED

	}

}
