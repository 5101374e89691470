package ai.honeyhive.spring.autoconfigure;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.util.StringUtils;

/**
 * Maps the environment variables of HoneyHive's own SDKs ({@code HH_API_KEY},
 * {@code HH_API_URL}, {@code HH_PROJECT}) to {@code honeyhive.*} properties, ranked just
 * below the operating system's environment (so above configuration files, below system
 * properties and command-line arguments), and makes {@code spring.application.name} the
 * default of {@code honeyhive.project} and {@code honeyhive.tracing.session-name}: the
 * one place those defaults are resolved.
 *
 * @since 0.1.0
 */
public final class HoneyHiveEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	/** Name of the property source holding the mapped environment variables. */
	static final String ENVIRONMENT_VARIABLES_SOURCE_NAME = "honeyhiveEnvironmentVariables";

	/** Name of the property source holding the fallback defaults. */
	static final String DEFAULTS_SOURCE_NAME = "honeyhiveDefaults";

	/** Runs after the application's configuration files are loaded. */
	public static final int ORDER = Ordered.LOWEST_PRECEDENCE - 20;

	private static final Map<String, String> VARIABLES = Map.of("HH_API_KEY", "honeyhive.api-key", "HH_API_URL",
			"honeyhive.base-url", "HH_PROJECT", "honeyhive.project");

	private static final List<String> APPLICATION_NAME_DEFAULTS = List.of("honeyhive.project",
			"honeyhive.tracing.session-name");

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		MutablePropertySources sources = environment.getPropertySources();
		if (sources.contains(ENVIRONMENT_VARIABLES_SOURCE_NAME) || sources.contains(DEFAULTS_SOURCE_NAME)) {
			return;
		}
		Map<String, Object> mapped = new LinkedHashMap<>();
		VARIABLES.forEach((variable, property) -> {
			String value = environment.getProperty(variable);
			if (StringUtils.hasText(value)) {
				mapped.put(property, value.strip());
			}
		});
		if (!mapped.isEmpty()) {
			MapPropertySource source = new MapPropertySource(ENVIRONMENT_VARIABLES_SOURCE_NAME, mapped);
			String systemEnvironment = StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME;
			if (sources.contains(systemEnvironment)) {
				sources.addAfter(systemEnvironment, source);
			}
			else {
				sources.addLast(source);
			}
		}
		if (StringUtils.hasText(environment.getProperty("spring.application.name"))) {
			Map<String, Object> defaults = new LinkedHashMap<>();
			for (String property : APPLICATION_NAME_DEFAULTS) {
				if (environment.getProperty(property) == null) {
					defaults.put(property, "${spring.application.name}");
				}
			}
			if (!defaults.isEmpty()) {
				sources.addLast(new MapPropertySource(DEFAULTS_SOURCE_NAME, defaults));
			}
		}
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

}
