package ai.honeyhive.spring.client;

import java.util.List;

/**
 * Raised when a batch call answers "partially created": HTTP 500 with the ids of the
 * events that were created and the errors of those that were not, or a 2xx answer whose
 * {@code event_ids} lists fewer ids than events were sent (then {@link #getErrors()} is
 * empty). Not retryable as a whole: resend only the events whose ids are missing from
 * {@link #getEventIds()}.
 *
 * @since 0.1.0
 */
public final class HoneyHivePartialBatchException extends HoneyHiveApiException {

	private final List<String> eventIds;

	private final List<String> errors;

	public HoneyHivePartialBatchException(int statusCode, List<String> eventIds, List<String> errors,
			String responseBody) {
		this(statusCode, eventIds, errors, responseBody,
				"batch partially created: " + eventIds.size() + " created, " + errors.size() + " failed");
	}

	/**
	 * Create an exception for an answer that acknowledged only some of the events sent.
	 * @param statusCode the HTTP status
	 * @param eventIds the ids of the events the server created
	 * @param errors the server's errors for the events it did not create
	 * @param responseBody the response body
	 * @param message what happened, for the exception's message
	 * @since 0.1.0
	 */
	public HoneyHivePartialBatchException(int statusCode, List<String> eventIds, List<String> errors,
			String responseBody, String message) {
		super(statusCode, null, message, responseBody, null);
		this.eventIds = List.copyOf(eventIds);
		this.errors = List.copyOf(errors);
	}

	/**
	 * Return the ids of the events the server created.
	 * @return the created events' ids
	 */
	public List<String> getEventIds() {
		return this.eventIds;
	}

	/**
	 * Return the server's errors for the events it did not create.
	 * @return the errors
	 */
	public List<String> getErrors() {
		return this.errors;
	}

	@Override
	public boolean isRetryable() {
		return false;
	}

}
