package ai.honeyhive.spring.sample.collector;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Configuration of the embedded collector: its store and a startup line saying where to
 * look. The controllers are picked up by component scanning under the same condition.
 *
 * @since 0.1.0
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = CollectorProperties.ENABLED, matchIfMissing = true)
@EnableConfigurationProperties(CollectorProperties.class)
public class CollectorConfiguration {

	private static final Log logger = LogFactory.getLog(CollectorConfiguration.class);

	@Bean
	CollectorStore collectorStore(CollectorProperties properties) {
		requirePositive("sample.collector.max-sessions", properties.getMaxSessions());
		requirePositive("sample.collector.max-events", properties.getMaxEvents());
		requirePositive("sample.collector.page-size", properties.getPageSize());
		return new CollectorStore(properties.getMaxSessions(), properties.getMaxEvents());
	}

	@Bean
	ApplicationListener<WebServerInitializedEvent> collectorStartupLogger() {
		return (event) -> {
			if (event.getApplicationContext().getServerNamespace() == null) {
				int port = event.getWebServer().getPort();
				logger.info("HoneyHive collector listening at http://localhost:" + port + CollectorController.PREFIX
						+ ", traces shown at http://localhost:" + port + "/");
			}
		};
	}

	private static void requirePositive(String name, int value) {
		if (value < 1) {
			throw new InvalidConfigurationPropertyValueException(name, value, "Must be at least 1.");
		}
	}

}
