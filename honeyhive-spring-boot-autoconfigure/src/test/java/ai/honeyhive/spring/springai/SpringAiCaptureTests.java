package ai.honeyhive.spring.springai;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import ai.honeyhive.spring.client.CreateEventRequest;
import ai.honeyhive.spring.client.EventType;
import ai.honeyhive.spring.tracing.SessionScope;
import ai.honeyhive.spring.tracing.TraceTrees;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import org.junit.jupiter.api.Timeout;

import org.springframework.ai.chat.client.ChatClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * Tests of the Spring AI capture on a ChatClient with retrieval and a tool over the fake
 * models: the tree of a turn, the fields of each event, streams, cancellation and errors.
 */
@Timeout(60)
class SpringAiCaptureTests {

	private static final String QUESTION = "What is the weather in Paris?";

	@Test
	void shouldRecordChatClientRetrievalToolAndModelCallsAsOneTree() {
		SpringAiFixture fixture = new SpringAiFixture(SpringAiFixture.defaults());
		String answer;
		String sessionId;
		try (SessionScope session = fixture.tracer.startSession("turn")) {
			sessionId = session.sessionId();
			answer = fixture.chatClient().prompt().system("Be brief.").user(QUESTION).call().content();
		}
		assertThat(answer).isEqualTo("The weather is \"sunny in Paris\".");
		List<CreateEventRequest> events = TraceTrees.assertLinked(fixture.publisher, sessionId);
		CreateEventRequest chain = fixture.only(ChatClientCaptureHandler.EVENT_NAME);
		CreateEventRequest query = fixture.only(VectorStoreCaptureHandler.EVENT_NAME);
		CreateEventRequest embedding = fixture.only("embedding");
		CreateEventRequest tool = fixture.only("weather");
		List<CreateEventRequest> models = fixture.events(EventType.MODEL)
			.stream()
			.filter((event) -> event.eventName().equals("chat " + FakeChatModel.MODEL))
			.toList();
		assertThat(events).hasSize(6);
		assertThat(models).hasSize(2);
		assertThat(chain.eventType()).isEqualTo(EventType.CHAIN);
		assertThat(chain.parentId()).isEqualTo(sessionId);
		assertThat(query.eventType()).isEqualTo(EventType.TOOL);
		assertThat(query.parentId()).isEqualTo(chain.eventId());
		assertThat(embedding.parentId()).isEqualTo(query.eventId());
		assertThat(tool.eventType()).isEqualTo(EventType.TOOL);
		assertThat(tool.parentId()).isEqualTo(chain.eventId());
		assertThat(models).allSatisfy((model) -> assertThat(model.parentId()).isEqualTo(chain.eventId()));
		// Order of the turn: query, model asking for the tool, the tool, model answering
		assertThat(query.startTime()).isLessThanOrEqualTo(models.get(0).startTime());
		assertThat(models.get(0).endTime()).isLessThanOrEqualTo(tool.startTime());
		assertThat(tool.endTime()).isLessThanOrEqualTo(models.get(1).startTime());
	}

