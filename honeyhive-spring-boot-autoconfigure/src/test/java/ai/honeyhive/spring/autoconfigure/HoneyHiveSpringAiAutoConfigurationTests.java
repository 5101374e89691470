package ai.honeyhive.spring.autoconfigure;

import java.util.Map;

import ai.honeyhive.spring.client.CreateEventRequest;
import ai.honeyhive.spring.client.EventType;
import ai.honeyhive.spring.publisher.InMemoryEventPublisher;
import ai.honeyhive.spring.springai.ChatClientCaptureHandler;
import ai.honeyhive.spring.springai.ChatModelCaptureHandler;
import ai.honeyhive.spring.springai.EmbeddingCaptureHandler;
import ai.honeyhive.spring.springai.ModelPrice;
import ai.honeyhive.spring.springai.SpringAiCaptureSettings;
import ai.honeyhive.spring.springai.ToolCaptureHandler;
import ai.honeyhive.spring.springai.VectorStoreCaptureHandler;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.observation.ChatModelObservationContext;
import org.springframework.ai.chat.observation.ChatModelObservationDocumentation;
import org.springframework.ai.chat.observation.DefaultChatModelObservationConvention;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.vectorstore.VectorStore;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link HoneyHiveSpringAiAutoConfiguration}.
 */
