package ai.honeyhive.spring.test;

import java.util.List;

import ai.honeyhive.spring.client.EventType;
import ai.honeyhive.spring.tracing.TraceEvent;

/**
 * A traced model call that fails on request.
 */
public class ChatModel {

	@TraceEvent(name = "chat_completion", type = EventType.MODEL)
	public String complete(String question, List<String> documents) {
		if (question.contains("fail")) {
			throw new IllegalStateException("model offline");
		}
		return "From the help center: " + documents.get(0);
	}

}
