package ai.honeyhive.spring.springai;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import reactor.core.publisher.Flux;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.metadata.ChatGenerationMetadata;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.model.MessageAggregator;
import org.springframework.ai.chat.observation.ChatModelObservationContext;
import org.springframework.ai.chat.observation.ChatModelObservationDocumentation;
import org.springframework.ai.chat.observation.DefaultChatModelObservationConvention;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.tool.ToolCallingChatOptions;

/**
 * A scripted chat model observed as Spring AI's providers are: asked about the weather
 * with the {@code weather} tool offered, it calls the tool; given the tool's result, it
 * answers with it; otherwise it echoes the question. Streams arrive word by word, the
 * usage on the last chunk.
 */
final class FakeChatModel implements ChatModel {

	static final String MODEL = "fake-model";

	static final String PROVIDER = "fake";

	private final ObservationRegistry registry;

	private final Function<Prompt, ChatResponse> script;

	private final Duration chunkDelay;

	FakeChatModel(ObservationRegistry registry) {
		this(registry, FakeChatModel::answer, Duration.ZERO);
	}

	FakeChatModel(ObservationRegistry registry, Function<Prompt, ChatResponse> script) {
		this(registry, script, Duration.ZERO);
	}

	FakeChatModel(ObservationRegistry registry, Function<Prompt, ChatResponse> script, Duration chunkDelay) {
		this.registry = registry;
		this.script = script;
		this.chunkDelay = chunkDelay;
	}

	@Override
	public ChatOptions getOptions() {
		return ToolCallingChatOptions.builder().model(MODEL).temperature(0.2).maxTokens(128).build();
	}

	@Override
	public ChatResponse call(Prompt request) {
		Prompt prompt = withDefaults(request);
		ChatModelObservationContext context = ChatModelObservationContext.builder()
			.prompt(prompt)
			.provider(PROVIDER)
			.build();
		return ChatModelObservationDocumentation.CHAT_MODEL_OPERATION
			.observation(null, new DefaultChatModelObservationConvention(), () -> context, this.registry)
			.observe(() -> {
				ChatResponse response = this.script.apply(prompt);
				context.setResponse(response);
				return response;
			});
	}

	@Override
	public Flux<ChatResponse> stream(Prompt request) {
		Prompt prompt = withDefaults(request);
		return Flux.deferContextual((view) -> {
			ChatModelObservationContext context = ChatModelObservationContext.builder()
				.prompt(prompt)
				.provider(PROVIDER)
				.streaming(true)
				.build();
			Observation observation = ChatModelObservationDocumentation.CHAT_MODEL_OPERATION.observation(null,
					new DefaultChatModelObservationConvention(), () -> context, this.registry);
			observation.parentObservation(view.getOrDefault(ObservationThreadLocalAccessor.KEY, null)).start();
			Flux<ChatResponse> chunks = Flux.defer(() -> Flux.fromIterable(chunks(this.script.apply(prompt))))
				.delayElements(this.chunkDelay)
				.doOnError(observation::error)
				.doFinally((signal) -> observation.stop())
				.contextWrite((context1) -> context1.put(ObservationThreadLocalAccessor.KEY, observation));
			return new MessageAggregator().aggregate(chunks, context::setResponse);
		});
	}

	// As providers do: the request's options over the model's defaults
	private Prompt withDefaults(Prompt prompt) {
		return (prompt.getOptions() != null) ? prompt : new Prompt(prompt.getInstructions(), getOptions());
	}

	static ChatResponse answer(Prompt prompt) {
		List<Message> messages = prompt.getInstructions();
		Message last = messages.get(messages.size() - 1);
		if (last instanceof ToolResponseMessage tools) {
			return response("The weather is " + tools.getResponses().get(0).responseData() + ".", List.of(), 30, 6);
		}
		// The question without the context a retrieval advisor appended
		String question = (last instanceof UserMessage user) ? user.getText().lines().findFirst().orElse("") : "";
		if (question.contains("weather") && offersTool(prompt, "weather")) {
			return response("",
					List.of(new AssistantMessage.ToolCall("call-1", "function", "weather", "{\"city\":\"Paris\"}")), 20,
					5);
		}
		return response("You asked: " + question, List.of(), 10, 4);
	}

	static ChatResponse response(String text, List<AssistantMessage.ToolCall> toolCalls, int promptTokens,
			int completionTokens) {
		AssistantMessage message = AssistantMessage.builder().content(text).toolCalls(toolCalls).build();
		String finishReason = toolCalls.isEmpty() ? "stop" : "tool_calls";
		return new ChatResponse(
				List.of(new Generation(message, ChatGenerationMetadata.builder().finishReason(finishReason).build())),
				ChatResponseMetadata.builder()
					.id("resp-1")
					.model(MODEL + "-2026")
					.usage(new DefaultUsage(promptTokens, completionTokens))
					.build());
	}

	private static boolean offersTool(Prompt prompt, String name) {
		return prompt.getOptions() instanceof ToolCallingChatOptions options && options.getToolCallbacks() != null
				&& options.getToolCallbacks()
					.stream()
					.anyMatch((callback) -> callback.getToolDefinition().name().equals(name));
	}

	private static List<ChatResponse> chunks(ChatResponse whole) {
		Generation generation = whole.getResult();
		String text = generation.getOutput().getText();
		String[] words = (text != null) ? text.split(" ") : new String[0];
		List<ChatResponse> chunks = new ArrayList<>();
		for (int i = 0; i < words.length; i++) {
			boolean last = i == words.length - 1;
			AssistantMessage chunk = AssistantMessage.builder().content((i == 0) ? words[i] : " " + words[i]).build();
			ChatGenerationMetadata metadata = last ? generation.getMetadata() : ChatGenerationMetadata.NULL;
			ChatResponseMetadata.Builder responseMetadata = ChatResponseMetadata.builder().id("resp-1").model(MODEL);
			if (last) {
				responseMetadata.usage(whole.getMetadata().getUsage());
			}
			chunks.add(new ChatResponse(List.of(new Generation(chunk, metadata)), responseMetadata.build()));
		}
		return chunks;
	}

}
