package ai.honeyhive.spring.publisher;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@link PublisherMetrics} that add up what they are told, by outcome and reason.
 */
class RecordingMetrics implements PublisherMetrics {

	final AtomicLong exported = new AtomicLong();

	final Map<String, AtomicLong> dropped = new ConcurrentHashMap<>();

	final Map<String, AtomicLong> failures = new ConcurrentHashMap<>();

	final Map<String, AtomicLong> exports = new ConcurrentHashMap<>();

	@Override
	public void exported(int count) {
		this.exported.addAndGet(count);
	}

	@Override
	public void dropped(String reason, int count) {
		this.dropped.computeIfAbsent(reason, (key) -> new AtomicLong()).addAndGet(count);
	}

	@Override
	public void flushFailure(String reason) {
		this.failures.computeIfAbsent(reason, (key) -> new AtomicLong()).incrementAndGet();
	}

	@Override
	public void export(String outcome, long durationNanos, int batchSize) {
		this.exports.computeIfAbsent(outcome, (key) -> new AtomicLong()).incrementAndGet();
	}

	long dropped(String reason) {
		AtomicLong value = this.dropped.get(reason);
		return (value != null) ? value.get() : 0;
	}

	long totalDropped() {
		return this.dropped.values().stream().mapToLong(AtomicLong::get).sum();
	}

	long failures(String reason) {
		AtomicLong value = this.failures.get(reason);
		return (value != null) ? value.get() : 0;
	}

}
