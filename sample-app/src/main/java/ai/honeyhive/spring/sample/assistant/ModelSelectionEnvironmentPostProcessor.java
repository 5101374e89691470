package ai.honeyhive.spring.sample.assistant;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Chooses the assistant's models: OpenAI (through Spring AI's OpenAI starter) when
 * {@code OPENAI_API_KEY} or {@code spring.ai.openai.api-key} is set, the offline models
 * otherwise, so the sample runs without a network. Sets Spring AI's own model selection
 * properties ({@code spring.ai.model.chat}, {@code spring.ai.model.embedding}, ...) as
 * defaults, which the application's configuration overrides.
 */
public class ModelSelectionEnvironmentPostProcessor implements EnvironmentPostProcessor {

	/** The value of {@code spring.ai.model.*} selecting the offline models. */
	public static final String OFFLINE = "offline";

	private static final String[] OTHER_MODELS = { "spring.ai.model.image", "spring.ai.model.moderation",
			"spring.ai.model.audio.speech", "spring.ai.model.audio.transcription" };

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		boolean openAi = StringUtils.hasText(environment.getProperty("spring.ai.openai.api-key"))
				|| StringUtils.hasText(environment.getProperty("OPENAI_API_KEY"));
		Map<String, Object> defaults = new LinkedHashMap<>();
		defaults.put("spring.ai.model.chat", openAi ? "openai" : OFFLINE);
		defaults.put("spring.ai.model.embedding", openAi ? "openai" : OFFLINE);
		for (String model : OTHER_MODELS) {
			defaults.put(model, "none");
		}
		if (openAi && !StringUtils.hasText(environment.getProperty("spring.ai.openai.api-key"))) {
			defaults.put("spring.ai.openai.api-key", "${OPENAI_API_KEY}");
		}
		environment.getPropertySources().addLast(new MapPropertySource("assistantModelSelection", defaults));
	}

}
