package ai.honeyhive.spring.test;

import java.util.List;

import ai.honeyhive.spring.client.EventType;
import ai.honeyhive.spring.tracing.TraceEvent;

/**
 * A traced pipeline as a user writes one: a chain that searches, then asks a model.
 */
public class SupportAssistant {

	private final KnowledgeBase knowledgeBase;

	private final ChatModel model;

	public SupportAssistant(KnowledgeBase knowledgeBase, ChatModel model) {
		this.knowledgeBase = knowledgeBase;
		this.model = model;
	}

	@TraceEvent(name = "answer_question", type = EventType.CHAIN)
	public String answer(String question) {
		List<String> documents = this.knowledgeBase.search(question);
		return this.model.complete(question, documents);
	}

}
