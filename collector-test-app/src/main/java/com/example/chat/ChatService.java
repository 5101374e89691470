package com.example.chat;

import ai.honeyhive.spring.client.EventType;
import ai.honeyhive.spring.tracing.TraceEvent;

import org.springframework.stereotype.Service;

/**
 * One chat turn: look up a fact, then ask the model.
 */
@Service
public class ChatService {

	private final FactLookup lookup;

	private final LanguageModel model;

	ChatService(FactLookup lookup, LanguageModel model) {
		this.lookup = lookup;
		this.model = model;
	}

	@TraceEvent(name = "reply", type = EventType.CHAIN)
	public String reply(String message) {
		String fact = this.lookup.find(message);
		return this.model.generate(message, fact);
	}

}
