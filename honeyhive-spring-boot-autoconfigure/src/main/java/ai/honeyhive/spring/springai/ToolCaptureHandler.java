package ai.honeyhive.spring.springai;

import java.util.function.Supplier;

import ai.honeyhive.spring.client.EventType;
import ai.honeyhive.spring.tracing.Enrichment;
import ai.honeyhive.spring.tracing.EventHandle;
import ai.honeyhive.spring.tracing.HoneyHiveTracer;
import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

import org.springframework.ai.tool.definition.ToolDefinition;
import org.springframework.ai.tool.observation.ToolCallingObservationContext;
import org.springframework.util.StringUtils;

/**
 * Records each tool execution as a {@code tool} event named after the tool: its
 * description and parameter schema, the arguments the model chose and the result. A tool
 * failure Spring AI turns into a result (its default) is recorded as that result. When
 * {@link SpringAiCaptureSettings#mergeTracedCalls()} is on, a
 * {@code @TraceEvent(type = TOOL)} method that is the tool enriches this event instead of
 * opening a child.
 *
 * @since 0.1.0
 */
public final class ToolCaptureHandler extends CaptureHandler<ToolCallingObservationContext> {

	/**
	 * Create the handler.
	 * @param tracer the tracer that records the events
	 * @param settings what to capture
	 */
	public ToolCaptureHandler(HoneyHiveTracer tracer, SpringAiCaptureSettings settings) {
		this(() -> tracer, settings);
	}

	/**
	 * Create the handler with a tracer looked up when the first call is observed.
	 * @param tracer supplies the tracer that records the events
	 * @param settings what to capture
	 */
	public ToolCaptureHandler(Supplier<HoneyHiveTracer> tracer, SpringAiCaptureSettings settings) {
		super(tracer, settings);
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return this.settings.tools() && context instanceof ToolCallingObservationContext;
	}

	@Override
	@Nullable CaptureState start(ToolCallingObservationContext context, @Nullable EventHandle parent) {
		EventHandle event = tracer().openEvent(context.getToolDefinition().name(), EventType.TOOL, parent);
		if (this.settings.mergeTracedCalls()) {
			event.absorbTracedCall();
		}
		return CaptureState.own(event);
	}

	@Override
	void record(ToolCallingObservationContext context, CaptureState state) {
		Enrichment event = state.target().enrichment();
		ToolDefinition definition = context.getToolDefinition();
		event.config("type", context.getToolType());
		if (StringUtils.hasText(definition.description())) {
			event.config("description", definition.description());
		}
		event.config("parameters", this.values.json(definition.inputSchema()));
		if (StringUtils.hasText(context.getToolCallId())) {
			event.metadata("tool_call_id", context.getToolCallId());
		}
		if (context.getToolMetadata().returnDirect()) {
			event.metadata("return_direct", true);
		}
		if (this.settings.content()) {
			event.inputs("arguments", this.values.json(context.getToolCallArguments()));
			if (context.getToolCallResult() != null) {
				event.outputs("result", this.values.json(context.getToolCallResult()));
			}
		}
	}

}
