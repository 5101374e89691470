package ai.honeyhive.spring.springai;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import ai.honeyhive.spring.client.CreateEventRequest;
import ai.honeyhive.spring.client.EventType;
import ai.honeyhive.spring.tracing.SessionScope;
import ai.honeyhive.spring.tracing.TraceEvent;
import ai.honeyhive.spring.tracing.TraceEventAspect;
import ai.honeyhive.spring.tracing.TraceTrees;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.aop.aspectj.annotation.AspectJProxyFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of Spring AI calls made inside {@code @TraceEvent} methods: nesting, the merge of
 * a model call into a traced model method, a traced tool method enriching the tool event,
 * and concurrent turns keeping their trees apart.
 */
@Timeout(60)
class SpringAiTracedMethodsTests {

	@Test
	void shouldMergeTheModelCallIntoATracedModelMethod() {
		SpringAiFixture fixture = new SpringAiFixture(SpringAiFixture.defaults());
		ModelService service = proxy(fixture, new ModelService(new FakeChatModel(fixture.registry)));
		String sessionId;
		try (SessionScope session = fixture.tracer.startSession("turn")) {
			sessionId = session.sessionId();
			assertThat(service.ask("hello")).isEqualTo("You asked: hello");
		}
		List<CreateEventRequest> events = TraceTrees.assertLinked(fixture.publisher, sessionId);
		assertThat(events).singleElement().satisfies((event) -> {
			assertThat(event.eventName()).isEqualTo("ask_model");
			assertThat(event.eventType()).isEqualTo(EventType.MODEL);
			assertThat(event.parentId()).isEqualTo(sessionId);
			assertThat(event.inputs()).containsEntry("question", "hello")
				.containsEntry("chat_history", List.of(Map.of("role", "user", "content", "hello")));
			assertThat(event.config()).containsEntry("model", FakeChatModel.MODEL)
				.containsEntry("provider", FakeChatModel.PROVIDER);
			assertThat(event.outputs()).containsEntry("role", "assistant")
				.containsEntry("content", "You asked: hello")
				.containsEntry("result", "You asked: hello");
			assertThat(event.metadata()).containsEntry("prompt_tokens", 10L).containsEntry("completion_tokens", 4L);
		});
	}

	@Test
	void shouldMergeOnlyTheFirstModelCallOfATracedModelMethod() {
		SpringAiFixture fixture = new SpringAiFixture(SpringAiFixture.defaults());
		ModelService service = proxy(fixture, new ModelService(new FakeChatModel(fixture.registry)));
		String sessionId;
		try (SessionScope session = fixture.tracer.startSession("turn")) {
			sessionId = session.sessionId();
			service.askTwice("hello");
		}
		List<CreateEventRequest> events = TraceTrees.assertLinked(fixture.publisher, sessionId);
		CreateEventRequest method = fixture.only("ask_twice");
		assertThat(events).hasSize(2);
		assertThat(fixture.only("chat " + FakeChatModel.MODEL).parentId()).isEqualTo(method.eventId());
		assertThat(method.config()).containsEntry("model", FakeChatModel.MODEL);
	}

	@Test
	void shouldRecordTheModelCallAsAChildWhenMergingIsOff() {
		SpringAiFixture fixture = new SpringAiFixture(
				SpringAiFixture.settings(true, true, true, true, true, true, false));
		ModelService service = proxy(fixture, new ModelService(new FakeChatModel(fixture.registry)));
		String sessionId;
		try (SessionScope session = fixture.tracer.startSession("turn")) {
			sessionId = session.sessionId();
			service.ask("hello");
		}
		TraceTrees.assertLinked(fixture.publisher, sessionId);
		CreateEventRequest method = fixture.only("ask_model");
		CreateEventRequest model = fixture.only("chat " + FakeChatModel.MODEL);
		assertThat(model.parentId()).isEqualTo(method.eventId());
		assertThat(method.config()).isEmpty();
		assertThat(model.metadata()).containsEntry("prompt_tokens", 10L);
	}

	@Test
	void shouldCollapseTheChatClientInsideATracedModelMethod() {
		SpringAiFixture fixture = new SpringAiFixture(SpringAiFixture.defaults());
		FakeChatModel model = new FakeChatModel(fixture.registry);
		ModelService service = proxy(fixture, new ModelService(model, fixture.chatClient(model)));
		String sessionId;
		try (SessionScope session = fixture.tracer.startSession("turn")) {
			sessionId = session.sessionId();
			service.askClient("What is the weather in Paris?");
		}
		TraceTrees.assertLinked(fixture.publisher, sessionId);
		CreateEventRequest method = fixture.only("ask_client");
		assertThat(fixture.publisher.getEvents()).noneMatch((event) -> event.eventType() == EventType.CHAIN);
		// The first model call (the tool call) is merged, the second is a child
		assertThat(method.outputs()).containsKey("tool_calls");
		assertThat(fixture.only("chat " + FakeChatModel.MODEL).parentId()).isEqualTo(method.eventId());
		assertThat(fixture.only("weather").parentId()).isEqualTo(method.eventId());
	}

