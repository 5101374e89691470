package ai.honeyhive.spring.test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import ai.honeyhive.spring.publisher.BatchingEventPublisher;
import ai.honeyhive.spring.publisher.EventPublisher;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * A user's test: {@code @AutoConfigureHoneyHiveRecorder} swaps the batching publisher for
 * the recorder, and the recorded tree is asserted in one statement. Each test records one
 * session and checks there is only one, so a recorder that was not reset before each test
 * method fails whichever test runs second.
 */
@SpringBootTest(properties = { "honeyhive.tracing.session-name=support-chat",
		"honeyhive.base-url=http://127.0.0.1:9/never-called" })
@AutoConfigureHoneyHiveRecorder
@Timeout(60)
class AutoConfigureHoneyHiveRecorderTests {

	@Autowired
	private SupportAssistant assistant;

	@Autowired
	private InMemoryEventPublisher recorder;

	@Autowired
	private ApplicationContext context;

	@Test
	void shouldReplaceBatchingPublisherWithRecorder() {
		assertThat(this.context.getBeansOfType(EventPublisher.class)).containsOnlyKeys("honeyHiveRecorder");
		assertThat(this.context.getBeanNamesForType(BatchingEventPublisher.class)).isEmpty();
		this.assistant.answer("How do I reset my password?");
		HoneyHiveRecorderAssert.assertThat(this.recorder).hasSessionCount(1);
	}

	@Test
	void shouldRecordThreeLevelTreeVisibleAsSoonAsCallReturns() {
		this.assistant.answer("How do I reset my password?");
		HoneyHiveRecorderAssert.assertThat(this.recorder).hasTree("""
				session support-chat
				  chain answer_question
				    tool search_knowledge_base
				    model chat_completion
				""");
	}

	@Test
	void shouldLinkTreeAsHoneyHiveDoes() {
		this.assistant.answer("How do I reset my password?");
		HoneyHiveRecorderAssert.assertThat(this.recorder).hasWellLinkedTrees();
	}

	@Test
	void shouldFailWrongTreeWithRecordedTreeInMessage() {
		this.assistant.answer("How do I reset my password?");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> HoneyHiveRecorderAssert.assertThat(this.recorder).hasTree("""
					session support-chat
					  chain answer_question
					    model chat_completion
					      tool search_knowledge_base
					"""))
			.withMessageContaining("but they were:\n  session support-chat\n    chain answer_question\n"
					+ "      tool search_knowledge_base\n      model chat_completion");
	}

	@Test
	void shouldWalkTreeAndCheckFieldsByPath() {
		this.assistant.answer("How do I reset my password?");
		HoneyHiveRecorderAssert.assertThat(this.recorder)
			.hasEventNamed("chat_completion")
			.hasType("model")
			.hasField("inputs.question", "How do I reset my password?")
			.hasField("outputs.result", "From the help center: Reset password: Settings > Security")
			.hasNoError()
			.parent()
			.hasName("answer_question")
			.isTopLevel()
			.hasChildrenNamed("search_knowledge_base", "chat_completion")
			.session()
			.hasName("support-chat");
	}

	@Test
	void shouldRecordUserExceptionAsErrorAndRethrowIt() {
		assertThatIllegalStateException().isThrownBy(() -> this.assistant.answer("please fail"))
			.withMessage("model offline");
		HoneyHiveRecorderAssert.assertThat(this.recorder)
			.hasEventNamed("chat_completion")
			.hasErrorContaining("model offline");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> HoneyHiveRecorderAssert.assertThat(this.recorder).hasNoErrors())
			.withMessageContaining("model offline");
	}

	@Test
	void shouldRecordFromManyThreadsAtOnce() throws Exception {
		ExecutorService executor = Executors.newFixedThreadPool(8);
		try {
			List<CompletableFuture<String>> answers = new ArrayList<>();
			for (int i = 0; i < 40; i++) {
				answers.add(CompletableFuture.supplyAsync(() -> this.assistant.answer("How?"), executor));
			}
			CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
		}
		finally {
			executor.shutdownNow();
		}
		HoneyHiveRecorderAssert.assertThat(this.recorder).hasSessionCount(40).hasWellLinkedTrees();
		HoneyHiveRecorderAssert.assertThat(this.recorder).eventsOfType("model").hasSize(40);
		this.recorder.trees().sessions().forEach((session) -> RecordedEventAssert.assertThat(session).hasTree("""
				session support-chat
				  chain answer_question
				    tool search_knowledge_base
				    model chat_completion
				"""));
	}

}
