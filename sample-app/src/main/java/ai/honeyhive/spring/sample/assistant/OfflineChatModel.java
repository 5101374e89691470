package ai.honeyhive.spring.sample.assistant;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
 * A deterministic, offline stand-in for a chat model, observed as Spring AI's providers
 * are (so the starter records it as it records OpenAI): asked about an order with the
 * order tool offered, it calls the tool; otherwise it answers from the context the
 * retrieval advisor added to the question. Tokens are counted as words; streams arrive
 * word by word.
 */
public class OfflineChatModel implements ChatModel {

	/** The model's name in events. */
	public static final String MODEL = "support-model-offline";

	/** The provider's name in events. */
	public static final String PROVIDER = "offline";

	private static final String SEPARATOR = "---------------------";

	private static final Pattern ORDER_NUMBER = Pattern.compile("\\b(\\d{4})\\b");

	private static final Duration TOKEN_DELAY = Duration.ofMillis(15);

	private final ObservationRegistry registry;

	public OfflineChatModel(ObservationRegistry registry) {
		this.registry = registry;
	}

	@Override
	public ChatOptions getOptions() {
		return ToolCallingChatOptions.builder().model(MODEL).temperature(0.0).maxTokens(256).build();
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
				ChatResponse response = respond(prompt);
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
			Flux<ChatResponse> chunks = Flux.defer(() -> Flux.fromIterable(chunks(respond(prompt))))
				.delayElements(TOKEN_DELAY)
				.doOnError(observation::error)
				.doFinally((signal) -> observation.stop())
				.contextWrite((reactorContext) -> reactorContext.put(ObservationThreadLocalAccessor.KEY, observation));
			return new MessageAggregator().aggregate(chunks, context::setResponse);
		});
	}

	// As providers do: the request's options over the model's defaults
	private Prompt withDefaults(Prompt prompt) {
		return (prompt.getOptions() != null) ? prompt : new Prompt(prompt.getInstructions(), getOptions());
	}

	private static ChatResponse respond(Prompt prompt) {
		List<Message> messages = prompt.getInstructions();
		UserMessage user = null;
		ToolResponseMessage toolResult = null;
		for (Message message : messages) {
			if (message instanceof UserMessage candidate) {
				user = candidate;
				toolResult = null;
			}
			else if (message instanceof ToolResponseMessage candidate) {
				toolResult = candidate;
			}
		}
		String userText = (user != null && user.getText() != null) ? user.getText() : "";
		String question = userText.lines().findFirst().orElse("");
		List<String> facts = facts(userText);
		long promptTokens = messages.stream().mapToLong((message) -> countWords(message.getText())).sum();
		Matcher order = ORDER_NUMBER.matcher(question);
		if (toolResult == null && order.find() && offersTool(prompt, OrderTools.LOOKUP_ORDER)) {
			AssistantMessage.ToolCall call = new AssistantMessage.ToolCall("call-" + order.group(1), "function",
					OrderTools.LOOKUP_ORDER, "{\"orderNumber\":\"" + order.group(1) + "\"}");
			return response("", List.of(call), promptTokens, 12);
		}
		StringBuilder answer = new StringBuilder();
		if (toolResult != null) {
			answer.append(unquote(toolResult.getResponses().get(0).responseData()));
		}
		if (!facts.isEmpty()) {
			answer.append(answer.isEmpty() ? "" : " ").append("Here is what the help center says.");
			facts.subList(0, Math.min(2, facts.size())).forEach((fact) -> answer.append(' ').append(fact));
		}
		if (answer.isEmpty()) {
			answer.append("I could not find anything about that in the help center. A support agent will follow up.");
		}
		String text = answer.toString();
		return response(text, List.of(), promptTokens, countWords(text));
	}

	/**
	 * The documents the retrieval advisor put between its separators, one per line.
	 */
	private static List<String> facts(String userText) {
		String[] parts = userText.split(Pattern.quote(SEPARATOR));
		if (parts.length < 3) {
			return List.of();
		}
		return Arrays.stream(parts[2].split("\\R")).map(String::strip).filter((line) -> !line.isEmpty()).toList();
	}

	private static ChatResponse response(String text, List<AssistantMessage.ToolCall> toolCalls, long promptTokens,
			long completionTokens) {
		AssistantMessage message = AssistantMessage.builder().content(text).toolCalls(toolCalls).build();
		String finishReason = toolCalls.isEmpty() ? "stop" : "tool_calls";
		return new ChatResponse(
				List.of(new Generation(message, ChatGenerationMetadata.builder().finishReason(finishReason).build())),
				ChatResponseMetadata.builder()
					.id("offline-" + Math.abs(text.hashCode()))
					.model(MODEL)
					.usage(new DefaultUsage((int) promptTokens, (int) completionTokens))
					.build());
	}

	private static List<ChatResponse> chunks(ChatResponse whole) {
		Generation generation = whole.getResult();
		String text = (generation != null && generation.getOutput().getText() != null)
				? generation.getOutput().getText() : "";
		String[] words = text.split(" ");
		List<ChatResponse> chunks = new ArrayList<>(words.length);
		for (int i = 0; i < words.length; i++) {
			boolean last = i == words.length - 1;
			AssistantMessage chunk = AssistantMessage.builder().content((i == 0) ? words[i] : " " + words[i]).build();
			ChatResponseMetadata.Builder metadata = ChatResponseMetadata.builder()
				.id(whole.getMetadata().getId())
				.model(MODEL);
			if (last) {
				metadata.usage(whole.getMetadata().getUsage());
			}
			chunks.add(new ChatResponse(
					List.of(new Generation(chunk, last ? generation.getMetadata() : ChatGenerationMetadata.NULL)),
					metadata.build()));
		}
		return chunks;
	}

	private static boolean offersTool(Prompt prompt, String name) {
		return prompt.getOptions() instanceof ToolCallingChatOptions options && options.getToolCallbacks() != null
				&& options.getToolCallbacks()
					.stream()
					.anyMatch((callback) -> callback.getToolDefinition().name().equals(name));
	}

	private static String unquote(String json) {
		String value = json.strip();
		if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
			return value.substring(1, value.length() - 1).replace("\\\"", "\"");
		}
		return value;
	}

	private static long countWords(String text) {
		return (text == null || text.isBlank()) ? 0 : text.strip().split("\\s+").length;
	}

}
