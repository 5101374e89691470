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

import org.springframework.ai.embedding.Embedding;
import org.springframework.ai.embedding.EmbeddingOptions;
import org.springframework.ai.embedding.EmbeddingRequest;
import org.springframework.ai.embedding.EmbeddingResponse;
import org.springframework.ai.embedding.observation.EmbeddingModelObservationContext;
import org.springframework.util.StringUtils;

/**
 * Records each embedding model call as a {@code model} event: model, provider, the texts
 * embedded, how many vectors of which dimension came back (never the vectors) and token
 * usage.
 *
 * @since 0.1.0
 */
public final class EmbeddingCaptureHandler extends CaptureHandler<EmbeddingModelObservationContext> {

	/**
	 * Create the handler.
	 * @param tracer the tracer that records the events
	 * @param settings what to capture
	 */
	public EmbeddingCaptureHandler(HoneyHiveTracer tracer, SpringAiCaptureSettings settings) {
		this(() -> tracer, settings);
	}

	/**
	 * Create the handler with a tracer looked up when the first call is observed.
	 * @param tracer supplies the tracer that records the events
	 * @param settings what to capture
	 */
	public EmbeddingCaptureHandler(Supplier<HoneyHiveTracer> tracer, SpringAiCaptureSettings settings) {
		super(tracer, settings);
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return this.settings.embedding() && context instanceof EmbeddingModelObservationContext;
	}

	@Override
	@Nullable CaptureState start(EmbeddingModelObservationContext context, @Nullable EventHandle parent) {
		String model = requestModel(context.getRequest());
		String name = StringUtils.hasText(model) ? "embedding " + model : "embedding";
		return CaptureState.own(tracer().openEvent(name, EventType.MODEL, parent));
	}

	@Override
	void record(EmbeddingModelObservationContext context, CaptureState state) {
		EmbeddingRequest request = context.getRequest();
		EmbeddingResponse response = context.getResponse();
		String model = requestModel(request);
		String responseModel = (response != null) ? response.getMetadata().getModel() : null;
		if (!StringUtils.hasText(model)) {
			model = responseModel;
		}
		ModelCall.Builder call = ModelCall.builder().model(model).provider(context.getOperationMetadata().provider());
		if (response != null) {
			this.values.usage(call, response.getMetadata().getUsage(), model);
		}
		EventHandle target = state.target();
		target.recordModelCall(call.build());
		target.enrichment().config("type", "embedding");
		EmbeddingOptions options = request.getOptions();
		if (options != null && options.getDimensions() != null) {
			target.enrichment().config("dimensions", options.getDimensions());
		}
		if (this.settings.content()) {
			target.enrichment().inputs("texts", request.getInstructions());
		}
		else {
			target.enrichment().inputs("count", request.getInstructions().size());
		}
		if (response != null) {
			Map<String, @Nullable Object> outputs = new LinkedHashMap<>();
			outputs.put("embeddings", response.getResults().size());
			if (!response.getResults().isEmpty()) {
				Embedding first = response.getResults().get(0);
				outputs.put("dimensions", first.getOutput().length);
			}
			target.enrichment().outputs(outputs);
			if (StringUtils.hasText(responseModel)) {
				target.enrichment().metadata("response_model", responseModel);
			}
		}
	}

	private static @Nullable String requestModel(EmbeddingRequest request) {
		EmbeddingOptions options = request.getOptions();
		return (options != null) ? options.getModel() : null;
	}

}
