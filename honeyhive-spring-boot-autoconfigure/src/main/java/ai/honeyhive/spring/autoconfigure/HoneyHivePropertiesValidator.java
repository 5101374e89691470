package ai.honeyhive.spring.autoconfigure;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * Checks the general and client settings of {@link HoneyHiveProperties}; a bad value
 * stops startup with a message naming the property and the fix.
 */
final class HoneyHivePropertiesValidator {

	private HoneyHivePropertiesValidator() {
	}

	static void validate(HoneyHiveProperties properties) {
		validateBaseUrl(properties.getBaseUrl());
		if (properties.getProject() != null && properties.getProject().isBlank()) {
			throw new InvalidConfigurationPropertyValueException("honeyhive.project", properties.getProject(),
					"Set it to the name of your HoneyHive project, or remove it to use spring.application.name.");
		}
		if (properties.getSource() == null || properties.getSource().isBlank()) {
			throw new InvalidConfigurationPropertyValueException("honeyhive.source", properties.getSource(),
					"Set it to a non-empty name of the environment, such as 'production' or 'dev'.");
		}
		HoneyHiveProperties.Client client = properties.getClient();
		positive("honeyhive.client.connect-timeout", client.getConnectTimeout());
		positive("honeyhive.client.read-timeout", client.getReadTimeout());
		String exportPath = client.getExportPath();
		if (exportPath != null && !exportPath.startsWith("/")) {
			throw new InvalidConfigurationPropertyValueException("honeyhive.client.export-path", exportPath,
					"Use a path starting with '/', such as /events/export or /v1/events/export, or leave it unset to"
							+ " have the path found by itself.");
		}
		HoneyHiveProperties.Retry retry = client.getRetry();
		if (retry.getMaxAttempts() < 1) {
			throw new InvalidConfigurationPropertyValueException("honeyhive.client.retry.max-attempts",
					retry.getMaxAttempts(), "Use 1 (no retries) or more.");
		}
		positive("honeyhive.client.retry.initial-interval", retry.getInitialInterval());
		positive("honeyhive.client.retry.max-interval", retry.getMaxInterval());
		positive("honeyhive.client.retry.max-elapsed-time", retry.getMaxElapsedTime());
		if (!(retry.getMultiplier() >= 1.0)) {
			throw new InvalidConfigurationPropertyValueException("honeyhive.client.retry.multiplier",
					retry.getMultiplier(), "Use a multiplier of 1.0 (fixed delay) or more.");
		}
	}

	private static void validateBaseUrl(@Nullable String baseUrl) {
		String reason = "Use an absolute http or https URL such as https://api.honeyhive.ai.";
		if (baseUrl == null || baseUrl.isBlank()) {
			throw new InvalidConfigurationPropertyValueException("honeyhive.base-url", baseUrl, reason);
		}
		try {
			URI uri = new URI(baseUrl);
			String scheme = uri.getScheme();
			if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
					|| uri.getHost() == null) {
				throw new InvalidConfigurationPropertyValueException("honeyhive.base-url", baseUrl, reason);
			}
		}
		catch (URISyntaxException ex) {
			throw new InvalidConfigurationPropertyValueException("honeyhive.base-url", baseUrl, reason);
		}
	}

	static void positive(String name, @Nullable Duration value) {
		if (value == null || value.isNegative() || value.isZero()) {
			throw new InvalidConfigurationPropertyValueException(name, value, "Use a positive duration, such as 5s.");
		}
	}

}
