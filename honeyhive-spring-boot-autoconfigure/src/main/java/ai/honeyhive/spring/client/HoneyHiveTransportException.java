package ai.honeyhive.spring.client;

/**
 * Raised when a call to the Events API fails without an answer: connection refused or
 * reset, a timeout, an I/O error. Always retryable.
 *
 * @since 0.1.0
 */
public final class HoneyHiveTransportException extends HoneyHiveException {

	private final boolean timeout;

	public HoneyHiveTransportException(String message, boolean timeout, Throwable cause) {
		super(message, cause);
		this.timeout = timeout;
	}

	/**
	 * Return whether the call timed out (as opposed to another I/O failure).
	 * @return whether the call timed out
	 */
	public boolean isTimeout() {
		return this.timeout;
	}

	@Override
	public boolean isRetryable() {
		return true;
	}

}
