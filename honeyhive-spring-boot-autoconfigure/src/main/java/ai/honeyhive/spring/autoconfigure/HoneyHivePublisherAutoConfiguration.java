package ai.honeyhive.spring.autoconfigure;

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
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

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

	@Bean
	@ConditionalOnMissingBean(EventPublisher.class)
	@ConditionalOnBean(EventsClient.class)
	BatchingEventPublisher honeyHivePublisher(ObjectProvider<EventsClient> clients, HoneyHiveProperties properties,
			ObjectProvider<PublisherMetrics> metrics, ConfigurableListableBeanFactory beanFactory) {
		HoneyHivePropertiesValidator.validatePublisher(properties);
		HoneyHiveProperties.Publisher publisher = properties.getPublisher();
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
			.retryBackoff(retry.getInitialInterval(), retry.getMultiplier(), retry.getMaxInterval())
			.sending(isSending(properties, beanFactory))
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
	private static boolean isSending(HoneyHiveProperties properties, ConfigurableListableBeanFactory beanFactory) {
		// The key the auto-configured client sends (HH_API_KEY reaches it through the
		// environment post-processor); an application's own client brings its own
		return properties.resolvedApiKey() != null || !beanFactory.containsBeanDefinition(CLIENT_BEAN_NAME);
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
