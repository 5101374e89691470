package ai.honeyhive.spring.sample.assistant;

import java.util.ArrayList;
import java.util.List;

import io.micrometer.observation.ObservationRegistry;

import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.Embedding;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.embedding.EmbeddingRequest;
import org.springframework.ai.embedding.EmbeddingResponse;
import org.springframework.ai.embedding.EmbeddingResponseMetadata;
import org.springframework.ai.embedding.observation.DefaultEmbeddingModelObservationConvention;
import org.springframework.ai.embedding.observation.EmbeddingModelObservationContext;
import org.springframework.ai.embedding.observation.EmbeddingModelObservationDocumentation;

/**
 * A deterministic, offline stand-in for an embedding model, observed as Spring AI's
 * providers are: each significant word is hashed into one of 256 dimensions, so texts
 * sharing words are close. One token per word.
 */
public class OfflineEmbeddingModel implements EmbeddingModel {

	/** The model's name in events. */
	public static final String MODEL = "support-embedding-offline";

	private static final int DIMENSIONS = 256;

	private final ObservationRegistry registry;

	public OfflineEmbeddingModel(ObservationRegistry registry) {
		this.registry = registry;
	}

	@Override
	public EmbeddingResponse call(EmbeddingRequest request) {
		EmbeddingModelObservationContext context = EmbeddingModelObservationContext.builder()
			.embeddingRequest(request)
			.provider(OfflineChatModel.PROVIDER)
			.build();
		return EmbeddingModelObservationDocumentation.EMBEDDING_MODEL_OPERATION
			.observation(null, new DefaultEmbeddingModelObservationConvention(), () -> context, this.registry)
			.observe(() -> {
				List<Embedding> embeddings = new ArrayList<>();
				int tokens = 0;
				for (String text : request.getInstructions()) {
					embeddings.add(new Embedding(vector(text), embeddings.size()));
					tokens += text.isBlank() ? 0 : text.strip().split("\\s+").length;
				}
				EmbeddingResponse response = new EmbeddingResponse(embeddings,
						new EmbeddingResponseMetadata(MODEL, new DefaultUsage(tokens, 0, tokens)));
				context.setResponse(response);
				return response;
			});
	}

	@Override
	public float[] embed(Document document) {
		return embed(document.getText());
	}

	@Override
	public int dimensions() {
		return DIMENSIONS;
	}

	private static float[] vector(String text) {
		float[] vector = new float[DIMENSIONS];
		for (String word : KnowledgeBase.words(text)) {
			vector[Math.floorMod(word.hashCode(), DIMENSIONS - 1)] += 1;
		}
		// Never all zeros, so the cosine similarity is always defined
		vector[DIMENSIONS - 1] = 0.01f;
		return vector;
	}

}
