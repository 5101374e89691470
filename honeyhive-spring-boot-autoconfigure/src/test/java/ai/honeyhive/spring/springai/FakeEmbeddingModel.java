package ai.honeyhive.spring.springai;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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
 * An embedding model observed as Spring AI's providers are: each word is hashed into one
 * of 16 dimensions, so texts sharing words are similar. One token per word.
 */
final class FakeEmbeddingModel implements EmbeddingModel {

	static final String MODEL = "fake-embedding";

	static final int DIMENSIONS = 16;

	private final ObservationRegistry registry;

	FakeEmbeddingModel(ObservationRegistry registry) {
		this.registry = registry;
	}

	@Override
	public EmbeddingResponse call(EmbeddingRequest request) {
		EmbeddingModelObservationContext context = EmbeddingModelObservationContext.builder()
			.embeddingRequest(request)
			.provider("fake")
			.build();
		return EmbeddingModelObservationDocumentation.EMBEDDING_MODEL_OPERATION
			.observation(null, new DefaultEmbeddingModelObservationConvention(), () -> context, this.registry)
			.observe(() -> {
				List<Embedding> embeddings = new ArrayList<>();
				int tokens = 0;
				for (String text : request.getInstructions()) {
					embeddings.add(new Embedding(vector(text), embeddings.size()));
					tokens += text.split("\\s+").length;
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

	static float[] vector(String text) {
		float[] vector = new float[DIMENSIONS];
		for (String word : text.toLowerCase(Locale.ROOT).split("[^a-z]+")) {
			if (word.length() > 2) {
				vector[Math.floorMod(word.hashCode(), DIMENSIONS)] += 1;
			}
		}
		vector[DIMENSIONS - 1] += 0.01f;
		return vector;
	}

}
