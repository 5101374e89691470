package com.example.chat;

import ai.honeyhive.spring.client.EventType;
import ai.honeyhive.spring.tracing.HoneyHiveTracer;
import ai.honeyhive.spring.tracing.ModelCall;
import ai.honeyhive.spring.tracing.TraceEvent;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * A canned language model, recorded as HoneyHive lays out model calls.
 */
@Component
public class LanguageModel {

	static final String MODEL = "canned-1";

	private final ObjectProvider<HoneyHiveTracer> tracer;

	LanguageModel(ObjectProvider<HoneyHiveTracer> tracer) {
		this.tracer = tracer;
	}

	@TraceEvent(name = "generate", type = EventType.MODEL, captureInputs = false)
	public String generate(String message, String fact) {
		String answer = "You asked '" + message + "'. " + fact;
		this.tracer.ifAvailable((tracer) -> tracer.recordModelCall(ModelCall.builder()
			.model(MODEL)
			.provider("canned")
			.message("user", message)
			.response(answer)
			.promptTokens(12)
			.completionTokens(9)
			.build()));
		return answer;
	}

}
