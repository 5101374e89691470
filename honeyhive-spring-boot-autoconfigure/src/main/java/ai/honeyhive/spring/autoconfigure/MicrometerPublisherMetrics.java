package ai.honeyhive.spring.autoconfigure;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import ai.honeyhive.spring.publisher.DropReason;
import ai.honeyhive.spring.publisher.ExportOutcome;
import ai.honeyhive.spring.publisher.FailureKind;
import ai.honeyhive.spring.publisher.PublisherMetrics;

import org.springframework.util.Assert;

/**
 * {@link PublisherMetrics} recorded in a Micrometer {@link MeterRegistry}.
 *
 * @since 0.1.0
 */
public final class MicrometerPublisherMetrics implements PublisherMetrics {

	static final String EVENTS = "honeyhive.publisher.events";

	static final String FLUSH_FAILURES = "honeyhive.publisher.flush.failures";

	static final String EXPORT = "honeyhive.publisher.export";

	static final String BATCH_SIZE = "honeyhive.publisher.batch.size";

	static final String QUEUE_SIZE = "honeyhive.publisher.queue.size";

	static final String QUEUE_CAPACITY = "honeyhive.publisher.queue.capacity";

	private final MeterRegistry registry;

	private final Counter exported;

	private final Map<DropReason, Counter> dropped = new EnumMap<>(DropReason.class);

	private final Map<FailureKind, Counter> failures = new EnumMap<>(FailureKind.class);

	private final Map<ExportOutcome, Timer> exports = new EnumMap<>(ExportOutcome.class);

	private final DistributionSummary batchSize;

	/**
	 * Create metrics recorded in the given registry.
	 * @param registry the registry
	 */
	public MicrometerPublisherMetrics(MeterRegistry registry) {
		Assert.notNull(registry, "'registry' must not be null");
		this.registry = registry;
		this.exported = Counter.builder(EVENTS)
			.description("Records the HoneyHive publisher delivered or dropped")
			.tag("outcome", "exported")
			.tag("reason", "none")
			.register(registry);
		// Every meter is registered up front: dashboards show 0 rather than no data, the
		// maps are only read afterwards, and a drop counted during shutdown lands on a
		// registered meter (Boot closes meter registries before the publisher stops, and
		// a meter first registered on a closed registry is a no-op).
		for (DropReason reason : DropReason.values()) {
			this.dropped.put(reason,
					Counter.builder(EVENTS)
						.description("Records the HoneyHive publisher delivered or dropped")
						.tag("outcome", "dropped")
						.tag("reason", reason.tagValue())
						.register(registry));
		}
		for (FailureKind kind : FailureKind.values()) {
			this.failures.put(kind,
					Counter.builder(FLUSH_FAILURES)
						.description("Failed calls of the HoneyHive publisher to the API")
						.tag("reason", kind.tagValue())
						.register(registry));
		}
		for (ExportOutcome outcome : ExportOutcome.values()) {
			this.exports.put(outcome,
					Timer.builder(EXPORT)
						.description("Calls of the HoneyHive publisher to the API")
						.tag("outcome", outcome.tagValue())
						.register(registry));
		}
		this.batchSize = DistributionSummary.builder(BATCH_SIZE)
			.description("Records per call to the HoneyHive API")
			.register(registry);
	}

	@Override
	public void bindQueue(IntSupplier size, int capacity) {
		Gauge.builder(QUEUE_SIZE, size::getAsInt)
			.description("Records waiting in the HoneyHive publisher's queue")
			.register(this.registry);
		Gauge.builder(QUEUE_CAPACITY, () -> capacity)
			.description("Capacity of the HoneyHive publisher's queue in records")
			.register(this.registry);
	}

	@Override
	public void exported(int count) {
		this.exported.increment(count);
	}

	@Override
	public void dropped(DropReason reason, int count) {
		this.dropped.get(reason).increment(count);
	}

	@Override
	public void flushFailure(FailureKind kind) {
		this.failures.get(kind).increment();
	}

	@Override
	public void export(ExportOutcome outcome, long durationNanos, int batchSize) {
		this.exports.get(outcome).record(durationNanos, TimeUnit.NANOSECONDS);
		this.batchSize.record(batchSize);
	}

}
