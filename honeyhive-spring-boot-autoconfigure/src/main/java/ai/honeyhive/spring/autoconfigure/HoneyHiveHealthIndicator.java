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
import org.springframework.boot.health.contributor.Status;
import org.springframework.util.Assert;

/**
 * Reports whether the HoneyHive publisher's batches get through: UP while they do,
 * {@link #DEGRADED} (or DOWN, when asked to) after {@value #DEFAULT_FAILURE_THRESHOLD}
 * failed calls in a row, UNKNOWN when nothing is sent (no API key, or a publisher that is
 * not batching). DEGRADED is a status Boot's default aggregator does not rank, so it
 * shows in this component and its details while the application's overall health stays UP
 * (HTTP 200): telemetry failing is no reason to take an application out of rotation, let
 * alone restart it.
 *
 * @since 0.1.0
 */
public final class HoneyHiveHealthIndicator implements HealthIndicator {

	/** Failed calls in a row after which the indicator reports trouble. */
	public static final int DEFAULT_FAILURE_THRESHOLD = 3;

	/**
	 * Deliveries keep failing. Not in the default status order, so the overall status
	 * ignores it, and its HTTP status is 200.
	 */
	public static final Status DEGRADED = new Status("DEGRADED", "HoneyHive deliveries are failing");

	private final Supplier<@Nullable EventPublisher> publisher;

	private final int failureThreshold;

	private final Status failureStatus;

	/**
	 * Create an indicator of the given publisher that reports {@link #DEGRADED} after
	 * repeated failures.
	 * @param publisher the publisher
	 */
	public HoneyHiveHealthIndicator(EventPublisher publisher) {
		this(publisher, DEFAULT_FAILURE_THRESHOLD, false);
	}

	/**
	 * Create an indicator of the given publisher.
	 * @param publisher the publisher
	 * @param failureThreshold failed calls in a row after which the indicator reports
	 * trouble
	 * @param downOnFailure whether trouble is DOWN (counted in the overall status) rather
	 * than {@link #DEGRADED}
	 */
	public HoneyHiveHealthIndicator(EventPublisher publisher, int failureThreshold, boolean downOnFailure) {
		this(supplierOf(publisher), failureThreshold, downOnFailure);
	}

	HoneyHiveHealthIndicator(Supplier<@Nullable EventPublisher> publisher, int failureThreshold,
			boolean downOnFailure) {
		Assert.isTrue(failureThreshold > 0, "'failureThreshold' must be positive");
		this.publisher = publisher;
		this.failureThreshold = failureThreshold;
		this.failureStatus = downOnFailure ? Status.DOWN : DEGRADED;
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
		Status health = (status.consecutiveFailures() >= this.failureThreshold) ? this.failureStatus : Status.UP;
		return Health.status(health).withDetails(details).build();
	}

	private static String fill(PublisherStatus status) {
		double records = (double) status.queueSize() / status.queueCapacity();
		double bytes = (double) status.queueBytes() / status.queueBytesCapacity();
		return Math.round(Math.max(records, bytes) * 100) + "%";
	}

}
