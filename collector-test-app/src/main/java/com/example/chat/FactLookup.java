package com.example.chat;

import ai.honeyhive.spring.client.EventType;
import ai.honeyhive.spring.tracing.TraceEvent;

import org.springframework.stereotype.Component;

/**
 * A tool the chain calls.
 */
@Component
public class FactLookup {

	@TraceEvent(name = "find_fact", type = EventType.TOOL)
	public String find(String query) {
		return "Opening hours are 9 to 5.";
	}

}
