package ai.honeyhive.spring.test;

import ai.honeyhive.spring.autoconfigure.HoneyHivePublisherAutoConfiguration;
import ai.honeyhive.spring.publisher.EventPublisher;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration, imported by {@link AutoConfigureHoneyHiveRecorder}, of an
 * {@link InMemoryEventPublisher} in place of the batching publisher. It runs before the
 * publisher's auto-configuration, which then backs off.
 *
 * @since 0.1.0
 */
@AutoConfiguration(before = HoneyHivePublisherAutoConfiguration.class)
public final class HoneyHiveRecorderAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(EventPublisher.class)
	InMemoryEventPublisher honeyHiveRecorder() {
		return new InMemoryEventPublisher();
	}

}
