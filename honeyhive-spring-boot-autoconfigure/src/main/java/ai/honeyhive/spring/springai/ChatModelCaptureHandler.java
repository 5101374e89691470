package ai.honeyhive.spring.springai;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import ai.honeyhive.spring.client.EventType;
import ai.honeyhive.spring.tracing.EventHandle;
import ai.honeyhive.spring.tracing.HoneyHiveTracer;
import ai.honeyhive.spring.tracing.ModelCall;
import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.observation.ChatModelObservationContext;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.util.StringUtils;

/**
 * Records each chat model call as a {@code model} event: model, provider,
 * hyperparameters, the tools offered, every message sent (tool calls and tool results
 * included), the response with its tool calls and finish reason, token usage and cost. A
 * stream is one event with the whole text and the final usage; a cancelled stream is
 * marked cancelled. The first model call inside a {@code @TraceEvent(type = MODEL)}
 * method is recorded on that method's event instead, when
 * {@link SpringAiCaptureSettings#mergeTracedCalls()} is on.
 *
 * @since 0.1.0
 */
public final class ChatModelCaptureHandler extends CaptureHandler<ChatModelObservationContext> {

	/**
	 * Create the handler.
	 * @param tracer the tracer that records the events
	 * @param settings what to capture
	 */
	public ChatModelCaptureHandler(HoneyHiveTracer tracer, SpringAiCaptureSettings settings) {
		this(() -> tracer, settings);
	}

	/**
	 * Create the handler with a tracer looked up when the first call is observed.
	 * @param tracer supplies the tracer that records the events
	 * @param settings what to capture
	 */
	public ChatModelCaptureHandler(Supplier<HoneyHiveTracer> tracer, SpringAiCaptureSettings settings) {
		super(tracer, settings);
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return this.settings.chatModel() && context instanceof ChatModelObservationContext;
	}

	@Override
	@Nullable CaptureState start(ChatModelObservationContext context, @Nullable EventHandle parent) {
		if (this.settings.mergeTracedCalls() && parent != null && parent.claimModelCall()) {
			return CaptureState.on(parent);
		}
		String model = requestModel(context.getRequest());
		String name = StringUtils.hasText(model) ? "chat " + model : "chat";
		return CaptureState.own(tracer().openEvent(name, EventType.MODEL, parent));
	}

	@Override
	boolean cancelled(ChatModelObservationContext context) {
		return context.getResponse() == null;
	}

	@Override
	void record(ChatModelObservationContext context, CaptureState state) {
		Prompt prompt = context.getRequest();
		ChatOptions options = prompt.getOptions();
		ChatResponse response = context.getResponse();
		ChatResponseMetadata responseMetadata = (response != null) ? response.getMetadata() : null;
		String responseModel = (responseMetadata != null) ? responseMetadata.getModel() : null;
		String model = requestModel(prompt);
		if (!StringUtils.hasText(model)) {
			model = responseModel;
		}
		ModelCall.Builder call = ModelCall.builder()
			.model(model)
			.provider(context.getOperationMetadata().provider())
			.hyperparameters(this.values.hyperparameters(options))
			.tools(this.values.tools(options));
		if (this.settings.content()) {
			call.messages(this.values.messages(prompt.getInstructions()));
		}
		Generation generation = (response != null) ? response.getResult() : null;
		if (generation != null) {
			call.response(output(generation));
		}
		if (responseMetadata != null) {
			this.values.usage(call, responseMetadata.getUsage(), StringUtils.hasText(model) ? model : responseModel);
		}
		EventHandle target = state.target();
		target.recordModelCall(call.build());
		Map<String, @Nullable Object> metadata = new LinkedHashMap<>();
		metadata.put("stream", context.isStreaming());
		if (responseMetadata != null) {
			putIfText(metadata, "response_id", responseMetadata.getId());
			putIfText(metadata, "response_model", responseModel);
			Usage usage = responseMetadata.getUsage();
			if (usage != null) {
				putIfPositive(metadata, "cache_read_input_tokens", usage.getCacheReadInputTokens());
				putIfPositive(metadata, "cache_write_input_tokens", usage.getCacheWriteInputTokens());
			}
		}
		if (response != null && response.getResults().size() > 1) {
			metadata.put("generations", response.getResults().size());
		}
		target.enrichment().config("type", "chat").metadata(metadata);
	}

	private Map<String, @Nullable Object> output(Generation generation) {
		AssistantMessage message = generation.getOutput();
		Map<String, @Nullable Object> output = new LinkedHashMap<>();
		output.put("role", "assistant");
		if (this.settings.content()) {
			output.put("content", message.getText());
		}
		if (message.hasToolCalls()) {
			output.put("tool_calls", this.values.toolCalls(message.getToolCalls()));
		}
		String finishReason = generation.getMetadata().getFinishReason();
		if (StringUtils.hasText(finishReason)) {
			output.put("finish_reason", finishReason);
		}
		return output;
	}

	private static @Nullable String requestModel(Prompt prompt) {
		ChatOptions options = prompt.getOptions();
		return (options != null) ? options.getModel() : null;
	}

	private static void putIfPositive(Map<String, @Nullable Object> map, String key, @Nullable Long value) {
		if (value != null && value > 0) {
			map.put(key, value);
		}
	}

	private static void putIfText(Map<String, @Nullable Object> map, String key, @Nullable String value) {
		if (StringUtils.hasText(value)) {
			map.put(key, value);
		}
	}

}
