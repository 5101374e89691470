package ai.honeyhive.spring.sample.assistant;

import io.micrometer.observation.ObservationRegistry;

import ai.honeyhive.spring.tracing.HoneyHiveTracer;
import ai.honeyhive.spring.tracing.SessionScope;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.client.advisor.api.Advisor;
import org.springframework.ai.chat.client.advisor.vectorstore.QuestionAnswerAdvisor;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.vectorstore.SearchRequest;
import org.springframework.ai.vectorstore.SimpleVectorStore;
import org.springframework.ai.vectorstore.VectorStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The assistant's Spring AI parts: the ChatClient (from Spring AI's auto-configured
 * builder, so it is observed) with a retrieval advisor over a {@link SimpleVectorStore}
 * of the help center and the order tool; and the offline models, used unless
 * {@link ModelSelectionEnvironmentPostProcessor} selected OpenAI.
 */
@Configuration(proxyBeanMethods = false)
public class AssistantConfiguration {

	static final String INSTRUCTIONS = "You are the support assistant of Example Inc. Answer from the context "
			+ "only; use the order tool for questions about an order.";

	@Bean
	ChatClient supportChatClient(ChatClient.Builder builder, VectorStore knowledgeBase, OrderTools orderTools) {
		return builder.defaultSystem(INSTRUCTIONS)
			.defaultAdvisors(QuestionAnswerAdvisor.builder(knowledgeBase)
				.searchRequest(SearchRequest.builder().topK(2).similarityThreshold(0.1).build())
				// Retrieve once per turn, before the tool loop
				.order(Advisor.DEFAULT_CHAT_MEMORY_PRECEDENCE_ORDER)
				.build())
			.defaultTools(orderTools)
			.build();
	}

	@Bean
	OrderTools orderTools() {
		return new OrderTools();
	}

	/**
	 * The help center in a vector store. Indexing embeds every document; with HoneyHive
	 * on it is recorded as a session of its own.
	 */
	@Bean
	SimpleVectorStore knowledgeBase(EmbeddingModel embeddingModel, ObjectProvider<ObservationRegistry> registry,
			ObjectProvider<HoneyHiveTracer> tracer) {
		SimpleVectorStore store = SimpleVectorStore.builder(embeddingModel)
			.observationRegistry(registry.getIfUnique(() -> ObservationRegistry.NOOP))
			.build();
		try (SessionScope session = tracer.getIfAvailable(HoneyHiveTracer::disabled)
			.startSession("index_knowledge_base")) {
			store.add(KnowledgeBase.documents());
			session.enrichment().outputs("documents", KnowledgeBase.documents().size());
		}
		return store;
	}

	@Bean
	@ConditionalOnProperty(name = "spring.ai.model.chat", havingValue = ModelSelectionEnvironmentPostProcessor.OFFLINE)
	OfflineChatModel offlineChatModel(ObjectProvider<ObservationRegistry> registry) {
		return new OfflineChatModel(registry.getIfUnique(() -> ObservationRegistry.NOOP));
	}

	@Bean
	@ConditionalOnProperty(name = "spring.ai.model.embedding",
			havingValue = ModelSelectionEnvironmentPostProcessor.OFFLINE)
	OfflineEmbeddingModel offlineEmbeddingModel(ObjectProvider<ObservationRegistry> registry) {
		return new OfflineEmbeddingModel(registry.getIfUnique(() -> ObservationRegistry.NOOP));
	}

}
