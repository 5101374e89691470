package ai.honeyhive.spring.collector;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The switch between the embedded collector and the real HoneyHive.
 */
class CollectorEnvironmentPostProcessorTests {

	private final CollectorEnvironmentPostProcessor postProcessor = new CollectorEnvironmentPostProcessor();

	@Test
	void shouldPointStarterAtCollectorWithoutApiKey() {
		StandardEnvironment environment = environment(Map.of());
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("honeyhive.base-url")).isEqualTo("http://localhost:8080/honeyhive/api");
		assertThat(environment.getProperty("honeyhive.api-key")).isEqualTo("local-collector");
		assertThat(environment.getProperty("honeyhive.collector.enabled", Boolean.class)).isTrue();
	}

	@Test
	void shouldFollowServerPort() {
		StandardEnvironment environment = environment(Map.of("server.port", "9090"));
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("honeyhive.base-url")).isEqualTo("http://localhost:9090/honeyhive/api");
	}

	@Test
	void shouldResolveRandomPortBeforeServerStarts() {
		StandardEnvironment environment = environment(Map.of("server.port", "0"));
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
		int port = environment.getProperty("server.port", Integer.class);
		assertThat(port).isBetween(1, 65535);
		assertThat(environment.getProperty("honeyhive.base-url"))
			.isEqualTo("http://localhost:" + port + "/honeyhive/api");
	}

	@Test
	void shouldLeaveRealHoneyHiveDefaultsWithHhApiKey() {
		StandardEnvironment environment = environment(Map.of("HH_API_KEY", "hh-real-key"));
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("honeyhive.base-url")).isNull();
		assertThat(environment.getProperty("honeyhive.api-key")).isNull();
		assertThat(environment.getProperty("honeyhive.collector.enabled", Boolean.class)).isFalse();
	}

	@Test
	void shouldLeaveRealHoneyHiveDefaultsWithApiKeyProperty() {
		StandardEnvironment environment = environment(Map.of("honeyhive.api-key", "hh-real-key"));
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("honeyhive.base-url")).isNull();
		assertThat(environment.getProperty("honeyhive.api-key")).isEqualTo("hh-real-key");
		assertThat(environment.getProperty("honeyhive.collector.enabled", Boolean.class)).isFalse();
	}

	@Test
	void shouldKeepCollectorRunningAlongsideRealHoneyHiveWhenAsked() {
		StandardEnvironment environment = environment(
				Map.of("HH_API_KEY", "hh-real-key", "honeyhive.collector.enabled", "true"));
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("honeyhive.collector.enabled", Boolean.class)).isTrue();
		assertThat(environment.getProperty("honeyhive.base-url")).isNull();
	}

	@Test
	void shouldNotRedirectWhenCollectorIsDisabled() {
		StandardEnvironment environment = environment(Map.of("honeyhive.collector.enabled", "false"));
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("honeyhive.base-url")).isNull();
		assertThat(environment.getProperty("honeyhive.api-key")).isNull();
	}

	@Test
	void shouldLetExplicitBaseUrlWin() {
		StandardEnvironment environment = environment(Map.of("honeyhive.base-url", "http://collector.internal"));
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("honeyhive.base-url")).isEqualTo("http://collector.internal");
		assertThat(environment.getProperty("honeyhive.collector.enabled", Boolean.class)).isTrue();
	}

	@Test
	void shouldKeepCollectorOnWhenAppliedTwice() {
		StandardEnvironment environment = environment(Map.of());
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("honeyhive.collector.enabled", Boolean.class)).isTrue();
		assertThat(environment.getProperty("honeyhive.base-url")).isEqualTo("http://localhost:8080/honeyhive/api");
	}

	@Test
	void shouldFollowContextPathAndBasePath() {
		StandardEnvironment environment = environment(
				Map.of("server.servlet.context-path", "/shop", "honeyhive.collector.base-path", "/dev/traces"));
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("honeyhive.base-url"))
			.isEqualTo("http://localhost:8080/shop/dev/traces/api");
	}

	@Test
	void shouldStayOffOutsideServletWebApplications() {
		StandardEnvironment environment = environment(Map.of());
		SpringApplication application = new SpringApplication();
		application.setWebApplicationType(WebApplicationType.NONE);
		this.postProcessor.postProcessEnvironment(environment, application);
		assertThat(environment.getProperty("honeyhive.collector.enabled", Boolean.class)).isFalse();
		assertThat(environment.getProperty("honeyhive.base-url")).isNull();
		assertThat(environment.getProperty("honeyhive.api-key")).isNull();
	}

	@Test
	void shouldBeRegisteredInSpringFactories() {
		// Boot's own post-processors need constructor arguments; only ours matters here.
		assertThat(SpringFactoriesLoader.forDefaultResourceLocation()
			.load(EnvironmentPostProcessor.class, SpringFactoriesLoader.FailureHandler.handleMessage((message, ex) -> {
			}))).hasAtLeastOneElementOfType(CollectorEnvironmentPostProcessor.class);
	}

	private static StandardEnvironment environment(Map<String, Object> properties) {
		StandardEnvironment environment = new StandardEnvironment();
		// Isolate from the machine's real environment variables, such as HH_API_KEY.
		environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
		environment.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
		environment.getPropertySources().addFirst(new MapPropertySource("test", new HashMap<>(properties)));
		return environment;
	}

}
