package ai.honeyhive.spring.collector;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Points the starter at the embedded collector unless the application has a HoneyHive API
 * key. In a servlet web application without {@code HH_API_KEY} (or
 * {@code honeyhive.api-key}) it defaults {@code honeyhive.base-url} to
 * {@code http://localhost:${server.port}${server.servlet.context-path}${honeyhive.collector.base-path}/api},
 * sets a placeholder key and turns {@code honeyhive.collector.enabled} on; with a key it
 * leaves the starter's defaults (the real HoneyHive) alone and turns the collector off.
 * Explicit settings (and {@code HH_API_URL}) always win.
 * <p>
 * A random port ({@code server.port=0}) is resolved here, to a free port, because the
 * client's base URL must be known before the web server starts.
 *
 * @since 0.1.0
 */
public final class CollectorEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	/** Name of the property source holding the defaults. */
	public static final String DEFAULTS_PROPERTY_SOURCE_NAME = "honeyhiveCollectorDefaults";

	/**
	 * Name of the property source holding the port resolved for {@code server.port=0}.
	 */
	public static final String PORT_PROPERTY_SOURCE_NAME = "honeyhiveCollectorServerPort";

	/** Key sent to the embedded collector, which only checks that one is present. */
	public static final String LOCAL_API_KEY = "local-collector";

	/**
	 * Runs after the application's configuration files are loaded and after the starter's
	 * own post-processor has mapped {@code HH_*} variables.
	 */
	public static final int ORDER = Ordered.LOWEST_PRECEDENCE - 10;

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (environment.getPropertySources().contains(DEFAULTS_PROPERTY_SOURCE_NAME)) {
			// Already applied: its placeholder key must not read as a real one.
			return;
		}
		boolean servlet = application.getWebApplicationType() == WebApplicationType.SERVLET;
		boolean hasApiKey = StringUtils.hasText(environment.getProperty("HH_API_KEY"))
				|| StringUtils.hasText(environment.getProperty("honeyhive.api-key"));
		boolean enabled = environment.getProperty(CollectorProperties.ENABLED, Boolean.class, !hasApiKey) && servlet;
		Map<String, Object> defaults = new LinkedHashMap<>();
		defaults.put(CollectorProperties.ENABLED, enabled);
		if (enabled && !hasApiKey) {
			defaults.put("honeyhive.base-url",
					"http://localhost:${server.port:8080}${server.servlet.context-path:}${"
							+ CollectorProperties.BASE_PATH + ":" + CollectorProperties.DEFAULT_BASE_PATH + "}"
							+ CollectorProperties.API_PATH);
			defaults.put("honeyhive.api-key", LOCAL_API_KEY);
			if ("0".equals(environment.getProperty("server.port"))) {
				environment.getPropertySources()
					.addFirst(new MapPropertySource(PORT_PROPERTY_SOURCE_NAME, Map.of("server.port", freePort())));
			}
		}
		// Last, so anything the user configured takes precedence.
		environment.getPropertySources().addLast(new MapPropertySource(DEFAULTS_PROPERTY_SOURCE_NAME, defaults));
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("No free port for the embedded HoneyHive collector", ex);
		}
	}

}
