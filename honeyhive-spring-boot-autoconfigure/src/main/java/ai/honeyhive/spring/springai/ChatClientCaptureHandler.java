package ai.honeyhive.spring.springai;

import java.util.List;
import java.util.function.Supplier;

import ai.honeyhive.spring.client.EventType;
import ai.honeyhive.spring.tracing.Enrichment;
import ai.honeyhive.spring.tracing.EventHandle;
import ai.honeyhive.spring.tracing.HoneyHiveTracer;
import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.client.ChatClientRequest;
import org.springframework.ai.chat.client.ChatClientResponse;
import org.springframework.ai.chat.client.advisor.api.Advisor;
import org.springframework.ai.chat.client.observation.ChatClientObservationContext;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;

/**
 * Records each {@code ChatClient} call as a {@code chain} event, the parent of the
 * retrievals, model calls and tool executions it makes: the messages it was given (system
 * and user text), the answer, the advisors and whether it streamed. A stream's event ends
 * when the stream does. Token usage stays on the model events, never summed again here.
 * Inside a {@code @TraceEvent(type = MODEL)} method (with
 * {@link SpringAiCaptureSettings#mergeTracedCalls()} on) no chain is recorded, so the
 * method's event absorbs the model call.
 *
 * @since 0.1.0
 */
public final class ChatClientCaptureHandler extends CaptureHandler<ChatClientObservationContext> {

	/** The name of the chain events. */
	public static final String EVENT_NAME = "chat_client";

	/**
	 * Create the handler.
	 * @param tracer the tracer that records the events
	 * @param settings what to capture
	 */
	public ChatClientCaptureHandler(HoneyHiveTracer tracer, SpringAiCaptureSettings settings) {
		this(() -> tracer, settings);
	}

	/**
	 * Create the handler with a tracer looked up when the first call is observed.
	 * @param tracer supplies the tracer that records the events
	 * @param settings what to capture
	 */
	public ChatClientCaptureHandler(Supplier<HoneyHiveTracer> tracer, SpringAiCaptureSettings settings) {
		super(tracer, settings);
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return this.settings.chatClient() && context instanceof ChatClientObservationContext;
	}

	@Override
	@Nullable CaptureState start(ChatClientObservationContext context, @Nullable EventHandle parent) {
		if (this.settings.chatModel() && this.settings.mergeTracedCalls() && parent != null && parent.isTracedMethod()
				&& parent.eventType() == EventType.MODEL) {
			return CaptureState.on(parent);
		}
		return CaptureState.own(tracer().openEvent(EVENT_NAME, EventType.CHAIN, parent));
	}

	@Override
	boolean cancelled(ChatClientObservationContext context) {
		return context.getResponse() == null;
	}

	@Override
	void record(ChatClientObservationContext context, CaptureState state) {
		if (state.event() == null) {
			return;
		}
		Enrichment event = state.target().enrichment();
		ChatClientRequest request = context.getRequest();
		if (this.settings.content()) {
			event.inputs("chat_history", this.values.messages(request.prompt().getInstructions()));
		}
		Object conversationId = request.context().get(ChatMemory.CONVERSATION_ID);
		if (conversationId != null) {
			event.inputs("conversation_id", conversationId);
		}
		List<String> advisors = context.getAdvisors().stream().map(Advisor::getName).toList();
		event.metadata("stream", context.isStream()).metadata("advisors", advisors);
		if (context.getFormat() != null) {
			event.metadata("format", context.getFormat());
		}
		ChatClientResponse response = context.getResponse();
		ChatResponse chatResponse = (response != null) ? response.chatResponse() : null;
		Generation generation = (chatResponse != null) ? chatResponse.getResult() : null;
		if (generation != null) {
			event.outputs("role", "assistant");
			if (this.settings.content()) {
				event.outputs("content", generation.getOutput().getText());
			}
			String finishReason = generation.getMetadata().getFinishReason();
			if (finishReason != null && !finishReason.isEmpty()) {
				event.outputs("finish_reason", finishReason);
			}
		}
	}

}
