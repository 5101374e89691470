package ai.honeyhive.spring.publisher;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import ai.honeyhive.spring.client.HoneyHiveException;

/**
 * The publisher's record of how delivery is going: consecutive failed calls, the last
 * error and the last success, read by the health indicator. Written by the senders.
 */
final class DeliveryHealth {

	private int consecutiveFailures;

	private @Nullable String lastError;

	private @Nullable Instant lastErrorTime;

	private @Nullable Instant failingSince;

	private @Nullable Instant lastSuccessTime;

	synchronized void success() {
		this.consecutiveFailures = 0;
		this.failingSince = null;
		this.lastSuccessTime = Instant.now();
	}

	synchronized void failure(Throwable ex) {
		Instant now = Instant.now();
		if (this.consecutiveFailures == 0) {
			this.failingSince = now;
		}
		this.consecutiveFailures++;
		this.lastError = (ex instanceof HoneyHiveException) ? ex.getMessage() : ex.getClass().getName();
		this.lastErrorTime = now;
	}

	synchronized @Nullable String lastError() {
		return this.lastError;
	}

	synchronized PublisherStatus status(boolean sending, int queueSize, int queueCapacity, long queueBytes,
			long queueBytesCapacity) {
		return new PublisherStatus(sending, this.consecutiveFailures, this.lastError, this.lastErrorTime,
				this.failingSince, this.lastSuccessTime, queueSize, queueCapacity, queueBytes, queueBytesCapacity);
	}

}
