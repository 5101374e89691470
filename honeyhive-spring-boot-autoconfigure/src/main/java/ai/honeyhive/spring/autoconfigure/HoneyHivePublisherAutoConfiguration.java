package ai.honeyhive.spring.autoconfigure;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;

import ai.honeyhive.spring.client.EventsClient;
import ai.honeyhive.spring.publisher.BatchingEventPublisher;
import ai.honeyhive.spring.publisher.EventPublisher;
import ai.honeyhive.spring.publisher.PublisherMetrics;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Auto-configuration of HoneyHive's batching
 * {@link ai.honeyhive.spring.publisher.EventPublisher}, its metrics and health.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = HoneyHiveAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "honeyhive.enabled", matchIfMissing = true)
public final class HoneyHivePublisherAutoConfiguration {

	/** The bean name of the auto-configured Events API client. */
	static final String CLIENT_BEAN_NAME = "honeyHiveEventsClient";

	private static final String PREFIX = "honeyhive.publisher.";

	@Bean
	@ConditionalOnMissingBean(EventPublisher.class)
	@ConditionalOnBean(EventsClient.class)
	BatchingEventPublisher honeyHivePublisher(EventsClient honeyHiveEventsClient, HoneyHiveProperties properties,
			ObjectProvider<PublisherMetrics> metrics, Environment environment,
			ConfigurableListableBeanFactory beanFactory) {
		HoneyHiveProperties.Publisher publisher = properties.getPublisher();
		validate(publisher);
		HoneyHiveProperties.Retry retry = properties.getClient().getRetry();
		return BatchingEventPublisher.builder(honeyHiveEventsClient)
			.maxQueueSize(publisher.getMaxQueueSize())
			.maxQueueBytes(publisher.getMaxQueueBytes().toBytes())
			.maxBatchSize(publisher.getMaxBatchSize())
			.scheduleDelay(publisher.getScheduleDelay())
			.exportTimeout(publisher.getExportTimeout())
			.shutdownTimeout(publisher.getShutdownTimeout())
			.retryBackoff(positiveOr(retry.getInitialInterval(), Duration.ofMillis(500)),
					Math.max(1.0, retry.getMultiplier()), positiveOr(retry.getMaxInterval(), Duration.ofSeconds(5)))
			.sending(isSending(properties, environment, beanFactory))
			.metrics(metrics.getIfUnique(() -> PublisherMetrics.NONE))
			.build();
	}

	@Bean
	@ConditionalOnMissingBean(name = "honeyHivePublisherLifecycle")
	HoneyHivePublisherLifecycle honeyHivePublisherLifecycle(ObjectProvider<EventPublisher> publisher) {
		return new HoneyHivePublisherLifecycle(publisher::getIfUnique);
	}

	/**
	 * Whether an API key is set. A client the user declared carries its own key, so it is
	 * trusted to have one; the client's HoneyHiveConfigurationException is counted as a
	 * missing key as well.
	 */
	private static boolean isSending(HoneyHiveProperties properties, Environment environment,
			ConfigurableListableBeanFactory beanFactory) {
		return StringUtils.hasText(properties.getApiKey()) || StringUtils.hasText(environment.getProperty("HH_API_KEY"))
				|| !beanFactory.containsBeanDefinition(CLIENT_BEAN_NAME);
	}

	private static void validate(HoneyHiveProperties.Publisher publisher) {
		if (publisher.getMaxQueueSize() <= 0) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + "max-queue-size", publisher.getMaxQueueSize(),
					"Must be positive; the default is 8192.");
		}
		if (publisher.getMaxBatchSize() <= 0) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + "max-batch-size", publisher.getMaxBatchSize(),
					"Must be positive; the default is 256.");
		}
		if (publisher.getMaxBatchSize() > publisher.getMaxQueueSize()) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + "max-batch-size", publisher.getMaxBatchSize(),
					"Must not exceed " + PREFIX + "max-queue-size (" + publisher.getMaxQueueSize()
							+ "): lower max-batch-size or raise max-queue-size.");
		}
		if (publisher.getMaxQueueBytes() == null || publisher.getMaxQueueBytes().toBytes() <= 0) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + "max-queue-bytes",
					publisher.getMaxQueueBytes(), "Must be positive, such as 32MB (the default).");
		}
		requirePositive("schedule-delay", publisher.getScheduleDelay(), "1s");
		requirePositive("export-timeout", publisher.getExportTimeout(), "30s");
		requirePositive("shutdown-timeout", publisher.getShutdownTimeout(), "10s");
	}

	private static void requirePositive(String name, Duration value, String defaultValue) {
		if (value == null || value.isZero() || value.isNegative()) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + name, value,
					"Must be a positive duration, such as " + defaultValue + " (the default).");
		}
	}

	private static Duration positiveOr(Duration value, Duration fallback) {
		return (value != null && !value.isZero() && !value.isNegative()) ? value : fallback;
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	static class PublisherMetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean(PublisherMetrics.class)
		PublisherMetrics honeyHivePublisherMetrics(ObjectProvider<MeterRegistry> registry) {
			MeterRegistry meterRegistry = registry.getIfUnique();
			return (meterRegistry != null) ? new MicrometerPublisherMetrics(meterRegistry) : PublisherMetrics.NONE;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(HealthIndicator.class)
	@ConditionalOnEnabledHealthIndicator("honeyhive")
	static class PublisherHealthConfiguration {

		// Named "honeyhive..." (not "honeyHive...", unlike the other beans) because
		// Actuator
		// derives the health component's name from it: the component is "honeyhive".
		@Bean
		@ConditionalOnMissingBean(name = "honeyhiveHealthIndicator")
		HoneyHiveHealthIndicator honeyhiveHealthIndicator(ObjectProvider<EventPublisher> publisher) {
			return new HoneyHiveHealthIndicator(publisher::getIfUnique,
					HoneyHiveHealthIndicator.DEFAULT_FAILURE_THRESHOLD);
		}

	}

}
