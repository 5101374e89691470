package ai.honeyhive.spring.publisher;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * Counts the records accepted and not yet settled (delivered or dropped), and releases
 * each flush once every record accepted before it has settled. Records settle out of
 * order, since several calls are in flight. Not thread-safe: guarded by the
 * {@link RecordQueue}'s lock.
 */
final class Flushes {

	private final List<Request> requests = new ArrayList<>();

	private long outstanding;

	private long lastSeq;

	/** Number a newly accepted record. */
	void accepted(Record record) {
		record.seq = ++this.lastSeq;
		this.outstanding++;
	}

	/** The sequence number of the last record accepted. */
	long lastSeq() {
		return this.lastSeq;
	}

	void settled(Record record, boolean delivered) {
		record.done = true;
		this.outstanding--;
		if (this.requests.isEmpty()) {
			return;
		}
		Iterator<Request> iterator = this.requests.iterator();
		while (iterator.hasNext()) {
			Request request = iterator.next();
			if (record.seq <= request.target) {
				request.failed |= !delivered;
				if (--request.remaining <= 0) {
					iterator.remove();
					request.done.countDown();
				}
			}
		}
	}

	/** Register a flush of everything accepted so far, or {@code null} if all settled. */
	@Nullable Request register() {
		if (this.outstanding <= 0) {
			return null;
		}
		Request request = new Request(this.lastSeq, this.outstanding);
		this.requests.add(request);
		return request;
	}

	void cancel(Request request) {
		this.requests.remove(request);
	}

	/**
	 * A flush waiting for the records accepted before it.
	 */
	static final class Request {

		final long target;

		private final CountDownLatch done = new CountDownLatch(1);

		private long remaining;

		private volatile boolean failed;

		Request(long target, long remaining) {
			this.target = target;
			this.remaining = remaining;
		}

		boolean await(long timeoutNanos) throws InterruptedException {
			return this.done.await(timeoutNanos, TimeUnit.NANOSECONDS);
		}

		/** Whether a record it waited for was dropped. */
		boolean failed() {
			return this.failed;
		}

	}

}
