package ai.honeyhive.spring.collector;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * Auto-configuration of the embedded HoneyHive-compatible collector: its store, its
 * Events API under {@code {base-path}/api}, its trace page at {@code {base-path}}, the
 * filter that answers only loopback addresses unless told otherwise, and one startup line
 * saying where to look.
 *
 * @since 0.1.0
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(DispatcherServlet.class)
@ConditionalOnBooleanProperty(name = CollectorProperties.ENABLED, matchIfMissing = true)
@EnableConfigurationProperties(CollectorProperties.class)
@Import({ CollectorController.class, CollectorPageController.class })
public final class HoneyHiveCollectorAutoConfiguration {

	private static final Log logger = LogFactory.getLog(HoneyHiveCollectorAutoConfiguration.class);

	@Bean
	@ConditionalOnMissingBean
	CollectorStore honeyHiveCollectorStore(CollectorProperties properties) {
		validate(properties);
		return new CollectorStore(properties.getMaxSessions(), properties.getMaxEvents());
	}

	@Bean
	FilterRegistrationBean<LoopbackOnlyFilter> honeyHiveCollectorLoopbackFilter(CollectorProperties properties) {
		validate(properties);
		FilterRegistrationBean<LoopbackOnlyFilter> registration = new FilterRegistrationBean<>(
				new LoopbackOnlyFilter(properties.isAllowOthers()));
		String basePath = properties.getBasePath();
		registration.addUrlPatterns(basePath, basePath + "/*");
		registration.setName("honeyHiveCollectorLoopbackFilter");
		// Before anything else, so that a refused request reaches no other filter.
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

	@Bean
	ApplicationListener<WebServerInitializedEvent> honeyHiveCollectorStartupLogger(CollectorProperties properties) {
		return (event) -> {
			if (event.getApplicationContext().getServerNamespace() == null) {
				String root = "http://localhost:" + event.getWebServer().getPort()
						+ event.getApplicationContext().getEnvironment().getProperty("server.servlet.context-path", "")
						+ properties.getBasePath();
				logger.info("HoneyHive collector: traces shown at " + root + ", Events API at " + root
						+ CollectorProperties.API_PATH + " (" + (properties.isAllowOthers() ? "answering every host"
								: "answering localhost only; see honeyhive.collector.allow-others")
						+ ")");
			}
		};
	}

	private static void validate(CollectorProperties properties) {
		String basePath = properties.getBasePath();
		if (basePath == null || !basePath.matches("/[A-Za-z0-9._~\\-/]*[A-Za-z0-9._~\\-]")) {
			throw new InvalidConfigurationPropertyValueException(CollectorProperties.BASE_PATH, basePath,
					"Must start with '/', not end with '/', and hold only letters, digits and '.', '_', '~', '-' or"
							+ " '/', such as " + CollectorProperties.DEFAULT_BASE_PATH + " (the default).");
		}
		requirePositive("max-sessions", properties.getMaxSessions());
		requirePositive("max-events", properties.getMaxEvents());
		requirePositive("page-size", properties.getPageSize());
	}

	private static void requirePositive(String name, int value) {
		if (value < 1) {
			throw new InvalidConfigurationPropertyValueException(CollectorProperties.PREFIX + "." + name, value,
					"Must be at least 1.");
		}
	}

}
