package ai.honeyhive.spring.sample.assistant;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ModelSelectionEnvironmentPostProcessor}.
 */
class ModelSelectionEnvironmentPostProcessorTests {

	private final ModelSelectionEnvironmentPostProcessor postProcessor = new ModelSelectionEnvironmentPostProcessor();

	@Test
	void shouldSelectTheOfflineModelsWithoutAnOpenAiKey() {
		MockEnvironment environment = new MockEnvironment();
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("spring.ai.model.chat")).isEqualTo("offline");
		assertThat(environment.getProperty("spring.ai.model.embedding")).isEqualTo("offline");
		assertThat(environment.getProperty("spring.ai.model.image")).isEqualTo("none");
		assertThat(environment.getProperty("spring.ai.openai.api-key")).isNull();
	}

	@Test
	void shouldSelectOpenAiWithOpenAiApiKey() {
		MockEnvironment environment = new MockEnvironment();
		environment.getPropertySources()
			.addFirst(new MapPropertySource("env", Map.of("OPENAI_API_KEY", "sk-from-environment")));
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("spring.ai.model.chat")).isEqualTo("openai");
		assertThat(environment.getProperty("spring.ai.model.embedding")).isEqualTo("openai");
		assertThat(environment.getProperty("spring.ai.openai.api-key")).isEqualTo("sk-from-environment");
	}

	@Test
	void shouldLetTheApplicationsOwnSelectionWin() {
		MockEnvironment environment = new MockEnvironment().withProperty("spring.ai.openai.api-key", "sk-configured")
			.withProperty("spring.ai.model.chat", "offline");
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("spring.ai.model.chat")).isEqualTo("offline");
		assertThat(environment.getProperty("spring.ai.model.embedding")).isEqualTo("openai");
		assertThat(environment.getProperty("spring.ai.openai.api-key")).isEqualTo("sk-configured");
	}

}
