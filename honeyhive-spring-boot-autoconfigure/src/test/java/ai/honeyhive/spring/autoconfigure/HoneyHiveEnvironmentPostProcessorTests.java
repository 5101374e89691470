package ai.honeyhive.spring.autoconfigure;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

class HoneyHiveEnvironmentPostProcessorTests {

	private final HoneyHiveEnvironmentPostProcessor postProcessor = new HoneyHiveEnvironmentPostProcessor();

	private StandardEnvironment environment(Map<String, Object> variables, Map<String, Object> config) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
					StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
		environment.getPropertySources().addLast(new MapPropertySource("application.properties", config));
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
		return environment;
	}

	@Test
	void mapsTheSdkEnvironmentVariables() {
		StandardEnvironment environment = environment(
				Map.of("HH_API_KEY", "k-1", "HH_API_URL", "https://hh.example.com", "HH_PROJECT", "p-1"), Map.of());
		assertThat(environment.getProperty("honeyhive.api-key")).isEqualTo("k-1");
		assertThat(environment.getProperty("honeyhive.base-url")).isEqualTo("https://hh.example.com");
		assertThat(environment.getProperty("honeyhive.project")).isEqualTo("p-1");
	}

	@Test
	void variablesBeatConfigurationFilesLikeOtherEnvironmentVariables() {
		StandardEnvironment environment = environment(Map.of("HH_PROJECT", "from-env"),
				Map.of("honeyhive.project", "from-file"));
		assertThat(environment.getProperty("honeyhive.project")).isEqualTo("from-env");
	}

	@Test
	void systemPropertiesBeatVariables() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME,
					new MapPropertySource(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME,
							Map.of("honeyhive.api-key", "from-system")));
		environment.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
					StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of("HH_API_KEY", "from-env")));
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("honeyhive.api-key")).isEqualTo("from-system");
	}

	@Test
	void projectDefaultsToTheApplicationName() {
		StandardEnvironment environment = environment(Map.of(), Map.of("spring.application.name", "assistant"));
		assertThat(environment.getProperty("honeyhive.project")).isEqualTo("assistant");
	}

	@Test
	void sessionNameDefaultsToTheApplicationName() {
		StandardEnvironment environment = environment(Map.of(), Map.of("spring.application.name", "assistant"));
		assertThat(environment.getProperty("honeyhive.tracing.session-name")).isEqualTo("assistant");
	}

	@Test
	void explicitSessionNameWinsOverTheApplicationName() {
		StandardEnvironment environment = environment(Map.of(),
				Map.of("spring.application.name", "assistant", "honeyhive.tracing.session-name", "chat"));
		assertThat(environment.getProperty("honeyhive.tracing.session-name")).isEqualTo("chat");
		assertThat(environment.getProperty("honeyhive.project")).isEqualTo("assistant");
	}

	@Test
	void withoutAnApplicationNameNothingIsDefaulted() {
		StandardEnvironment environment = environment(Map.of(), Map.of());
		assertThat(environment.getProperty("honeyhive.project")).isNull();
		assertThat(environment.getProperty("honeyhive.tracing.session-name")).isNull();
		assertThat(environment.getPropertySources().contains(HoneyHiveEnvironmentPostProcessor.DEFAULTS_SOURCE_NAME))
			.isFalse();
	}

	@Test
	void explicitProjectWinsOverTheApplicationName() {
		StandardEnvironment environment = environment(Map.of(),
				Map.of("spring.application.name", "assistant", "honeyhive.project", "explicit"));
		assertThat(environment.getProperty("honeyhive.project")).isEqualTo("explicit");
	}

	@Test
	void blankVariablesAreIgnored() {
		StandardEnvironment environment = environment(Map.of("HH_API_KEY", " "), Map.of());
		assertThat(environment.getProperty("honeyhive.api-key")).isNull();
		assertThat(environment.getPropertySources()
			.contains(HoneyHiveEnvironmentPostProcessor.ENVIRONMENT_VARIABLES_SOURCE_NAME)).isFalse();
	}

}
