package ai.honeyhive.spring.autoconfigure;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;

import ai.honeyhive.spring.client.EventsClient;
import ai.honeyhive.spring.client.RestEventsClient;
import ai.honeyhive.spring.publisher.BatchingEventPublisher;
import ai.honeyhive.spring.publisher.EventPublisher;
import ai.honeyhive.spring.publisher.PublisherMetrics;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
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
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;

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
	BatchingEventPublisher honeyHivePublisher(ObjectProvider<EventsClient> clients, HoneyHiveProperties properties,
			ObjectProvider<PublisherMetrics> metrics, Environment environment,
			ConfigurableListableBeanFactory beanFactory) {
		HoneyHiveProperties.Publisher publisher = properties.getPublisher();
		validate(publisher);
		HoneyHiveProperties.Retry retry = properties.getClient().getRetry();
		// The auto-configured client by name (the application's EventsClient is the
		// publishing wrapper below); the publisher owns retries, so its client makes one
		// attempt per call.
		EventsClient client = beanFactory.containsBean(CLIENT_BEAN_NAME)
				? beanFactory.getBean(CLIENT_BEAN_NAME, EventsClient.class) : clients.getObject();
		if (client instanceof RestEventsClient restEventsClient) {
			client = restEventsClient.withoutRetries();
		}
		return BatchingEventPublisher.builder(client)
			.maxQueueSize(publisher.getMaxQueueSize())
			.maxQueueBytes(publisher.getMaxQueueBytes().toBytes())
			.maxBatchSize(publisher.getMaxBatchSize())
			.maxBatchBytes(publisher.getMaxBatchBytes().toBytes())
			.maxConcurrentExports(publisher.getMaxConcurrentExports())
			.sessionTransport(publisher.getSessionTransport())
			.scheduleDelay(publisher.getScheduleDelay())
			.exportTimeout(publisher.getExportTimeout())
			.shutdownTimeout(publisher.getShutdownTimeout())
			.retryBackoff(positiveOr(retry.getInitialInterval(), Duration.ofMillis(500)),
					Math.max(1.0, retry.getMultiplier()), positiveOr(retry.getMaxInterval(), Duration.ofSeconds(5)))
			.sending(isSending(properties, environment, beanFactory))
			.metrics(metrics.getIfUnique(() -> PublisherMetrics.NONE))
			.build();
	}

	/**
	 * The {@link EventsClient} the application injects: the auto-configured client,
	 * except that an update of an event or session the publisher still holds is merged
	 * into it instead of reaching the server before it.
	 */
	@Bean
	@Primary
	@ConditionalOnBean(name = CLIENT_BEAN_NAME)
	@ConditionalOnMissingBean(name = "honeyHivePublishingEventsClient")
	EventsClient honeyHivePublishingEventsClient(@Qualifier(CLIENT_BEAN_NAME) EventsClient honeyHiveEventsClient,
			ObjectProvider<BatchingEventPublisher> publisher) {
		return BatchingEventPublisher.eventsClient(honeyHiveEventsClient, publisher::getIfUnique);
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
		return properties.resolvedApiKey() != null
				|| HoneyHiveProperties.isApiKey(environment.getProperty("HH_API_KEY"))
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
		if (publisher.getMaxBatchBytes() == null || publisher.getMaxBatchBytes().toBytes() <= 0) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + "max-batch-bytes",
					publisher.getMaxBatchBytes(), "Must be positive, such as 4MB (the default).");
		}
		if (publisher.getMaxConcurrentExports() <= 0) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + "max-concurrent-exports",
					publisher.getMaxConcurrentExports(), "Must be positive; the default is 4.");
		}
		if (publisher.getSessionTransport() == null) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + "session-transport", null,
					"Must be 'batch' (the default) or 'start-endpoint'.");
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
		// Actuator derives the health component's name from it: the component is
		// "honeyhive".
		@Bean
		@ConditionalOnMissingBean(name = "honeyhiveHealthIndicator")
		HoneyHiveHealthIndicator honeyhiveHealthIndicator(ObjectProvider<EventPublisher> publisher,
				HoneyHiveProperties properties) {
			return new HoneyHiveHealthIndicator(publisher::getIfUnique,
					HoneyHiveHealthIndicator.DEFAULT_FAILURE_THRESHOLD, properties.getHealth().isDownOnFailure());
		}

	}

}
