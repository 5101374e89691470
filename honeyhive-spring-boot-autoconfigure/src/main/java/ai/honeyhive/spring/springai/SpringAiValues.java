package ai.honeyhive.spring.springai;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ai.honeyhive.spring.tracing.ModelCall;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.definition.ToolDefinition;

/**
 * Turns Spring AI's messages, options, tool definitions and usage into HoneyHive's layout
 * of model events (the OpenAI-style {@code role}/{@code content}/{@code tool_calls}
 * messages HoneyHive shows).
 */
final class SpringAiValues {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final SpringAiCaptureSettings settings;

	SpringAiValues(SpringAiCaptureSettings settings) {
		this.settings = settings;
	}

	List<Map<String, @Nullable Object>> messages(List<Message> messages) {
		List<Map<String, @Nullable Object>> history = new ArrayList<>(messages.size());
		for (Message message : messages) {
			if (message instanceof ToolResponseMessage tools) {
				for (ToolResponseMessage.ToolResponse response : tools.getResponses()) {
					Map<String, @Nullable Object> entry = new LinkedHashMap<>();
					entry.put("role", "tool");
					entry.put("tool_call_id", response.id());
					entry.put("name", response.name());
					entry.put("content", response.responseData());
					history.add(entry);
				}
				continue;
			}
			Map<String, @Nullable Object> entry = new LinkedHashMap<>();
			entry.put("role", message.getMessageType().getValue());
			entry.put("content", message.getText());
			if (message instanceof AssistantMessage assistant && assistant.hasToolCalls()) {
				entry.put("tool_calls", toolCalls(assistant.getToolCalls()));
			}
			history.add(entry);
		}
		return history;
	}

	List<Map<String, @Nullable Object>> toolCalls(List<AssistantMessage.ToolCall> calls) {
		List<Map<String, @Nullable Object>> result = new ArrayList<>(calls.size());
		for (AssistantMessage.ToolCall call : calls) {
			Map<String, @Nullable Object> function = new LinkedHashMap<>();
			function.put("name", call.name());
			if (this.settings.content()) {
				function.put("arguments", call.arguments());
			}
			Map<String, @Nullable Object> entry = new LinkedHashMap<>();
			entry.put("id", call.id());
			entry.put("type", (call.type() != null) ? call.type() : "function");
			entry.put("function", function);
			result.add(entry);
		}
		return result;
	}

	@Nullable List<Map<String, Object>> tools(@Nullable ChatOptions options) {
		if (!(options instanceof ToolCallingChatOptions toolOptions)) {
			return null;
		}
		List<ToolCallback> callbacks = toolOptions.getToolCallbacks();
		if (callbacks == null || callbacks.isEmpty()) {
			return null;
		}
		List<Map<String, Object>> tools = new ArrayList<>(callbacks.size());
		for (ToolCallback callback : callbacks) {
			tools.add(Map.of("type", "function", "function", function(callback.getToolDefinition())));
		}
		return tools;
	}

	Map<String, @Nullable Object> function(ToolDefinition definition) {
		Map<String, @Nullable Object> function = new LinkedHashMap<>();
		function.put("name", definition.name());
		function.put("description", definition.description());
		function.put("parameters", json(definition.inputSchema()));
		return function;
	}

	@Nullable Map<String, @Nullable Object> hyperparameters(@Nullable ChatOptions options) {
		if (options == null) {
			return null;
		}
		Map<String, @Nullable Object> parameters = new LinkedHashMap<>();
		putIfSet(parameters, "temperature", options.getTemperature());
		putIfSet(parameters, "max_tokens", options.getMaxTokens());
		putIfSet(parameters, "top_p", options.getTopP());
		putIfSet(parameters, "top_k", options.getTopK());
		putIfSet(parameters, "frequency_penalty", options.getFrequencyPenalty());
		putIfSet(parameters, "presence_penalty", options.getPresencePenalty());
		List<String> stop = options.getStopSequences();
		if (stop != null && !stop.isEmpty()) {
			parameters.put("stop", stop);
		}
		return parameters.isEmpty() ? null : parameters;
	}

	/**
	 * Add the usage and the cost to a model call; usage that reports no tokens at all
	 * (Spring AI's {@code EmptyUsage}) adds nothing.
	 */
	void usage(ModelCall.Builder call, @Nullable Usage usage, @Nullable String model) {
		if (usage == null) {
			return;
		}
		long prompt = orZero(usage.getPromptTokens());
		long completion = orZero(usage.getCompletionTokens());
		long total = orZero(usage.getTotalTokens());
		if (prompt == 0 && completion == 0 && total == 0) {
			return;
		}
		call.promptTokens(prompt).completionTokens(completion).totalTokens((total != 0) ? total : prompt + completion);
		ModelPrice price = this.settings.priceOf(model);
		if (price != null) {
			call.cost(price.cost(prompt, completion));
		}
	}

	/**
	 * Return a JSON text as the value it holds (so HoneyHive shows its fields), or the
	 * text itself when it is not JSON.
	 */
	@Nullable Object json(@Nullable String text) {
		if (text == null || text.isBlank()) {
			return text;
		}
		char first = text.strip().charAt(0);
		if (first != '{' && first != '[' && first != '"') {
			return text;
		}
		try {
			return JSON.readValue(text, Object.class);
		}
		catch (RuntimeException ex) {
			return text;
		}
	}

	private static long orZero(@Nullable Integer value) {
		return (value != null) ? value : 0;
	}

	private static void putIfSet(Map<String, @Nullable Object> map, String key, @Nullable Object value) {
		if (value != null) {
			map.put(key, value);
		}
	}

}