	@Test
	void shouldRecordModelConfigMessagesToolCallsUsageAndCost() {
		SpringAiFixture fixture = new SpringAiFixture(SpringAiFixture.defaults());
		try (SessionScope session = fixture.tracer.startSession("turn")) {
			fixture.chatClient().prompt().system("Be brief.").user(QUESTION).call().content();
		}
		List<CreateEventRequest> models = fixture.events(EventType.MODEL)
			.stream()
			.filter((event) -> event.eventName().startsWith("chat"))
			.toList();
		CreateEventRequest asking = models.get(0);
		assertThat(asking.config()).containsEntry("model", FakeChatModel.MODEL)
			.containsEntry("provider", FakeChatModel.PROVIDER)
			.containsEntry("type", "chat")
			.containsEntry("hyperparameters", Map.of("temperature", 0.2, "max_tokens", 128));
		assertThat(asking.config().get("tools")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
			.singleElement()
			.satisfies((tool) -> assertThat(tool).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
				.containsEntry("type", "function")
				.extractingByKey("function")
				.asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
				.containsEntry("name", "weather")
				.containsEntry("description", "Current weather of a city")
				.containsKey("parameters"));
		assertThat(history(asking)).first().isEqualTo(Map.of("role", "system", "content", "Be brief."));
		assertThat(history(asking)).last()
			.satisfies((message) -> assertThat(message).containsEntry("role", "user")
				.extractingByKey("content")
				.asString()
				.contains(QUESTION)
				.contains("Paris weather is mild in spring"));
		assertThat(asking.outputs()).containsEntry("role", "assistant")
			.containsEntry("finish_reason", "tool_calls")
			.containsEntry("tool_calls", List.of(Map.of("id", "call-1", "type", "function", "function",
					Map.of("name", "weather", "arguments", "{\"city\":\"Paris\"}"))));
		assertThat(asking.metadata()).containsEntry("prompt_tokens", 20L)
			.containsEntry("completion_tokens", 5L)
			.containsEntry("total_tokens", 25L)
			.containsEntry("cost", 0.00003)
			.containsEntry("response_id", "resp-1")
			.containsEntry("response_model", FakeChatModel.MODEL + "-2026")
			.containsEntry("stream", false);
		CreateEventRequest answering = models.get(1);
		assertThat(history(answering))
			.anySatisfy((message) -> assertThat(message).containsEntry("role", "assistant").containsKey("tool_calls"));
		assertThat(history(answering)).last()
			.isEqualTo(Map.of("role", "tool", "tool_call_id", "call-1", "name", "weather", "content",
					"\"sunny in Paris\""));
		assertThat(answering.outputs()).containsEntry("content", "The weather is \"sunny in Paris\".")
			.containsEntry("finish_reason", "stop");
		assertThat(answering.metadata()).containsEntry("prompt_tokens", 30L).containsEntry("completion_tokens", 6L);
	}

	@Test
	void shouldRecordChainToolRetrievalAndEmbeddingFieldsWithTokensOnModelEventsOnly() {
		SpringAiFixture fixture = new SpringAiFixture(SpringAiFixture.defaults());
		try (SessionScope session = fixture.tracer.startSession("turn")) {
			fixture.chatClient().prompt().system("Be brief.").user(QUESTION).call().content();
		}
		CreateEventRequest chain = fixture.only(ChatClientCaptureHandler.EVENT_NAME);
		assertThat(chain.inputs().get("chat_history")).isEqualTo(
				List.of(Map.of("role", "system", "content", "Be brief."), Map.of("role", "user", "content", QUESTION)));
		assertThat(chain.outputs()).containsEntry("role", "assistant")
			.containsEntry("content", "The weather is \"sunny in Paris\".");
		assertThat(chain.metadata()).containsEntry("stream", false)
			.doesNotContainKeys("prompt_tokens", "completion_tokens", "total_tokens", "cost");
		CreateEventRequest tool = fixture.only("weather");
		assertThat(tool.inputs()).containsEntry("arguments", Map.of("city", "Paris"));
		assertThat(tool.outputs()).containsEntry("result", "sunny in Paris");
		assertThat(tool.config()).containsEntry("description", "Current weather of a city")
			.containsEntry("type", "function");
		assertThat(tool.metadata()).containsEntry("tool_call_id", "call-1").doesNotContainKey("prompt_tokens");
		CreateEventRequest query = fixture.only(VectorStoreCaptureHandler.EVENT_NAME);
		assertThat(query.inputs()).containsEntry("query", QUESTION).containsEntry("top_k", 1);
		assertThat(query.config()).containsEntry("db_system", "simple");
		assertThat(query.outputs().get("documents")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
			.singleElement()
			.satisfies(
					(document) -> assertThat(document).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
						.containsEntry("id", "doc-1")
						.containsEntry("content", "Paris weather is mild in spring")
						.containsKey("score"));
		CreateEventRequest embedding = fixture.only("embedding");
		assertThat(embedding.eventType()).isEqualTo(EventType.MODEL);
		assertThat(embedding.config()).containsEntry("model", FakeEmbeddingModel.MODEL)
			.containsEntry("provider", "fake")
			.containsEntry("type", "embedding");
		assertThat(embedding.inputs()).containsEntry("texts", List.of(QUESTION));
		assertThat(embedding.outputs()).isEqualTo(Map.of("embeddings", 1, "dimensions", FakeEmbeddingModel.DIMENSIONS));
		assertThat(embedding.metadata()).containsEntry("prompt_tokens", 6L).containsEntry("total_tokens", 6L);
	}

	@Test
	void shouldRecordAStreamAsOneModelEventWithTheWholeTextAndTheFinalUsage() {
		SpringAiFixture fixture = new SpringAiFixture(SpringAiFixture.defaults());
		List<String> tokens;
		String sessionId;
		try (SessionScope session = fixture.tracer.startSession("turn")) {
			sessionId = session.sessionId();
			tokens = fixture.chatClient().prompt().user("Tell me a story").stream().content().collectList().block();
		}
		assertThat(tokens).hasSizeGreaterThan(1);
		await().atMost(Duration.ofSeconds(30)).until(() -> fixture.events(EventType.MODEL).size() == 2);
		CreateEventRequest chain = fixture.only(ChatClientCaptureHandler.EVENT_NAME);
		CreateEventRequest model = fixture.only("chat " + FakeChatModel.MODEL);
		assertThat(chain.parentId()).isEqualTo(sessionId);
		assertThat(model.parentId()).isEqualTo(chain.eventId());
		assertThat(model.outputs()).containsEntry("content", "You asked: Tell me a story")
			.containsEntry("finish_reason", "stop");
		assertThat(model.metadata()).containsEntry("stream", true)
			.containsEntry("prompt_tokens", 10L)
			.containsEntry("completion_tokens", 4L)
			.doesNotContainKey("cancelled");
		assertThat(chain.outputs()).containsEntry("content", "You asked: Tell me a story");
		assertThat(chain.metadata()).containsEntry("stream", true);
	}

	@Test
	void shouldEndTheChainWhenTheStreamEndsNotWhenItIsCreated() {
		SpringAiFixture fixture = new SpringAiFixture(SpringAiFixture.defaults());
		ChatClient client = fixture
			.chatClient(new FakeChatModel(fixture.registry, FakeChatModel::answer, Duration.ofMillis(60)));
		try (SessionScope session = fixture.tracer.startSession("turn")) {
			Flux<String> stream = client.prompt().user("Tell me a story").stream().content();
			assertThat(fixture.publisher.getEvents()).as("nothing recorded before the subscription").isEmpty();
			assertThat(stream.collectList().block()).hasSize(6);
		}
		await().atMost(Duration.ofSeconds(30)).until(() -> fixture.events(EventType.MODEL).size() == 2);
		CreateEventRequest chain = fixture.only(ChatClientCaptureHandler.EVENT_NAME);
		CreateEventRequest model = fixture.only("chat " + FakeChatModel.MODEL);
		// Six chunks, each delayed by 60 ms
		assertThat(model.duration()).isGreaterThanOrEqualTo(300.0);
		assertThat(chain.duration()).isGreaterThanOrEqualTo(300.0);
		assertThat(chain.endTime()).isGreaterThanOrEqualTo(model.startTime() + 300);
	}

	@Test
	void shouldMarkACancelledStreamCancelled() {
		SpringAiFixture fixture = new SpringAiFixture(SpringAiFixture.defaults());
		try (SessionScope session = fixture.tracer.startSession("turn")) {
			ChatClient client = fixture
				.chatClient(new FakeChatModel(fixture.registry, FakeChatModel::answer, Duration.ofMillis(200)));
			String first = client.prompt().user("Tell me a story").stream().content().blockFirst();
			assertThat(first).isEqualTo("You");
		}
		await().atMost(Duration.ofSeconds(30)).until(() -> fixture.events(EventType.MODEL).size() == 2);
		CreateEventRequest model = fixture.only("chat " + FakeChatModel.MODEL);
		CreateEventRequest chain = fixture.only(ChatClientCaptureHandler.EVENT_NAME);
		assertThat(model.metadata()).containsEntry("cancelled", true).doesNotContainKey("prompt_tokens");
		assertThat(model.error()).isNull();
		assertThat(model.outputs()).isNull();
		assertThat(chain.metadata()).containsEntry("cancelled", true);
		assertThat(chain.error()).isNull();
	}

	@Test
	void shouldRecordTheModelsErrorAndRethrowItUnchanged() {
		IllegalStateException failure = new IllegalStateException("model is down");
		SpringAiFixture fixture = new SpringAiFixture(SpringAiFixture.defaults());
		ChatClient client = fixture.chatClient(new FakeChatModel(fixture.registry, (prompt) -> {
			throw failure;
		}));
		String sessionId;
		try (SessionScope session = fixture.tracer.startSession("turn")) {
			sessionId = session.sessionId();
			assertThatIllegalStateException().isThrownBy(() -> client.prompt().user("hello").call().content())
				.isSameAs(failure);
		}
		TraceTrees.assertLinked(fixture.publisher, sessionId);
		CreateEventRequest model = fixture.only("chat " + FakeChatModel.MODEL);
		assertThat(model.error()).isEqualTo("java.lang.IllegalStateException: model is down");
		assertThat(model.config()).containsEntry("model", FakeChatModel.MODEL);
		assertThat(history(model)).last().satisfies((message) -> assertThat(message).containsEntry("role", "user"));
		assertThat(fixture.only(ChatClientCaptureHandler.EVENT_NAME).error())
			.isEqualTo("java.lang.IllegalStateException: model is down");
	}

	@Test
	void shouldOpenAnImplicitSessionForACallOutsideAnySession() {
		SpringAiFixture fixture = new SpringAiFixture(SpringAiFixture.defaults());
		fixture.chatClient().prompt().user(QUESTION).call().content();
		assertThat(fixture.publisher.getSessions()).singleElement()
			.satisfies((session) -> assertThat(session.sessionName()).isEqualTo("application"));
		String sessionId = fixture.publisher.getSessions().get(0).sessionId();
		assertThat(TraceTrees.assertLinked(fixture.publisher, sessionId)).hasSize(6);
	}

	@SuppressWarnings("unchecked")
	static List<Map<String, Object>> history(CreateEventRequest event) {
		return (List<Map<String, Object>>) event.inputs().get("chat_history");
	}

}
