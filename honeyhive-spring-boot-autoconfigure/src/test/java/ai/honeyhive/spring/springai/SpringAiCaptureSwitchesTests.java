package ai.honeyhive.spring.springai;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;

import ai.honeyhive.spring.client.CreateEventRequest;
import ai.honeyhive.spring.client.EventType;
import ai.honeyhive.spring.tracing.SessionScope;
import ai.honeyhive.spring.tracing.TraceTrees;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.definition.ToolDefinition;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of what the Spring AI capture settings switch off: each kind of event, and
 * content. A kind switched off leaves the rest of the tree linked.
 */
@Timeout(60)
class SpringAiCaptureSwitchesTests {

	private static final String QUESTION = "What is the weather in Paris?";

	static Stream<Arguments> kinds() {
		Predicate<CreateEventRequest> chain = (event) -> event.eventType() == EventType.CHAIN;
		Predicate<CreateEventRequest> chat = (event) -> event.eventName().startsWith("chat ");
		Predicate<CreateEventRequest> tool = (event) -> event.eventName().equals("weather");
		Predicate<CreateEventRequest> query = (event) -> event.eventName().equals(VectorStoreCaptureHandler.EVENT_NAME);
		Predicate<CreateEventRequest> embedding = (event) -> event.eventName().startsWith("embedding");
		return Stream.of(
				Arguments.of("chat client", SpringAiFixture.settings(false, true, true, true, true, true, true), chain,
						5),
				Arguments.of("chat model", SpringAiFixture.settings(true, false, true, true, true, true, true), chat,
						4),
				Arguments.of("tools", SpringAiFixture.settings(true, true, false, true, true, true, true), tool, 5),
				Arguments.of("vector store", SpringAiFixture.settings(true, true, true, false, true, true, true), query,
						5),
				Arguments.of("embedding", SpringAiFixture.settings(true, true, true, true, false, true, true),
						embedding, 5));
	}

	@ParameterizedTest(name = "{0} off")
	@MethodSource("kinds")
	void shouldRecordNoEventOfAKindSwitchedOffAndKeepTheTreeLinked(String kind, SpringAiCaptureSettings settings,
			Predicate<CreateEventRequest> ofKind, int expectedEvents) {
		SpringAiFixture fixture = new SpringAiFixture(settings);
		String sessionId;
		try (SessionScope session = fixture.tracer.startSession("turn")) {
			sessionId = session.sessionId();
			fixture.chatClient().prompt().user(QUESTION).call().content();
		}
		List<CreateEventRequest> events = TraceTrees.assertLinked(fixture.publisher, sessionId);
		assertThat(events).noneMatch(ofKind).hasSize(expectedEvents);
	}

	@Test
	void shouldAttachModelAndToolEventsToTheSessionWhenChatClientIsOff() {
		SpringAiFixture fixture = new SpringAiFixture(
				SpringAiFixture.settings(false, true, true, true, true, true, true));
		String sessionId;
		try (SessionScope session = fixture.tracer.startSession("turn")) {
			sessionId = session.sessionId();
			fixture.chatClient().prompt().user(QUESTION).call().content();
		}
		assertThat(fixture.publisher.getEvents()).filteredOn((event) -> !event.eventName().startsWith("embedding"))
			.allSatisfy((event) -> assertThat(event.parentId()).isEqualTo(sessionId));
	}

	@Test
	void shouldRecordNoContentWhenContentIsOff() {
		SpringAiFixture fixture = new SpringAiFixture(
				SpringAiFixture.settings(true, true, true, true, true, false, true));
		try (SessionScope session = fixture.tracer.startSession("turn")) {
			fixture.chatClient().prompt().system("Be brief.").user(QUESTION).call().content();
		}
		List<CreateEventRequest> events = fixture.publisher.getEvents();
		assertThat(events).hasSize(6);
		assertThat(events).allSatisfy((event) -> {
			String recorded = String.valueOf(event.inputs()) + event.outputs();
			assertThat(recorded).doesNotContain("Paris", "Be brief", "sunny", "Invoices");
		});
		CreateEventRequest asking = fixture.events(EventType.MODEL)
			.stream()
			.filter((event) -> event.eventName().startsWith("chat"))
			.findFirst()
			.orElseThrow();
		assertThat(asking.inputs()).doesNotContainKey("chat_history");
		assertThat(asking.outputs()).containsEntry("role", "assistant")
			.containsEntry("finish_reason", "tool_calls")
			.containsEntry("tool_calls",
					List.of(Map.of("id", "call-1", "type", "function", "function", Map.of("name", "weather"))));
		assertThat(asking.config()).containsEntry("model", FakeChatModel.MODEL).containsEntry("type", "chat");
		assertThat(asking.metadata()).containsEntry("prompt_tokens", 20L).containsEntry("completion_tokens", 5L);
		assertThat(fixture.only("weather").inputs()).isEmpty();
		assertThat(fixture.only(VectorStoreCaptureHandler.EVENT_NAME).outputs().get("documents"))
			.asInstanceOf(InstanceOfAssertFactories.LIST)
			.singleElement()
			.satisfies((document) -> assertThat(document).asInstanceOf(InstanceOfAssertFactories.MAP)
				.containsOnlyKeys("id", "score")
				.containsEntry("id", "doc-1"));
		assertThat(fixture.only("embedding").inputs()).isEqualTo(Map.of("count", 1));
	}

	@Test
	void shouldNotBreakTheCallWhenRecordingFails() {
		SpringAiFixture fixture = new SpringAiFixture(SpringAiFixture.defaults());
		ToolCallback broken = new ToolCallback() {

			@Override
			public ToolDefinition getToolDefinition() {
				return new ToolDefinition() {

					@Override
					public String name() {
						return "broken";
					}

					@Override
					public String description() {
						return "A tool whose schema cannot be read";
					}

					@Override
					public String inputSchema() {
						throw new IllegalStateException("no schema");
					}

				};
			}

			@Override
			public String call(String toolInput) {
				return "";
			}

		};
		String answer;
		String sessionId;
		try (SessionScope session = fixture.tracer.startSession("turn")) {
			sessionId = session.sessionId();
			answer = fixture.chatClient().prompt().user("hello").tools(broken).call().content();
		}
		assertThat(answer).isEqualTo("You asked: hello");
		TraceTrees.assertLinked(fixture.publisher, sessionId);
		CreateEventRequest event = fixture.only("chat " + FakeChatModel.MODEL);
		assertThat(event.error()).isNull();
		assertThat(event.config()).as("recorded before the failure").isEmpty();
	}

}
