package com.example.chat;

import org.junit.jupiter.api.Test;

import ai.honeyhive.spring.test.AutoConfigureHoneyHiveRecorder;
import ai.honeyhive.spring.test.HoneyHiveRecorderAssert;
import ai.honeyhive.spring.test.InMemoryEventPublisher;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A user's test with {@code honeyhive-spring-boot-test}: the chat turn's three-level tree
 * in one statement, and what a wrong expectation prints.
 */
@SpringBootTest
@AutoConfigureHoneyHiveRecorder
class ChatRecorderTests {

	@Autowired
	private ChatService chat;

	@Autowired
	private InMemoryEventPublisher recorder;

	@Test
	void chatTurnIsOneSessionWithChainToolAndModel() {
		this.chat.reply("When are you open?");
		HoneyHiveRecorderAssert.assertThat(this.recorder).hasTree("""
				session chat
				  chain reply
				    tool find_fact
				    model generate
				""");
		HoneyHiveRecorderAssert.assertThat(this.recorder)
			.hasEventNamed("generate")
			.hasField("config.model", LanguageModel.MODEL)
			.hasField("metadata.total_tokens", 21);
	}

	@Test
	void wrongTreeFailsShowingTheRecordedOne() {
		this.chat.reply("When are you open?");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> HoneyHiveRecorderAssert.assertThat(this.recorder).hasTree("""
					session chat
					  chain reply
					    model generate
					"""))
			.withMessageContaining(
					"but they were:\n  session chat\n    chain reply\n      tool find_fact\n" + "      model generate");
	}

}
