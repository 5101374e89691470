package ai.honeyhive.spring.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * Auto-configuration of HoneyHive's {@link ai.honeyhive.spring.client.EventsClient}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(afterName = "org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration")
@ConditionalOnBooleanProperty(name = "honeyhive.enabled", matchIfMissing = true)
@EnableConfigurationProperties(HoneyHiveProperties.class)
public final class HoneyHiveAutoConfiguration {

}
