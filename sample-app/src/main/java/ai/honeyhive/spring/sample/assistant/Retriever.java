package ai.honeyhive.spring.sample.assistant;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import ai.honeyhive.spring.client.EventType;
import ai.honeyhive.spring.tracing.TraceEvent;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Retrieves context for a question from both sources of the {@link KnowledgeBase} at
 * once, on Boot's application task executor: the searches run on other threads, and their
 * events still hang under this one because the starter carries the trace context to the
 * executor's threads.
 */
@Component
public class Retriever {

	private final KnowledgeBase knowledgeBase;

	private final Executor executor;

	public Retriever(KnowledgeBase knowledgeBase, @Qualifier("applicationTaskExecutor") Executor executor) {
		this.knowledgeBase = knowledgeBase;
		this.executor = executor;
	}

	/**
	 * Retrieve the documents relevant to a question.
	 * @param question the question
	 * @return the documents, manual first
	 */
	@TraceEvent(name = "retrieve_documents", type = EventType.TOOL)
	public List<Document> retrieve(String question) {
		CompletableFuture<List<Document>> manual = CompletableFuture
			.supplyAsync(() -> this.knowledgeBase.search(KnowledgeBase.MANUAL, question, 2), this.executor);
		CompletableFuture<List<Document>> faq = CompletableFuture
			.supplyAsync(() -> this.knowledgeBase.search(KnowledgeBase.FAQ, question, 2), this.executor);
		List<Document> documents = new ArrayList<>(manual.join());
		documents.addAll(faq.join());
		return documents;
	}

}
