package ai.honeyhive.spring.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import ai.honeyhive.spring.publisher.BatchingEventPublisher;
import ai.honeyhive.spring.publisher.EventPublisher;
import ai.honeyhive.spring.publisher.PublisherStatus;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.util.Assert;

/**
 * Reports whether the HoneyHive publisher's batches get through: UP while they do, DOWN
 * after {@value #DEFAULT_FAILURE_THRESHOLD} failed calls in a row, UNKNOWN when nothing
 * is sent (no API key, or a publisher that is not batching). Telemetry failing is no
 * reason to restart an application: do not use this indicator as a liveness probe.
 *
 * @since 0.1.0
 */
public final class HoneyHiveHealthIndicator implements HealthIndicator {

	/** Failed calls in a row after which the indicator reports DOWN. */
	public static final int DEFAULT_FAILURE_THRESHOLD = 3;

	private final Supplier<@Nullable EventPublisher> publisher;

	private final int failureThreshold;

	/**
	 * Create an indicator of the given publisher.
	 * @param publisher the publisher
	 */
	public HoneyHiveHealthIndicator(EventPublisher publisher) {
		this(publisher, DEFAULT_FAILURE_THRESHOLD);
	}

	/**
	 * Create an indicator of the given publisher.
	 * @param publisher the publisher
	 * @param failureThreshold failed calls in a row after which the indicator reports
	 * DOWN
	 */
	public HoneyHiveHealthIndicator(EventPublisher publisher, int failureThreshold) {
		this(supplierOf(publisher), failureThreshold);
	}

	HoneyHiveHealthIndicator(Supplier<@Nullable EventPublisher> publisher, int failureThreshold) {
		Assert.isTrue(failureThreshold > 0, "'failureThreshold' must be positive");
		this.publisher = publisher;
		this.failureThreshold = failureThreshold;
	}

	private static Supplier<@Nullable EventPublisher> supplierOf(EventPublisher publisher) {
		Assert.notNull(publisher, "'publisher' must not be null");
		return () -> publisher;
	}

	@Override
	public Health health() {
		EventPublisher publisher = this.publisher.get();
		if (publisher == null) {
			return Health.unknown().withDetail("publisher", "none").build();
		}
		if (!(publisher instanceof BatchingEventPublisher batching)) {
			return Health.unknown().withDetail("publisher", publisher.getClass().getSimpleName()).build();
		}
		PublisherStatus status = batching.getStatus();
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("queueSize", status.queueSize());
		details.put("queueCapacity", status.queueCapacity());
		details.put("queueFill", fill(status));
		if (status.lastSuccessTime() != null) {
			details.put("lastSuccess", status.lastSuccessTime().toString());
		}
		if (!status.sending()) {
			details.put("sending", false);
			return Health.unknown().withDetails(details).build();
		}
		if (status.consecutiveFailures() > 0) {
			details.put("consecutiveFailures", status.consecutiveFailures());
			if (status.lastError() != null) {
				details.put("lastError", status.lastError());
			}
			if (status.failingSince() != null) {
				details.put("failingSince", status.failingSince().toString());
			}
		}
		Health.Builder builder = (status.consecutiveFailures() >= this.failureThreshold) ? Health.down() : Health.up();
		return builder.withDetails(details).build();
	}

	private static String fill(PublisherStatus status) {
		double records = (double) status.queueSize() / status.queueCapacity();
		double bytes = (double) status.queueBytes() / status.queueBytesCapacity();
		return Math.round(Math.max(records, bytes) * 100) + "%";
	}

}
