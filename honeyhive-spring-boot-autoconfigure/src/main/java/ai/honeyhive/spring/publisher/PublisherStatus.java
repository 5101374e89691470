package ai.honeyhive.spring.publisher;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A snapshot of a {@link BatchingEventPublisher}'s state, for health checks.
 *
 * @param sending whether the publisher sends at all (an API key is set and it is not
 * closed)
 * @param consecutiveFailures failed calls to the server since the last successful one
 * @param lastError a description of the last failure (never the API key)
 * @param lastErrorTime when the last failure happened
 * @param failingSince when the current run of failures began, {@code null} if the last
 * call succeeded
 * @param lastSuccessTime when a call last succeeded
 * @param queueSize records waiting to be sent
 * @param queueCapacity the queue's capacity in records
 * @param queueBytes estimated size of the records waiting to be sent
 * @param queueBytesCapacity the queue's capacity in estimated bytes
 * @since 0.1.0
 */
public record PublisherStatus(boolean sending, int consecutiveFailures, @Nullable String lastError,
		@Nullable Instant lastErrorTime, @Nullable Instant failingSince, @Nullable Instant lastSuccessTime,
		int queueSize, int queueCapacity, long queueBytes, long queueBytesCapacity) {

}
