package ai.honeyhive.spring.springai;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import ai.honeyhive.spring.client.EventType;
import ai.honeyhive.spring.tracing.Enrichment;
import ai.honeyhive.spring.tracing.EventHandle;
import ai.honeyhive.spring.tracing.HoneyHiveTracer;
import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

import org.springframework.ai.document.Document;
import org.springframework.ai.vectorstore.SearchRequest;
import org.springframework.ai.vectorstore.observation.VectorStoreObservationContext;
import org.springframework.util.StringUtils;

/**
 * Records each vector store query as a {@code tool} event: the store, the query, top-k,
 * similarity threshold and filter, and the documents found (at most
 * {@link SpringAiCaptureSettings#maxDocuments()}, with their ids, scores, texts and
 * metadata). Additions and deletions are not recorded.
 *
 * @since 0.1.0
 */
public final class VectorStoreCaptureHandler extends CaptureHandler<VectorStoreObservationContext> {

	/** The name of the query events. */
	public static final String EVENT_NAME = "vector_store_query";

	/**
	 * Create the handler.
	 * @param tracer the tracer that records the events
	 * @param settings what to capture
	 */
	public VectorStoreCaptureHandler(HoneyHiveTracer tracer, SpringAiCaptureSettings settings) {
		this(() -> tracer, settings);
	}

	/**
	 * Create the handler with a tracer looked up when the first call is observed.
	 * @param tracer supplies the tracer that records the events
	 * @param settings what to capture
	 */
	public VectorStoreCaptureHandler(Supplier<HoneyHiveTracer> tracer, SpringAiCaptureSettings settings) {
		super(tracer, settings);
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return this.settings.vectorStore() && context instanceof VectorStoreObservationContext store
				&& VectorStoreObservationContext.Operation.QUERY.value().equals(store.getOperationName());
	}

	@Override
	@Nullable CaptureState start(VectorStoreObservationContext context, @Nullable EventHandle parent) {
		return CaptureState.own(tracer().openEvent(EVENT_NAME, EventType.TOOL, parent));
	}

	@Override
	void record(VectorStoreObservationContext context, CaptureState state) {
		Enrichment event = state.target().enrichment();
		putIfText(event, "db_system", context.getDatabaseSystem());
		putIfText(event, "collection", context.getCollectionName());
		putIfText(event, "namespace", context.getNamespace());
		putIfText(event, "similarity_metric", context.getSimilarityMetric());
		if (context.getDimensions() != null) {
			event.config("dimensions", context.getDimensions());
		}
		SearchRequest request = context.getQueryRequest();
		if (request != null) {
			if (this.settings.content()) {
				event.inputs("query", request.getQuery());
			}
			event.inputs("top_k", request.getTopK());
			event.inputs("similarity_threshold", request.getSimilarityThreshold());
			if (request.hasFilterExpression()) {
				event.inputs("filter", String.valueOf(request.getFilterExpression()));
			}
		}
		List<Document> documents = context.getQueryResponse();
		if (documents != null) {
			event.outputs("documents", documents(documents));
			event.metadata("document_count", documents.size());
		}
	}

	private List<Map<String, @Nullable Object>> documents(List<Document> documents) {
		int count = Math.min(documents.size(), this.settings.maxDocuments());
		List<Map<String, @Nullable Object>> result = new ArrayList<>(count);
		for (Document document : documents.subList(0, count)) {
			Map<String, @Nullable Object> entry = new LinkedHashMap<>();
			entry.put("id", document.getId());
			entry.put("score", document.getScore());
			if (this.settings.content()) {
				entry.put("content", document.getText());
				entry.put("metadata", document.getMetadata());
			}
			result.add(entry);
		}
		return result;
	}

	private static void putIfText(Enrichment event, String key, @Nullable String value) {
		if (StringUtils.hasText(value)) {
			event.config(key, value);
		}
	}

}
