package ai.honeyhive.spring.collector.standalone;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The collector on its own, for applications that are not this one (another service, or a
 * non-Java one): {@code java -jar honeyhive-spring-boot-collector-<version>-exec.jar},
 * then point {@code HH_API_URL} at {@code http://localhost:8787/honeyhive/api} and open
 * {@code http://localhost:8787/honeyhive}. The port is {@code --server.port} (or
 * {@code SERVER_PORT}); every {@code honeyhive.collector.*} property applies.
 * <p>
 * Deliberately not a {@code @SpringBootConfiguration}, so that no application's component
 * scan picks it up.
 *
 * @since 0.1.0
 */
@EnableAutoConfiguration
public final class HoneyHiveCollectorApplication {

	/** The port the standalone collector listens on unless told otherwise. */
	public static final int DEFAULT_PORT = 8787;

	private HoneyHiveCollectorApplication() {
	}

	/**
	 * Start the standalone collector.
	 * @param args command-line arguments, such as {@code --server.port=9000}
	 */
	public static void main(String[] args) {
		run(args);
	}

	/**
	 * Start the standalone collector and return its context.
	 * @param args command-line arguments, such as {@code --server.port=9000}
	 * @return the running context
	 */
	public static ConfigurableApplicationContext run(String... args) {
		SpringApplication application = new SpringApplication(HoneyHiveCollectorApplication.class);
		// Always on, even with an HH_API_KEY in the environment: collecting is its only
		// job.
		application.setDefaultProperties(Map.of("server.port", DEFAULT_PORT, "spring.application.name",
				"honeyhive-collector", "honeyhive.collector.enabled", true));
		return application.run(args);
	}

}
