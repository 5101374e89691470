package ai.honeyhive.spring.client;

import java.util.List;

/**
 * Raised when a batch call answers "partially created": HTTP 500 with the ids of the
 * events that were created and the errors of those that were not. Not retryable as a
 * whole: resend only the events whose ids are missing from {@link #getEventIds()}.
 *
 * @since 0.1.0
 */
public class HoneyHivePartialBatchException extends HoneyHiveApiException {

	private final List<String> eventIds;

	private final List<String> errors;

	public HoneyHivePartialBatchException(int statusCode, List<String> eventIds, List<String> errors,
			String responseBody) {
		super(statusCode, null,
				"batch partially created: " + eventIds.size() + " created, " + errors.size() + " failed", responseBody,
				null);
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
