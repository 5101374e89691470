package ai.honeyhive.spring.publisher;

import java.util.Locale;

/**
 * Why the publisher dropped records. Each reason is the {@code reason} tag of the
 * {@code honeyhive.publisher.events} meter ({@link #tagValue()}).
 *
 * @since 0.1.0
 */
public enum DropReason {

	/** The queue was full (by count or by bytes). */
	QUEUE_FULL,

	/** The server refused the records with a non-retryable answer (400, 413, 422). */
	REJECTED,

	/** Retryable failures lasted longer than the export timeout. */
	RETRIES_EXHAUSTED,

	/** The publisher was closed before the records could be sent. */
	SHUTDOWN,

	/** No API key is configured, so nothing is sent. */
	NO_API_KEY,

	/** An unexpected error while sending, such as a record that cannot be serialised. */
	ERROR;

	private final String tagValue = name().toLowerCase(Locale.ROOT);

	/**
	 * Return the value of the meter tag for this reason, such as {@code queue_full}.
	 * @return the tag value
	 */
	public String tagValue() {
		return this.tagValue;
	}

}
