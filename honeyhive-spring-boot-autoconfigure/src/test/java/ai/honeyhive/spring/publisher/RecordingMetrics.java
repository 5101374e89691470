package ai.honeyhive.spring.publisher;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@link PublisherMetrics} that add up what they are told, by outcome and reason.
 */
class RecordingMetrics implements PublisherMetrics {

	final AtomicLong exported = new AtomicLong();

	final Map<DropReason, AtomicLong> dropped = new ConcurrentHashMap<>();

	final Map<FailureKind, AtomicLong> failures = new ConcurrentHashMap<>();

	final Map<ExportOutcome, AtomicLong> exports = new ConcurrentHashMap<>();

	@Override
	public void exported(int count) {
		this.exported.addAndGet(count);
	}

	@Override
	public void dropped(DropReason reason, int count) {
		this.dropped.computeIfAbsent(reason, (key) -> new AtomicLong()).addAndGet(count);
	}

	@Override
	public void flushFailure(FailureKind kind) {
		this.failures.computeIfAbsent(kind, (key) -> new AtomicLong()).incrementAndGet();
	}

	@Override
	public void export(ExportOutcome outcome, long durationNanos, int batchSize) {
		this.exports.computeIfAbsent(outcome, (key) -> new AtomicLong()).incrementAndGet();
	}

	long dropped(DropReason reason) {
		AtomicLong value = this.dropped.get(reason);
		return (value != null) ? value.get() : 0;
	}

	long totalDropped() {
		return this.dropped.values().stream().mapToLong(AtomicLong::get).sum();
	}

	long failures(FailureKind kind) {
		AtomicLong value = this.failures.get(kind);
		return (value != null) ? value.get() : 0;
	}

}
