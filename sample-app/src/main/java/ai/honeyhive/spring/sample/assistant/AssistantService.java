package ai.honeyhive.spring.sample.assistant;

import java.util.List;

import reactor.core.publisher.Flux;

import ai.honeyhive.spring.client.EventType;
import ai.honeyhive.spring.tracing.HoneyHiveTracer;
import ai.honeyhive.spring.tracing.TraceEvent;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * The assistant's pipeline: retrieve context, then ask the model. A {@code CHAIN} event
 * whose children are the retrieval and the model call.
 */
@Service
public class AssistantService {

	private static final String INSTRUCTIONS = "You are the support assistant of Example Inc. Answer from the "
			+ "context only.";

	private final Retriever retriever;

	private final OfflineChatModel model;

	private final ObjectProvider<HoneyHiveTracer> tracer;

	public AssistantService(Retriever retriever, OfflineChatModel model, ObjectProvider<HoneyHiveTracer> tracer) {
		this.retriever = retriever;
		this.model = model;
		this.tracer = tracer;
	}

	/**
	 * Answer a question.
	 * @param question the question
	 * @return the answer
	 */
	@TraceEvent(name = "answer_question", type = EventType.CHAIN)
	public Answer answer(String question) {
		List<Document> documents = this.retriever.retrieve(question);
		ChatCompletion completion = this.model.complete(messages(question, documents));
		this.tracer.ifAvailable((tracer) -> tracer.enrichCurrentEvent(
				(event) -> event.metadata("documents", documents.size()).metrics("grounded", !documents.isEmpty())));
		return new Answer(completion.text(), documents.stream().map(Document::title).toList(), completion.eventId());
	}

	/**
	 * Answer a question as a stream of tokens.
	 * @param question the question
	 * @return the answer's tokens
	 */
	@TraceEvent(name = "stream_answer", type = EventType.CHAIN)
	public Flux<String> streamAnswer(String question) {
		List<Document> documents = this.retriever.retrieve(question);
		return this.model.stream(messages(question, documents));
	}

	private static List<ChatMessage> messages(String question, List<Document> documents) {
		StringBuilder context = new StringBuilder(INSTRUCTIONS).append("\nContext:");
		documents.forEach((document) -> context.append("\n- ").append(document.text()));
		return List.of(ChatMessage.system(context.toString()), ChatMessage.user(question));
	}

}
