package ai.honeyhive.spring.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;

/**
 * Auto-configuration of HoneyHive's batching
 * {@link ai.honeyhive.spring.publisher.EventPublisher}, its metrics and health.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = HoneyHiveAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "honeyhive.enabled", matchIfMissing = true)
public final class HoneyHivePublisherAutoConfiguration {

}
