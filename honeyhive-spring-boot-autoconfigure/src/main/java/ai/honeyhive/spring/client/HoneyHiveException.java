package ai.honeyhive.spring.client;

import org.jspecify.annotations.Nullable;

/**
 * Base class of the exceptions raised by an {@link EventsClient}. Messages never contain
 * the API key.
 *
 * @since 0.1.0
 */
public abstract class HoneyHiveException extends RuntimeException {

	protected HoneyHiveException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

	/**
	 * Return whether the same call may succeed if tried again later.
	 * @return whether the failure is transient
	 */
	public abstract boolean isRetryable();

}
