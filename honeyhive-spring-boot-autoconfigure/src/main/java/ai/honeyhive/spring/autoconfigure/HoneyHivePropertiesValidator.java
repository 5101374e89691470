package ai.honeyhive.spring.autoconfigure;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.util.StringUtils;
import org.springframework.util.unit.DataSize;

/**
 * Checks {@link HoneyHiveProperties} and {@link HoneyHiveSpringAiProperties}, one group
 * for each auto-configuration that reads it; a bad value stops startup with a message
 * naming the property and the fix. No value is replaced silently.
 */
final class HoneyHivePropertiesValidator {

	/**
	 * The largest honeyhive.tracing.max-value-size, in bytes: a captured value is a Java
	 * string.
	 */
	static final long MAX_VALUE_SIZE = Integer.MAX_VALUE - 64;

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
		validateRetry(client.getRetry());
	}

	/**
	 * Check the retry settings, which the client and the publisher both use.
	 */
	private static void validateRetry(HoneyHiveProperties.Retry retry) {
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

	/**
	 * Check the publisher's settings and the retry settings its backoff uses.
	 */
	static void validatePublisher(HoneyHiveProperties properties) {
		validateRetry(properties.getClient().getRetry());
		HoneyHiveProperties.Publisher publisher = properties.getPublisher();
		String prefix = "honeyhive.publisher.";
		if (publisher.getMaxQueueSize() <= 0) {
			throw new InvalidConfigurationPropertyValueException(prefix + "max-queue-size", publisher.getMaxQueueSize(),
					"Must be positive; the default is 8192.");
		}
		if (publisher.getMaxBatchSize() <= 0) {
			throw new InvalidConfigurationPropertyValueException(prefix + "max-batch-size", publisher.getMaxBatchSize(),
					"Must be positive; the default is 256.");
		}
		if (publisher.getMaxBatchSize() > publisher.getMaxQueueSize()) {
			throw new InvalidConfigurationPropertyValueException(prefix + "max-batch-size", publisher.getMaxBatchSize(),
					"Must not exceed " + prefix + "max-queue-size (" + publisher.getMaxQueueSize()
							+ "): lower max-batch-size or raise max-queue-size.");
		}
		positiveSize(prefix + "max-batch-bytes", publisher.getMaxBatchBytes(), "4MB");
		if (publisher.getMaxConcurrentExports() <= 0) {
			throw new InvalidConfigurationPropertyValueException(prefix + "max-concurrent-exports",
					publisher.getMaxConcurrentExports(), "Must be positive; the default is 4.");
		}
		if (publisher.getSessionTransport() == null) {
			throw new InvalidConfigurationPropertyValueException(prefix + "session-transport", null,
					"Must be 'batch' (the default) or 'start-endpoint'.");
		}
		positiveSize(prefix + "max-queue-bytes", publisher.getMaxQueueBytes(), "32MB");
		positive(prefix + "schedule-delay", publisher.getScheduleDelay(), "1s");
		positive(prefix + "export-timeout", publisher.getExportTimeout(), "30s");
		positive(prefix + "shutdown-timeout", publisher.getShutdownTimeout(), "10s");
	}

	/**
	 * Check the tracing settings.
	 */
	static void validateTracing(HoneyHiveProperties properties) {
		HoneyHiveProperties.Tracing tracing = properties.getTracing();
		String prefix = "honeyhive.tracing.";
		positiveSize(prefix + "max-value-size", tracing.getMaxValueSize(), "16KB");
		if (tracing.getMaxValueSize().toBytes() > MAX_VALUE_SIZE) {
			throw new InvalidConfigurationPropertyValueException(prefix + "max-value-size", tracing.getMaxValueSize(),
					"Must be less than 2GB (a captured value is held in memory), such as 16KB (the default).");
		}
		positive(prefix + "async-timeout", tracing.getAsyncTimeout(), "5m");
		if (!StringUtils.hasText(tracing.getSessionName())) {
			throw new InvalidConfigurationPropertyValueException(prefix + "session-name", tracing.getSessionName(),
					"Set it to the name of the sessions a traced call opens, or remove it to use "
							+ "spring.application.name.");
		}
		List<String> patterns = tracing.getRedactionPatterns();
		if (patterns == null) {
			throw new InvalidConfigurationPropertyValueException(prefix + "redaction-patterns", null,
					"Set a list of regular expressions, or an empty list to redact nothing.");
		}
		for (int i = 0; i < patterns.size(); i++) {
			String pattern = patterns.get(i);
			String name = prefix + "redaction-patterns[" + i + "]";
			if (!StringUtils.hasText(pattern)) {
				throw new InvalidConfigurationPropertyValueException(name, pattern,
						"An empty pattern would match every name and redact every value: remove it.");
			}
			try {
				Pattern.compile(pattern);
			}
			catch (PatternSyntaxException ex) {
				throw new InvalidConfigurationPropertyValueException(name, pattern,
						"Not a valid regular expression (" + ex.getDescription() + " near index " + ex.getIndex()
								+ "); fix it or escape special characters with a backslash, such as 'api\\.key'.");
			}
		}
	}

	/**
	 * Check the Spring AI capture settings.
	 */
	static void validateSpringAi(HoneyHiveSpringAiProperties properties) {
		if (properties.getMaxDocuments() < 0) {
			throw new InvalidConfigurationPropertyValueException("honeyhive.spring-ai.max-documents",
					properties.getMaxDocuments(), "Must be zero or more, such as 10 (the default).");
		}
		for (Map.Entry<String, HoneyHiveSpringAiProperties.Price> entry : properties.getPrices().entrySet()) {
			HoneyHiveSpringAiProperties.Price price = entry.getValue();
			if (price.getPrompt() < 0 || price.getCompletion() < 0) {
				throw new InvalidConfigurationPropertyValueException(
						"honeyhive.spring-ai.prices[" + entry.getKey() + "]",
						price.getPrompt() + "/" + price.getCompletion(),
						"Prices are per million tokens and must not be negative.");
			}
		}
	}

	private static void positive(String name, @Nullable Duration value, String defaultValue) {
		if (value == null || value.isZero() || value.isNegative()) {
			throw new InvalidConfigurationPropertyValueException(name, value,
					"Must be a positive duration, such as " + defaultValue + " (the default).");
		}
	}

	private static void positiveSize(String name, @Nullable DataSize value, String defaultValue) {
		if (value == null || value.toBytes() <= 0) {
			throw new InvalidConfigurationPropertyValueException(name, value,
					"Must be positive, such as " + defaultValue + " (the default).");
		}
	}

}
