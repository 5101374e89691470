package ai.honeyhive.spring.client;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Raised when the Events API answers with a status other than 2xx, or with a 2xx whose
 * body says {@code "success": false} (not retryable). Carries the status, the API's
 * {@code errorCode} and {@code message} when the body has them, and the raw body (cut to
 * {@value #MAX_BODY_LENGTH} characters) otherwise.
 *
 * @since 0.1.0
 */
public class HoneyHiveApiException extends HoneyHiveException {

	/** The longest response body kept, in characters. */
	public static final int MAX_BODY_LENGTH = 2048;

	private static final int MAX_MESSAGE_LENGTH = 500;

	private final int statusCode;

	private final @Nullable String errorCode;

	private final @Nullable String apiMessage;

	private final @Nullable String responseBody;

	private final @Nullable Duration retryAfter;

	public HoneyHiveApiException(int statusCode, @Nullable String errorCode, @Nullable String apiMessage,
			@Nullable String responseBody, @Nullable Duration retryAfter) {
		super(buildMessage(statusCode, errorCode, apiMessage, responseBody), null);
		this.statusCode = statusCode;
		this.errorCode = errorCode;
		this.apiMessage = apiMessage;
		this.responseBody = truncate(responseBody);
		this.retryAfter = retryAfter;
	}

	private static String buildMessage(int statusCode, @Nullable String errorCode, @Nullable String apiMessage,
			@Nullable String responseBody) {
		StringBuilder message = new StringBuilder("HoneyHive API answered HTTP ").append(statusCode);
		// The server's texts are cut: a message ends up in log lines and must stay short
		if (errorCode != null) {
			message.append(" [").append(truncate(errorCode, 100)).append(']');
		}
		if (apiMessage != null) {
			message.append(": ").append(truncate(apiMessage, MAX_MESSAGE_LENGTH));
		}
		else if (responseBody != null && !responseBody.isBlank()) {
			message.append(": ").append(truncate(responseBody.strip(), 200));
		}
		return message.toString();
	}

	private static @Nullable String truncate(@Nullable String value) {
		return (value != null) ? truncate(value, MAX_BODY_LENGTH) : null;
	}

	private static String truncate(String value, int length) {
		return (value.length() <= length) ? value : value.substring(0, length) + "...[truncated]";
	}

	/**
	 * Return the HTTP status code.
	 * @return the status code
	 */
	public int getStatusCode() {
		return this.statusCode;
	}

	/**
	 * Return the API's {@code errorCode}, if the body had one.
	 * @return the error code or {@code null}
	 */
	public @Nullable String getErrorCode() {
		return this.errorCode;
	}

	/**
	 * Return the API's {@code message}, if the body had one.
	 * @return the message or {@code null}
	 */
	public @Nullable String getApiMessage() {
		return this.apiMessage;
	}

	/**
	 * Return the raw response body, cut to {@value #MAX_BODY_LENGTH} characters.
	 * @return the body or {@code null}
	 */
	public @Nullable String getResponseBody() {
		return this.responseBody;
	}

	/**
	 * Return the delay the server asked for in a {@code Retry-After} header.
	 * @return the delay or {@code null}
	 */
	public @Nullable Duration getRetryAfter() {
		return this.retryAfter;
	}

	/**
	 * Return whether the status is one worth retrying: 408, 429, 500, 502, 503 and 504.
	 * @return whether the failure is transient
	 */
	@Override
	public boolean isRetryable() {
		return isRetryableStatus(this.statusCode);
	}

	/**
	 * Return whether a status is one worth retrying: 408, 429, 500, 502, 503 and 504.
	 * @param statusCode the status code
	 * @return whether the status is transient
	 */
	static boolean isRetryableStatus(int statusCode) {
		return statusCode == 408 || statusCode == 429 || statusCode == 500 || statusCode == 502 || statusCode == 503
				|| statusCode == 504;
	}

}