@Timeout(60)
@ExtendWith(OutputCaptureExtension.class)
class HoneyHiveSpringAiAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class,
				HoneyHiveTracingAutoConfiguration.class, HoneyHiveSpringAiAutoConfiguration.class))
		.withBean(InMemoryEventPublisher.class);

	@Test
	void shouldRegisterEveryCaptureHandlerWithTheObservationRegistry() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(ChatClientCaptureHandler.class)
				.hasBean("honeyHiveChatClientCaptureHandler")
				.hasSingleBean(ChatModelCaptureHandler.class)
				.hasSingleBean(ToolCaptureHandler.class)
				.hasSingleBean(EmbeddingCaptureHandler.class)
				.hasSingleBean(VectorStoreCaptureHandler.class);
			SpringAiCaptureSettings settings = context.getBean(SpringAiCaptureSettings.class);
			assertThat(settings)
				.isEqualTo(new SpringAiCaptureSettings(true, true, true, true, true, true, true, 10, Map.of()));
		});
	}

	@Test
	void shouldRecordAModelCallObservedThroughTheAutoConfiguredRegistry() {
		this.contextRunner
			.withPropertyValues("honeyhive.spring-ai.prices[gpt-4.1].prompt=2",
					"honeyhive.spring-ai.prices[gpt-4.1].completion=8")
			.run((context) -> {
				ObservationRegistry registry = context.getBean(ObservationRegistry.class);
				String answer = ChatClient.create(new ObservedModel(registry), registry)
					.prompt()
					.user("hi")
					.call()
					.content();
				assertThat(answer).isEqualTo("hello");
				InMemoryEventPublisher publisher = context.getBean(InMemoryEventPublisher.class);
				CreateEventRequest model = publisher.findEvent("chat gpt-4.1").orElseThrow();
				assertThat(model.eventType()).isEqualTo(EventType.MODEL);
				assertThat(model.metadata()).containsEntry("cost", 0.000016);
				assertThat(publisher.findEvent(ChatClientCaptureHandler.EVENT_NAME)).isPresent();
			});
	}

	@Test
	void shouldBindEveryProperty() {
		this.contextRunner
			.withPropertyValues("honeyhive.spring-ai.capture.chat-client=false",
					"honeyhive.spring-ai.capture.chat-model=false", "honeyhive.spring-ai.capture.tools=false",
					"honeyhive.spring-ai.capture.vector-store=false", "honeyhive.spring-ai.capture.embedding=false",
					"honeyhive.spring-ai.capture.content=false", "honeyhive.spring-ai.merge-traced-calls=false",
					"honeyhive.spring-ai.max-documents=3", "honeyhive.spring-ai.prices.gpt-4o.prompt=2.5",
					"honeyhive.spring-ai.prices.gpt-4o.completion=10")
			.run((context) -> assertThat(context.getBean(SpringAiCaptureSettings.class))
				.isEqualTo(new SpringAiCaptureSettings(false, false, false, false, false, false, false, 3,
						Map.of("gpt-4o", new ModelPrice(2.5, 10)))));
	}

	@Test
	void shouldRejectANegativeMaxDocuments() {
		this.contextRunner.withPropertyValues("honeyhive.spring-ai.max-documents=-1")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("honeyhive.spring-ai.max-documents"));
	}

	@Test
	void shouldLetAUserSettingsBeanWin() {
		SpringAiCaptureSettings own = new SpringAiCaptureSettings(true, true, true, true, true, false, true, 1,
				Map.of());
		this.contextRunner.withBean(SpringAiCaptureSettings.class, () -> own)
			.run((context) -> assertThat(context.getBean(SpringAiCaptureSettings.class)).isSameAs(own));
	}

	@Test
	void shouldDoNothingWithoutSpringAi() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("org.springframework.ai"))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(SpringAiCaptureSettings.class)
				.doesNotHaveBean(HoneyHiveSpringAiProperties.class)
				.getBeans(ObservationHandler.class)
				.isEmpty());
	}

	@Test
	void shouldSkipTheChatClientHandlerWithoutSpringAiChatClient() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(ChatClient.class))
			.run((context) -> assertThat(context).doesNotHaveBean(ChatClientCaptureHandler.class)
				.hasSingleBean(ChatModelCaptureHandler.class)
				.hasSingleBean(VectorStoreCaptureHandler.class));
	}

	@Test
	void shouldSkipTheVectorStoreHandlerWithoutSpringAiVectorStore() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(VectorStore.class))
			.run((context) -> assertThat(context).doesNotHaveBean(VectorStoreCaptureHandler.class)
				.hasSingleBean(ChatClientCaptureHandler.class));
	}

	@Test
	void shouldBeOffWhenDisabled() {
		this.contextRunner.withPropertyValues("honeyhive.spring-ai.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(SpringAiCaptureSettings.class)
				.doesNotHaveBean(ChatModelCaptureHandler.class));
	}

	@Test
	void shouldBeOffWhenTracingIsOff() {
		this.contextRunner.withPropertyValues("honeyhive.tracing.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ChatModelCaptureHandler.class));
	}

	@Test
	void shouldWarnWhenThereIsNoObservationRegistry(CapturedOutput output) {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(HoneyHiveTracingAutoConfiguration.class,
					HoneyHiveSpringAiAutoConfiguration.class))
			.withBean(InMemoryEventPublisher.class)
			.run((context) -> assertThat(context).hasNotFailed());
		assertThat(output).contains("there is no ObservationRegistry", "spring-boot-micrometer-observation");
	}

	@Test
	void shouldWarnAboutAChatClientBuiltOnTheNoopRegistry(CapturedOutput output) {
		this.contextRunner
			.withBean("handMadeClient", ChatClient.class,
					() -> ChatClient.create(new ObservedModel(ObservationRegistry.NOOP)))
			.run((context) -> assertThat(context).hasNotFailed());
		assertThat(output).contains("handMadeClient (ChatClient)", "Inject the auto-configured ChatClient.Builder");
	}

	@Test
	void shouldNotWarnWhenSpringAiIsObserved(CapturedOutput output) {
		this.contextRunner.withUserConfiguration(ObservedClientConfiguration.class)
			.run((context) -> assertThat(context).hasNotFailed().hasBean("observedClient"));
		assertThat(output).doesNotContain("HoneyHive records no");
	}

	@Configuration(proxyBeanMethods = false)
	static class ObservedClientConfiguration {

		@Bean
		ChatClient observedClient(ObservationRegistry registry) {
			return ChatClient.create(new ObservedModel(registry), registry);
		}

	}

	/**
	 * A chat model observed as Spring AI's providers are, answering "hello".
	 */
	static final class ObservedModel implements ChatModel {

		private final ObservationRegistry registry;

		ObservedModel(ObservationRegistry registry) {
			this.registry = registry;
		}

		@Override
		public ChatOptions getOptions() {
			return ChatOptions.builder().model("gpt-4.1").build();
		}

		@Override
		public ChatResponse call(Prompt prompt) {
			ChatModelObservationContext context = ChatModelObservationContext.builder()
				.prompt(prompt)
				.provider("openai")
				.build();
			return ChatModelObservationDocumentation.CHAT_MODEL_OPERATION
				.observation(null, new DefaultChatModelObservationConvention(), () -> context, this.registry)
				.observe(() -> {
					ChatResponse response = new ChatResponse(
							java.util.List.of(new Generation(new AssistantMessage("hello"))),
							ChatResponseMetadata.builder().usage(new DefaultUsage(4, 1)).build());
					context.setResponse(response);
					return response;
				});
		}

	}

}
