package ai.honeyhive.spring.test;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import ai.honeyhive.spring.autoconfigure.HoneyHiveAutoConfiguration;
import ai.honeyhive.spring.autoconfigure.HoneyHivePublisherAutoConfiguration;
import ai.honeyhive.spring.client.CreateEventRequest;
import ai.honeyhive.spring.client.SessionStartRequest;
import ai.honeyhive.spring.client.UpdateEventRequest;
import ai.honeyhive.spring.publisher.BatchingEventPublisher;
import ai.honeyhive.spring.publisher.EventPublisher;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link HoneyHiveRecorderAutoConfiguration}.
 */
class HoneyHiveRecorderAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withPropertyValues("honeyhive.api-key=test-key")
		.withConfiguration(
				AutoConfigurations.of(HoneyHiveAutoConfiguration.class, HoneyHivePublisherAutoConfiguration.class));

	@Test
	void shouldLeaveBatchingPublisherWithoutTheAnnotation() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(BatchingEventPublisher.class)
			.doesNotHaveBean(InMemoryEventPublisher.class));
	}

	@Test
	void shouldReplaceBatchingPublisherWithRecorder() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(HoneyHiveRecorderAutoConfiguration.class))
			.run((context) -> assertThat(context).hasSingleBean(EventPublisher.class)
				.hasSingleBean(InMemoryEventPublisher.class)
				.hasBean("honeyHiveRecorder")
				.doesNotHaveBean(BatchingEventPublisher.class));
	}

	@Test
	void shouldBackOffFromUserPublisher() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(HoneyHiveRecorderAutoConfiguration.class))
			.withBean("userPublisher", EventPublisher.class, NoOpPublisher::new)
			.run((context) -> assertThat(context).hasSingleBean(EventPublisher.class)
				.hasBean("userPublisher")
				.doesNotHaveBean(InMemoryEventPublisher.class));
	}

	static class NoOpPublisher implements EventPublisher {

		@Override
		public boolean startSession(SessionStartRequest session) {
			return true;
		}

		@Override
		public boolean publish(CreateEventRequest event) {
			return true;
		}

		@Override
		public boolean update(UpdateEventRequest update) {
			return true;
		}

		@Override
		public boolean flush(Duration timeout) {
			return true;
		}

		@Override
		public void close() {
		}

	}

}
