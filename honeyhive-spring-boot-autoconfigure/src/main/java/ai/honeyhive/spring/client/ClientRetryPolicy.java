package ai.honeyhive.spring.client;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.core.retry.RetryPolicy;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The retry policy of one client call: retries {@link HoneyHiveException#isRetryable()
 * retryable} failures with exponential backoff and jitter, waits at least what a
 * {@code Retry-After} header asked for, and gives up rather than wait past the call's
 * time budget. One instance per call, because the backoff depends on the last failure.
 */
final class ClientRetryPolicy implements RetryPolicy {

	private final Settings settings;

	private final long deadlineNanos;

	private volatile @Nullable Duration retryAfter;

	ClientRetryPolicy(Settings settings) {
		this.settings = settings;
		this.deadlineNanos = System.nanoTime() + settings.maxElapsedTime().toNanos();
	}

	@Override
	public boolean shouldRetry(Throwable throwable) {
		if (Thread.currentThread().isInterrupted()) {
			// The caller is being stopped (the publisher closing): don't start another
			// attempt
			return false;
		}
		if (throwable instanceof HoneyHiveException ex && ex.isRetryable()) {
			this.retryAfter = (ex instanceof HoneyHiveApiException apiException) ? apiException.getRetryAfter() : null;
			return true;
		}
		return false;
	}

	@Override
	public Duration getTimeout() {
		return this.settings.maxElapsedTime();
	}

	@Override
	public BackOff getBackOff() {
		ExponentialBackOff exponential = new ExponentialBackOff(this.settings.initialInterval().toMillis(),
				this.settings.multiplier());
		exponential.setMaxInterval(this.settings.maxInterval().toMillis());
		exponential.setJitter(this.settings.initialInterval().toMillis() / 4);
		exponential.setMaxAttempts(this.settings.maxAttempts() - 1);
		return () -> {
			BackOffExecution delegate = exponential.start();
			return () -> {
				long delay = delegate.nextBackOff();
				if (delay == BackOffExecution.STOP) {
					return BackOffExecution.STOP;
				}
				Duration requested = this.retryAfter;
				if (requested != null) {
					delay = Math.max(delay, requested.toMillis());
				}
				long remainingMillis = (this.deadlineNanos - System.nanoTime()) / 1_000_000;
				return (delay < remainingMillis) ? delay : BackOffExecution.STOP;
			};
		};
	}

	/**
	 * The retry settings of a client.
	 *
	 * @param maxAttempts the most attempts, the first included
	 * @param initialInterval the delay before the first retry
	 * @param multiplier the factor applied to the delay after each retry
	 * @param maxInterval the longest delay
	 * @param maxElapsedTime the longest time spent on one call
	 */
	record Settings(int maxAttempts, Duration initialInterval, double multiplier, Duration maxInterval,
			Duration maxElapsedTime) {
	}

}
