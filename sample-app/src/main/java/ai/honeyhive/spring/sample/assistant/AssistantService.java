package ai.honeyhive.spring.sample.assistant;

import java.util.List;

import reactor.core.publisher.Flux;

import ai.honeyhive.spring.client.EventType;
import ai.honeyhive.spring.tracing.HoneyHiveContext;
import ai.honeyhive.spring.tracing.TraceEvent;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.client.ChatClientResponse;
import org.springframework.ai.chat.client.advisor.vectorstore.QuestionAnswerAdvisor;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.document.Document;
import org.springframework.stereotype.Service;

/**
 * The assistant's pipeline: one Spring AI ChatClient call, which retrieves from the help
 * center, may call the order tool, and answers. A {@code CHAIN} event; the starter
 * records the ChatClient call, the retrieval, the model calls and the tool under it with
 * no further code.
 */
@Service
public class AssistantService {

	private final ChatClient chatClient;

	public AssistantService(ChatClient supportChatClient) {
		this.chatClient = supportChatClient;
	}

	/**
	 * Answer a question.
	 * @param question the question
	 * @return the answer
	 */
	@TraceEvent(name = "answer_question", type = EventType.CHAIN)
	public Answer answer(String question) {
		ChatClientResponse response = this.chatClient.prompt().user(question).call().chatClientResponse();
		ChatResponse chatResponse = response.chatResponse();
		Generation generation = (chatResponse != null) ? chatResponse.getResult() : null;
		String text = (generation != null && generation.getOutput().getText() != null)
				? generation.getOutput().getText() : "";
		List<String> sources = sources(response);
		// Static: does nothing when HoneyHive is disabled, so no bean or null check is
		// needed
		HoneyHiveContext.enrichCurrentEvent(
				(event) -> event.metadata("documents", sources.size()).metrics("grounded", !sources.isEmpty()));
		return new Answer(text, sources, HoneyHiveContext.currentEventId().orElse(null));
	}

	/**
	 * Answer a question as a stream of tokens. The event ends when the stream does.
	 * @param question the question
	 * @return the answer's tokens
	 */
	@TraceEvent(name = "stream_answer", type = EventType.CHAIN)
	public Flux<String> streamAnswer(String question) {
		return this.chatClient.prompt().user(question).stream().content();
	}

	private static List<String> sources(ChatClientResponse response) {
		if (!(response.context().get(QuestionAnswerAdvisor.RETRIEVED_DOCUMENTS) instanceof List<?> documents)) {
			return List.of();
		}
		return documents.stream()
			.filter(Document.class::isInstance)
			.map((document) -> String.valueOf(((Document) document).getMetadata().get(KnowledgeBase.TITLE)))
			.toList();
	}

}
