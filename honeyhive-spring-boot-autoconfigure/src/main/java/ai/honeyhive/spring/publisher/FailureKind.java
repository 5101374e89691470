package ai.honeyhive.spring.publisher;

import java.util.Locale;

/**
 * What kind of failure a failed call of the publisher to the API met. Each kind is the
 * {@code reason} tag of the {@code honeyhive.publisher.flush.failures} meter
 * ({@link #tagValue()}).
 *
 * @since 0.1.0
 */
public enum FailureKind {

	/** The server answered with a 4xx status. */
	HTTP_4XX,

	/** The server answered with a 5xx status. */
	HTTP_5XX,

	/** The call timed out. */
	TIMEOUT,

	/** The connection failed or broke. */
	IO,

	/** The server accepted only part of a batch. */
	PARTIAL,

	/** Any other failure. */
	ERROR;

	private final String tagValue = name().toLowerCase(Locale.ROOT);

	/**
	 * Return the value of the meter tag for this kind, such as {@code http_5xx}.
	 * @return the tag value
	 */
	public String tagValue() {
		return this.tagValue;
	}

}
