package ai.honeyhive.spring.test;

import java.util.List;

import ai.honeyhive.spring.client.EventType;
import ai.honeyhive.spring.tracing.TraceEvent;

/**
 * A traced tool.
 */
public class KnowledgeBase {

	@TraceEvent(name = "search_knowledge_base", type = EventType.TOOL)
	public List<String> search(String query) {
		return List.of("Reset password: Settings > Security");
	}

}
