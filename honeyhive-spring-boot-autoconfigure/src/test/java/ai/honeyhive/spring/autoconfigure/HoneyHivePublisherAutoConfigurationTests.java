package ai.honeyhive.spring.autoconfigure;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import ai.honeyhive.spring.client.CreateEventRequest;
import ai.honeyhive.spring.client.EventsClient;
import ai.honeyhive.spring.client.RestEventsClient;
import ai.honeyhive.spring.publisher.BatchingEventPublisher;
import ai.honeyhive.spring.publisher.EventPublisher;
import ai.honeyhive.spring.publisher.InMemoryEventPublisher;
import ai.honeyhive.spring.publisher.PublisherMetrics;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import org.springframework.test.util.ReflectionTestUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link HoneyHivePublisherAutoConfiguration}.
 */
@Timeout(60)
class HoneyHivePublisherAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(HoneyHiveAutoConfiguration.class, HoneyHivePublisherAutoConfiguration.class))
		.withPropertyValues("honeyhive.api-key=test-key", "honeyhive.base-url=http://localhost:9",
				"honeyhive.project=test");

	@Test
	void shouldConfigureABatchingPublisherWithDefaults() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(EventPublisher.class).hasBean("honeyHivePublisher");
			BatchingEventPublisher publisher = context.getBean(BatchingEventPublisher.class);
			assertThat(context.getBean(EventsClient.class)).isNotInstanceOf(RestEventsClient.class)
				.isSameAs(context.getBean("honeyHivePublishingEventsClient"));
			assertThat(publisher.getStatus().queueCapacity()).isEqualTo(8192);
			assertThat(publisher.getStatus().queueBytesCapacity()).isEqualTo(32L * 1024 * 1024);
			assertThat(publisher.getStatus().sending()).isTrue();
			assertThat(publisher).hasToString(
					"BatchingEventPublisher{queueSize=0, maxQueueSize=8192, maxBatchSize=256, maxConcurrentExports=4, sending=true, running=true}");
		});
	}

	@Test
	void shouldBindThePublisherProperties() {
		this.runner
			.withPropertyValues("honeyhive.publisher.max-queue-size=100", "honeyhive.publisher.max-queue-bytes=1MB",
					"honeyhive.publisher.max-batch-size=10", "honeyhive.publisher.schedule-delay=5s",
					"honeyhive.publisher.export-timeout=1m", "honeyhive.publisher.shutdown-timeout=3s")
			.run((context) -> {
				BatchingEventPublisher publisher = context.getBean(BatchingEventPublisher.class);
				assertThat(publisher.getStatus().queueCapacity()).isEqualTo(100);
				assertThat(publisher.getStatus().queueBytesCapacity()).isEqualTo(1024 * 1024);
				assertThat(publisher.toString()).contains("maxBatchSize=10");
			});
	}

	@Test
	void shouldPassEveryPublisherPropertyToTheSettingItNames() {
		// values unlike each other and unlike the defaults, so that no two can be swapped
		this.runner
			.withPropertyValues("honeyhive.publisher.max-queue-size=1234", "honeyhive.publisher.max-queue-bytes=3MB",
					"honeyhive.publisher.max-batch-size=56", "honeyhive.publisher.max-batch-bytes=2MB",
					"honeyhive.publisher.max-concurrent-exports=3",
					"honeyhive.publisher.session-transport=start-endpoint", "honeyhive.publisher.schedule-delay=7s",
					"honeyhive.publisher.export-timeout=11s", "honeyhive.publisher.shutdown-timeout=13s",
					"honeyhive.client.retry.initial-interval=170ms", "honeyhive.client.retry.multiplier=1.5",
					"honeyhive.client.retry.max-interval=1900ms")
			.run((context) -> {
				BatchingEventPublisher publisher = context.getBean(BatchingEventPublisher.class);
				Object queue = ReflectionTestUtils.getField(publisher, "queue");
				Object sender = ReflectionTestUtils.getField(publisher, "sender");
				assertThat(ReflectionTestUtils.getField(queue, "maxRecords")).isEqualTo(1234);
				assertThat(ReflectionTestUtils.getField(queue, "maxBytes")).isEqualTo(3L * 1024 * 1024);
				assertThat(ReflectionTestUtils.getField(queue, "maxBatchSize")).isEqualTo(56);
				assertThat(ReflectionTestUtils.getField(queue, "maxBatchBytes")).isEqualTo(2L * 1024 * 1024);
				assertThat(ReflectionTestUtils.getField(queue, "batchSessions")).isEqualTo(false);
				assertThat(ReflectionTestUtils.getField(queue, "scheduleDelayNanos"))
					.isEqualTo(Duration.ofSeconds(7).toNanos());
				assertThat(ReflectionTestUtils.getField(publisher, "maxConcurrentExports")).isEqualTo(3);
				assertThat(ReflectionTestUtils.getField(publisher, "shutdownTimeoutNanos"))
					.isEqualTo(Duration.ofSeconds(13).toNanos());
				assertThat(ReflectionTestUtils.getField(sender, "exportTimeoutNanos"))
					.isEqualTo(Duration.ofSeconds(11).toNanos());
				assertThat(ReflectionTestUtils.getField(sender, "retryInitialNanos"))
					.isEqualTo(Duration.ofMillis(170).toNanos());
				assertThat(ReflectionTestUtils.getField(sender, "retryMultiplier")).isEqualTo(1.5);
				assertThat(ReflectionTestUtils.getField(sender, "retryMaxNanos"))
					.isEqualTo(Duration.ofMillis(1900).toNanos());
				assertThat(publisher.getStatus().queueCapacity()).isEqualTo(1234);
				assertThat(publisher.getStatus().queueBytesCapacity()).isEqualTo(3L * 1024 * 1024);
			});
	}

	@Test
	void shouldBackOffWhenTheUserDeclaresAPublisher() {
		this.runner.withUserConfiguration(UserPublisherConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(EventPublisher.class).doesNotHaveBean(BatchingEventPublisher.class);
			assertThat(context.getBean(EventPublisher.class)).isInstanceOf(InMemoryEventPublisher.class);
		});
	}

	@Test
	void shouldBeDisabledByProperty() {
		this.runner.withPropertyValues("honeyhive.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(EventPublisher.class)
				.doesNotHaveBean(HoneyHivePublisherLifecycle.class));
	}

	@Test
	void shouldFailWhenTheBatchIsLargerThanTheQueue() {
		this.runner
			.withPropertyValues("honeyhive.publisher.max-queue-size=100", "honeyhive.publisher.max-batch-size=500")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOf(InvalidConfigurationPropertyValueException.class)
					.hasMessageContaining("honeyhive.publisher.max-batch-size")
					.hasMessageContaining("500")
					.hasMessageContaining("max-queue-size (100)");
			});
	}

	@Test
	void shouldFailOnANonPositiveDuration() {
		this.runner.withPropertyValues("honeyhive.publisher.schedule-delay=0s").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("honeyhive.publisher.schedule-delay")
				.hasMessageContaining("positive duration");
		});
	}

	@Test
	void shouldFailOnANonPositiveQueueSize() {
		this.runner.withPropertyValues("honeyhive.publisher.max-queue-size=0").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("honeyhive.publisher.max-queue-size");
		});
	}

	@Test
	void shouldRecordMetricsInTheMeterRegistry() {
		this.runner.withUserConfiguration(MeterRegistryConfiguration.class).run((context) -> {
			assertThat(context).getBean(PublisherMetrics.class).isInstanceOf(MicrometerPublisherMetrics.class);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.find("honeyhive.publisher.queue.capacity").gauge().value()).isEqualTo(8192);
			assertThat(registry.find("honeyhive.publisher.events").tag("reason", "queue_full").counter().count())
				.isZero();
		});
	}

	@Test
	void shouldWorkWithoutMicrometer() {
		this.runner.withClassLoader(new FilteredClassLoader(MeterRegistry.class)).run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(PublisherMetrics.class);
			assertThat(context).hasSingleBean(BatchingEventPublisher.class);
		});
	}

	@Test
	void shouldCloseThePublisherWithTheContext() {
		this.runner.run((context) -> {
			BatchingEventPublisher publisher = context.getBean(BatchingEventPublisher.class);
			context.close();
			assertThat(publisher.getStatus().sending()).isFalse();
			assertThat(publisher.publish(CreateEventRequest.builder().eventId("late").build())).isFalse();
		});
	}

	@Test
	void shouldStopThePublisherAfterTheWebServer() {
		this.runner.run((context) -> {
			HoneyHivePublisherLifecycle lifecycle = context.getBean(HoneyHivePublisherLifecycle.class);
			// WebServerApplicationContext.START_STOP_LIFECYCLE_PHASE: lower phases stop
			// later
			assertThat(lifecycle.getPhase()).isLessThan(Integer.MAX_VALUE - 2048);
			assertThat(lifecycle.isRunning()).isTrue();
			lifecycle.stop();
			assertThat(context.getBean(BatchingEventPublisher.class).getStatus().sending()).isFalse();
		});
	}

	@Test
	void shouldCountEventsAsDroppedWithoutAnApiKey() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(HoneyHiveAutoConfiguration.class, HoneyHivePublisherAutoConfiguration.class))
			.withPropertyValues("honeyhive.base-url=http://localhost:9", "honeyhive.project=test")
			.withUserConfiguration(MeterRegistryConfiguration.class)
			.run((context) -> {
				BatchingEventPublisher publisher = context.getBean(BatchingEventPublisher.class);
				assertThat(publisher.publish(CreateEventRequest.builder().eventId("e").build())).isFalse();
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(registry.find("honeyhive.publisher.events").tag("reason", "no_api_key").counter().count())
					.isEqualTo(1);
				assertThat(context.getBean(HealthIndicator.class).health().getStatus()).isEqualTo(Status.UNKNOWN);
			});
	}

	@Test
	void shouldReportHealthUpWhileNothingFails() {
		this.runner.run((context) -> {
			assertThat(context).hasBean("honeyhiveHealthIndicator");
			var health = context.getBean(HoneyHiveHealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("queueSize", 0)
				.containsEntry("queueCapacity", 8192)
				.containsEntry("queueFill", "0%");
			assertThat(health.toString()).doesNotContain("test-key");
		});
	}

	@Test
	void shouldNotConfigureHealthWhenItIsDisabled() {
		this.runner.withPropertyValues("management.health.honeyhive.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(HoneyHiveHealthIndicator.class));
	}

	@Test
	void shouldNotConfigureHealthWithoutSpringBootHealth() {
		this.runner.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(HoneyHiveHealthIndicator.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserPublisherConfiguration {

		@Bean
		InMemoryEventPublisher userPublisher() {
			return new InMemoryEventPublisher();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class MeterRegistryConfiguration {

		@Bean
		SimpleMeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

	}

}
