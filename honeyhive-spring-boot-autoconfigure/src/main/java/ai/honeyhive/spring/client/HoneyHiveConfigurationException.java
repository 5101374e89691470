package ai.honeyhive.spring.client;

/**
 * Raised when a call cannot be made because the client is not configured, most often
 * because no API key is set ({@code honeyhive.api-key} or the {@code HH_API_KEY}
 * environment variable).
 *
 * @since 0.1.0
 */
public final class HoneyHiveConfigurationException extends HoneyHiveException {

	public HoneyHiveConfigurationException(String message) {
		super(message, null);
	}

	@Override
	public boolean isRetryable() {
		return false;
	}

}
