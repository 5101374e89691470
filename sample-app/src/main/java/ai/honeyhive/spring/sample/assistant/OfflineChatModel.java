package ai.honeyhive.spring.sample.assistant;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import reactor.core.publisher.Flux;

import ai.honeyhive.spring.client.EventType;
import ai.honeyhive.spring.tracing.HoneyHiveTracer;
import ai.honeyhive.spring.tracing.ModelCall;
import ai.honeyhive.spring.tracing.TraceEvent;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * A deterministic, offline stand-in for a chat model: it answers from the context in the
 * system message and reports what a real model call reports (model, provider, messages,
 * usage, cost, hyperparameters) through the tracer's enrichment API, so the trace looks
 * like one of a real model. Tokens are counted as words.
 */
@Component
public class OfflineChatModel {

	/** The model's name in events. */
	public static final String MODEL = "support-model-offline";

	/** The provider's name in events. */
	public static final String PROVIDER = "offline";

	private static final double COST_PER_TOKEN = 0.000002;

	private static final Duration TOKEN_DELAY = Duration.ofMillis(15);

	private final ObjectProvider<HoneyHiveTracer> tracer;

	public OfflineChatModel(ObjectProvider<HoneyHiveTracer> tracer) {
		this.tracer = tracer;
	}

	/**
	 * Answer the last user message from the context of the system message.
	 * @param messages the conversation, system message first
	 * @return the answer
	 */
	// The messages go to inputs.chat_history through recordModelCall, as HoneyHive lays
	// out model events, so the parameter itself is not captured a second time.
	@TraceEvent(name = "chat_completion", type = EventType.MODEL, captureInputs = false)
	public ChatCompletion complete(List<ChatMessage> messages) {
		String answer = compose(messages);
		long promptTokens = tokens(messages);
		long completionTokens = countWords(answer);
		record(messages, answer, promptTokens, completionTokens);
		HoneyHiveTracer tracer = this.tracer.getIfAvailable();
		String eventId = (tracer != null) ? tracer.currentEventId().orElse(null) : null;
		return new ChatCompletion(answer, eventId, promptTokens, completionTokens);
	}

	/**
	 * Stream the answer word by word, as a streaming model API does. The event ends when
	 * the stream completes, with the whole text as its output.
	 * @param messages the conversation, system message first
	 * @return the answer's tokens
	 */
	@TraceEvent(name = "chat_completion_stream", type = EventType.MODEL, captureInputs = false)
	public Flux<String> stream(List<ChatMessage> messages) {
		String answer = compose(messages);
		record(messages, answer, tokens(messages), countWords(answer));
		List<String> tokens = new ArrayList<>();
		String[] words = answer.split(" ");
		for (int i = 0; i < words.length; i++) {
			tokens.add((i == 0) ? words[i] : " " + words[i]);
		}
		return Flux.fromIterable(tokens).delayElements(TOKEN_DELAY);
	}

	private void record(List<ChatMessage> messages, String answer, long promptTokens, long completionTokens) {
		HoneyHiveTracer tracer = this.tracer.getIfAvailable();
		if (tracer == null) {
			return;
		}
		tracer.recordModelCall(ModelCall.builder()
			.model(MODEL)
			.provider(PROVIDER)
			.messages(messages.stream()
				.map((message) -> Map.of("role", message.role(), "content", message.content()))
				.toList())
			.response(Map.of("role", "assistant", "content", answer))
			.promptTokens(promptTokens)
			.completionTokens(completionTokens)
			.totalTokens(promptTokens + completionTokens)
			.cost(Math.round((promptTokens + completionTokens) * COST_PER_TOKEN * 1e9) / 1e9)
			.hyperparameter("temperature", 0.0)
			.hyperparameter("max_tokens", 256)
			.build());
	}

	private static String compose(List<ChatMessage> messages) {
		String context = messages.stream()
			.filter((message) -> "system".equals(message.role()))
			.map(ChatMessage::content)
			.reduce("", (left, right) -> left + "\n" + right);
		List<String> facts = context.lines()
			.filter((line) -> line.startsWith("- "))
			.map((line) -> line.substring(2))
			.toList();
		if (facts.isEmpty()) {
			return "I could not find anything about that in the help center. A support agent will follow up.";
		}
		StringBuilder answer = new StringBuilder("Here is what the help center says.");
		for (String fact : facts.subList(0, Math.min(2, facts.size()))) {
			answer.append(' ').append(fact);
		}
		return answer.toString();
	}

	private static long tokens(List<ChatMessage> messages) {
		return messages.stream().mapToLong((message) -> countWords(message.content())).sum();
	}

	private static long countWords(String text) {
		return text.isBlank() ? 0 : text.strip().split("\\s+").length;
	}

}