	@Test
	void shouldLetATracedToolMethodEnrichTheToolEvent() {
		SpringAiFixture fixture = new SpringAiFixture(SpringAiFixture.defaults());
		fixture.weather = proxy(fixture, new WeatherService())::lookup;
		String sessionId;
		try (SessionScope session = fixture.tracer.startSession("turn")) {
			sessionId = session.sessionId();
			fixture.chatClient().prompt().user("What is the weather in Paris?").call().content();
		}
		List<CreateEventRequest> events = TraceTrees.assertLinked(fixture.publisher, sessionId);
		assertThat(events).hasSize(6).noneMatch((event) -> event.eventName().equals("lookup_weather"));
		CreateEventRequest tool = fixture.only("weather");
		assertThat(tool.metadata()).containsEntry("traced_method", "lookup_weather");
		assertThat(tool.inputs()).containsEntry("city", "Paris").containsEntry("arguments", Map.of("city", "Paris"));
		assertThat(tool.outputs()).containsEntry("result", "sunny in Paris");
	}

	@Test
	void shouldNestATracedToolMethodWhenMergingIsOff() {
		SpringAiFixture fixture = new SpringAiFixture(
				SpringAiFixture.settings(true, true, true, true, true, true, false));
		fixture.weather = proxy(fixture, new WeatherService())::lookup;
		String sessionId;
		try (SessionScope session = fixture.tracer.startSession("turn")) {
			sessionId = session.sessionId();
			fixture.chatClient().prompt().user("What is the weather in Paris?").call().content();
		}
		TraceTrees.assertLinked(fixture.publisher, sessionId);
		CreateEventRequest tool = fixture.only("weather");
		assertThat(fixture.only("lookup_weather").parentId()).isEqualTo(tool.eventId());
		assertThat(tool.metadata()).doesNotContainKey("traced_method");
	}

	@Test
	void shouldKeepTheTreesOfConcurrentTurnsApart() throws Exception {
		SpringAiFixture fixture = new SpringAiFixture(SpringAiFixture.defaults());
		ChatClient client = fixture.chatClient();
		int turns = 8;
		ExecutorService executor = Executors.newFixedThreadPool(4);
		CountDownLatch start = new CountDownLatch(1);
		try {
			List<Future<String>> sessions = new ArrayList<>();
			for (int i = 0; i < turns; i++) {
				sessions.add(executor.submit(() -> {
					start.await();
					try (SessionScope session = fixture.tracer.startSession("turn")) {
						client.prompt().user("What is the weather in Paris?").call().content();
						return session.sessionId();
					}
				}));
			}
			start.countDown();
			Set<String> ids = new java.util.HashSet<>();
			for (Future<String> session : sessions) {
				String sessionId = session.get(30, TimeUnit.SECONDS);
				ids.add(sessionId);
				List<CreateEventRequest> events = TraceTrees.assertLinked(fixture.publisher, sessionId);
				assertThat(events).hasSize(6);
				assertThat(events.stream().map(CreateEventRequest::eventName).collect(Collectors.toSet()))
					.containsExactlyInAnyOrder(ChatClientCaptureHandler.EVENT_NAME,
							VectorStoreCaptureHandler.EVENT_NAME, "embedding", "chat " + FakeChatModel.MODEL,
							"weather");
			}
			assertThat(ids).hasSize(turns);
			assertThat(fixture.publisher.getEvents()).hasSize(turns * 6);
		}
		finally {
			executor.shutdownNow();
			assertThat(executor.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
		}
	}

	private static <T> T proxy(SpringAiFixture fixture, T target) {
		AspectJProxyFactory factory = new AspectJProxyFactory(target);
		factory.setProxyTargetClass(true);
		factory.addAspect(new TraceEventAspect(fixture.tracer));
		return factory.getProxy();
	}

	public static class ModelService {

		private final ChatModel model;

		private final ChatClient client;

		ModelService(ChatModel model) {
			this(model, ChatClient.create(model));
		}

		ModelService(ChatModel model, ChatClient client) {
			this.model = model;
			this.client = client;
		}

		@TraceEvent(name = "ask_model", type = EventType.MODEL)
		public String ask(String question) {
			return this.model.call(question);
		}

		@TraceEvent(name = "ask_twice", type = EventType.MODEL, captureOutput = false)
		public void askTwice(String question) {
			this.model.call(question);
			this.model.call(question);
		}

		@TraceEvent(name = "ask_client", type = EventType.MODEL)
		public String askClient(String question) {
			return this.client.prompt().user(question).call().content();
		}

	}

	public static class WeatherService {

		@TraceEvent(name = "lookup_weather", type = EventType.TOOL)
		public String lookup(String city) {
			return "sunny in " + city;
		}

	}

}
