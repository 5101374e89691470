package ai.honeyhive.spring.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;

/**
 * Auto-configuration of {@code @TraceEvent} tracing.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = HoneyHivePublisherAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "honeyhive.enabled", matchIfMissing = true)
public final class HoneyHiveTracingAutoConfiguration {

}
