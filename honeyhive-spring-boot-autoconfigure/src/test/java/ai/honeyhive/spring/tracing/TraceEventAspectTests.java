package ai.honeyhive.spring.tracing;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import ai.honeyhive.spring.client.CreateEventRequest;
import ai.honeyhive.spring.client.EventType;
import ai.honeyhive.spring.client.SessionStartRequest;
import ai.honeyhive.spring.client.UpdateEventRequest;
import ai.honeyhive.spring.publisher.InMemoryEventPublisher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

import org.springframework.aop.aspectj.annotation.AspectJProxyFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link TraceEventAspect} on {@link AspectJProxyFactory} proxies.
 */
@Timeout(30)
class TraceEventAspectTests {

	private final InMemoryEventPublisher publisher = new InMemoryEventPublisher();

	private HoneyHiveTracer tracer = new HoneyHiveTracer(this.publisher,
			TracingSettings.defaults().withProject("proj"));

	@AfterEach
	void closeTracer() {
		this.tracer.close();
	}

	private <T> T proxy(T target) {
		AspectJProxyFactory factory = new AspectJProxyFactory(target);
		factory.setProxyTargetClass(true);
		factory.addAspect(new TraceEventAspect(this.tracer));
		return factory.getProxy();
	}

	private Tree tree() {
		Leaf leaf = proxy(new Leaf(this.tracer));
		Middle middle = proxy(new Middle(leaf));
		return proxy(new Tree(middle));
	}

	@Test
	void shouldRecordCallWithInputsOutputTimingAndImplicitSession() {
		Leaf leaf = proxy(new Leaf(this.tracer));
		long before = System.currentTimeMillis();
		assertThat(leaf.echo("hello", 3)).isEqualTo("hellohellohello");
		long after = System.currentTimeMillis();
		CreateEventRequest event = TraceTrees.event(this.publisher, "echo");
		assertThat(event.eventType()).isEqualTo(EventType.TOOL);
		assertThat(event.project()).isEqualTo("proj");
		assertThat(event.source()).isEqualTo("dev");
		assertThat(event.inputs()).containsExactly(Map.entry("text", "hello"), Map.entry("times", 3));
		assertThat(event.outputs()).containsExactly(Map.entry("result", "hellohellohello"));
		assertThat(event.error()).isNull();
		assertThat(event.startTime()).isBetween(before, after);
		assertThat(event.endTime()).isBetween(event.startTime(), after);
		assertThat(event.duration()).isGreaterThanOrEqualTo(0.0).isLessThan((after - before) + 1.0);
		assertThat(UUID.fromString(event.eventId()).version()).isEqualTo(4);
		SessionStartRequest session = this.publisher.getSessions().get(0);
		assertThat(session.sessionName()).isEqualTo("application");
		assertThat(session.project()).isEqualTo("proj");
		assertThat(session.sessionId()).isEqualTo(event.sessionId()).isEqualTo(event.parentId());
		UpdateEventRequest end = this.publisher.getUpdates().get(0);
		assertThat(end.eventId()).isEqualTo(session.sessionId());
		assertThat(end.outputs()).containsEntry("result", "hellohellohello");
		assertThat(end.childrenIds()).containsExactly(event.eventId());
		TraceTrees.assertLinked(this.publisher, session.sessionId());
	}

	@Test
	void shouldLinkThreeNestedCallsIntoOneTree() {
		Tree tree = tree();
		assertThat(tree.run("q")).isEqualTo("[q!]");
		assertThat(this.publisher.getSessions()).hasSize(1);
		String sessionId = this.publisher.getSessions().get(0).sessionId();
		List<CreateEventRequest> events = TraceTrees.assertLinked(this.publisher, sessionId);
		assertThat(events).extracting(CreateEventRequest::eventName).containsExactly("leaf", "middle", "run");
		CreateEventRequest run = TraceTrees.event(this.publisher, "run");
		CreateEventRequest middle = TraceTrees.event(this.publisher, "middle");
		CreateEventRequest leaf = TraceTrees.event(this.publisher, "leaf");
		assertThat(run.eventType()).isEqualTo(EventType.CHAIN);
		assertThat(run.parentId()).isEqualTo(sessionId);
		assertThat(middle.parentId()).isEqualTo(run.eventId());
		assertThat(leaf.parentId()).isEqualTo(middle.eventId());
		assertThat(run.childrenIds()).containsExactly(middle.eventId());
		assertThat(leaf.childrenIds()).isEmpty();
	}

	@Test
	void shouldTraceEveryPublicMethodOfAnAnnotatedTypeAndLetTheMethodAnnotationWin() {
		Middle middle = proxy(new Middle(proxy(new Leaf(this.tracer))));
		middle.plain("x");
		middle.middle("y");
		CreateEventRequest plain = TraceTrees.event(this.publisher, "plain");
		assertThat(plain.eventType()).isEqualTo(EventType.CHAIN);
		assertThat(plain.inputs()).containsEntry("value", "x");
		CreateEventRequest named = TraceTrees.event(this.publisher, "middle");
		assertThat(named.eventType()).isEqualTo(EventType.TOOL);
		assertThat(this.publisher.findEvent("helper")).isEmpty();
	}

	@Test
	void shouldRecordErrorAndRethrowTheSameException() {
		Leaf leaf = proxy(new Leaf(this.tracer));
		IllegalStateException thrown = new IllegalStateException("boom password=hunter2");
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> leaf.fail(thrown)).isSameAs(thrown);
		CreateEventRequest event = TraceTrees.event(this.publisher, "fail");
		assertThat(event.error()).isEqualTo("java.lang.IllegalStateException: boom password=[REDACTED]");
		assertThat(event.outputs()).isNull();
		assertThat(HoneyHiveContext.isActive()).isFalse();
		TraceTrees.assertLinked(this.publisher, event.sessionId());
	}

	@Test
	void shouldLeaveOutNotCapturedParametersAndRedactSecretsByName() {
		Leaf leaf = proxy(new Leaf(this.tracer));
		leaf.login("ada", "s3cret", "raw", Map.of("apiKey", "k", "nested", Map.of("Authorization", "Bearer x")));
		CreateEventRequest event = TraceTrees.event(this.publisher, "login");
		assertThat(event.inputs()).containsOnlyKeys("user", "password", "options");
		assertThat(event.inputs()).containsEntry("user", "ada").containsEntry("password", "[REDACTED]");
		assertThat(event.inputs().get("options"))
			.isEqualTo(Map.of("apiKey", "[REDACTED]", "nested", Map.of("Authorization", "[REDACTED]")));
	}

	@Test
	void shouldDescribeUnserializableValuesAndTruncateOversizedOnes() {
		this.tracer = new HoneyHiveTracer(this.publisher, TracingSettings.defaults().withMaxValueSize(100));
		Leaf leaf = proxy(new Leaf(this.tracer));
		String large = "x".repeat(500);
		leaf.consume(new ByteArrayInputStream(new byte[10]), large, new Cyclic(), new FailingGetter());
		CreateEventRequest event = TraceTrees.event(this.publisher, "consume");
		assertThat(event.inputs().get("in")).isEqualTo("<unserializable: java.io.ByteArrayInputStream>");
		assertThat((String) event.inputs().get("large")).startsWith("x".repeat(100) + "...[truncated")
			.contains("500 chars");
		assertThat((String) event.inputs().get("cyclic")).startsWith("<unserializable: ");
		assertThat((String) event.inputs().get("failing")).startsWith("<unserializable: ");
		assertThat(event.outputs()).containsEntry("result", 7);
	}

	@Test
	void shouldSnapshotArgumentsWhenTheCallStarts() {
		Leaf leaf = proxy(new Leaf(this.tracer));
		List<String> items = new ArrayList<>(List.of("a"));
		leaf.mutate(items);
		CreateEventRequest event = TraceTrees.event(this.publisher, "mutate");
		assertThat(event.inputs().get("items")).isEqualTo(List.of("a"));
		assertThat(event.outputs().get("result")).isEqualTo(List.of("a", "b"));
	}

	@Test
	void shouldRecordCallsOfAnExplicitSessionWithACallerSuppliedId() {
		Tree tree = tree();
		String conversation = UUID.randomUUID().toString();
		for (int i = 0; i < 2; i++) {
			try (SessionScope session = this.tracer.startSession(SessionOptions.builder("chat")
				.sessionId(conversation)
				.input("question", "q" + i)
				.metadata("request", i)
				.userProperty("user", "ada")
				.userProperty("token", "t")
				.build())) {
				assertThat(this.tracer.currentSessionId()).contains(conversation);
				tree.run("q" + i);
				session.enrichment().outputs("answer", "a" + i);
			}
			assertThat(HoneyHiveContext.isActive()).isFalse();
		}
		assertThat(this.publisher.getSessions()).hasSize(2).allSatisfy((session) -> {
			assertThat(session.sessionId()).isEqualTo(conversation);
			assertThat(session.sessionName()).isEqualTo("chat");
			assertThat(session.userProperties()).containsEntry("user", "ada").containsEntry("token", "[REDACTED]");
			assertThat(session.startTime()).isPositive();
		});
		assertThat(this.publisher.getSessions().get(1).inputs()).containsEntry("question", "q1");
		assertThat(this.publisher.getUpdates()).hasSize(2)
			.allSatisfy((update) -> assertThat(update.eventId()).isEqualTo(conversation));
		assertThat(this.publisher.getUpdates().get(1).outputs()).containsExactly(Map.entry("answer", "a1"));
		assertThat(this.publisher.getUpdates().get(1).duration()).isNotNull();
		List<CreateEventRequest> events = TraceTrees.assertLinked(this.publisher, conversation);
		assertThat(events).hasSize(6);
	}

	@Test
	void shouldEnrichTheCurrentEventAndSession() {
		Leaf leaf = proxy(new Leaf(this.tracer));
		String returnedId;
		try (SessionScope session = this.tracer.startSession("s")) {
			returnedId = leaf.enriched();
		}
		CreateEventRequest event = TraceTrees.event(this.publisher, "enriched");
		assertThat(returnedId).isEqualTo(event.eventId());
		assertThat(event.metadata()).containsEntry("k", "v").containsEntry("secret", "[REDACTED]");
		assertThat(event.metrics()).containsEntry("score", 0.9);
		assertThat(event.feedback()).containsEntry("rating", 5);
		assertThat(event.config()).containsEntry("variant", "b");
		assertThat(event.userProperties()).containsEntry("user", "ada");
		assertThat(event.inputs()).containsEntry("extra", List.of(1, 2));
		assertThat(event.outputs()).containsEntry("note", "n").containsEntry("result", event.eventId());
		UpdateEventRequest sessionEnd = this.publisher.getUpdates().get(0);
		assertThat(sessionEnd.metrics()).containsEntry("turns", 1);
		assertThat(this.tracer.enrichCurrentEvent((e) -> e.metadata("late", true))).isFalse();
		assertThat(this.tracer.currentEventId()).isEmpty();
	}

	@Test
	void shouldLayOutAModelCallAsHoneyHiveModelEvents() {
		Leaf leaf = proxy(new Leaf(this.tracer));
		leaf.model("What is in the context?");
		CreateEventRequest event = TraceTrees.event(this.publisher, "chat-completion");
		assertThat(event.eventType()).isEqualTo(EventType.MODEL);
		assertThat(event.config()).containsEntry("model", "gpt-4o")
			.containsEntry("provider", "openai")
			.containsEntry("type", "chat")
			.containsEntry("hyperparameters", Map.of("temperature", 0.2, "max_tokens", 100))
			.containsEntry("template", List.of(Map.of("role", "user", "content", "{{question}}")))
			.containsEntry("template_inputs", Map.of("question", "What is in the context?"))
			.containsEntry("tools", List.of(Map.of("name", "search")));
		assertThat(event.inputs()).containsEntry("chat_history",
				List.of(Map.of("role", "system", "content", "Be brief"),
						Map.of("role", "user", "content", "What is in the context?")));
		assertThat(event.outputs()).containsEntry("role", "assistant").containsEntry("content", "Hello world");
		assertThat(event.metadata()).containsEntry("prompt_tokens", 35L)
			.containsEntry("completion_tokens", 23L)
			.containsEntry("total_tokens", 58L)
			.containsEntry("cost", 0.00008);
	}

	@Test
	void shouldEndCompletableFutureEventWhenItCompletes() {
		Leaf leaf = proxy(new Leaf(this.tracer));
		CompletableFuture<String> pending = new CompletableFuture<>();
		CompletableFuture<String> result = leaf.future(pending);
		assertThat(this.publisher.getEvents()).isEmpty();
		pending.complete("done");
		assertThat(result.join()).isEqualTo("done");
		CreateEventRequest event = TraceTrees.event(this.publisher, "future");
		assertThat(event.outputs()).containsEntry("result", "done");
		TraceTrees.assertLinked(this.publisher, event.sessionId());
	}

	@Test
	void shouldRecordFailedAndCancelledCompletableFutures() {
		Leaf leaf = proxy(new Leaf(this.tracer));
		CompletableFuture<String> failing = new CompletableFuture<>();
		leaf.future(failing);
		failing.completeExceptionally(new IllegalArgumentException("bad"));
		CompletableFuture<String> cancelled = new CompletableFuture<>();
		leaf.future(cancelled);
		cancelled.cancel(true);
		List<CreateEventRequest> events = this.publisher.getEvents();
		assertThat(events).hasSize(2);
		assertThat(events.get(0).error()).isEqualTo("java.lang.IllegalArgumentException: bad");
		assertThat(events.get(1).error()).isNull();
		assertThat(events.get(1).metadata()).containsEntry("cancelled", true);
		assertThat(this.publisher.getUpdates()).hasSize(2);
	}

	@Test
	void shouldEndMonoEventOnValueErrorAndCancellation() {
		Leaf leaf = proxy(new Leaf(this.tracer));
		StepVerifier.create(leaf.mono(Mono.just("v"))).expectNext("v").verifyComplete();
		StepVerifier.create(leaf.mono(Mono.error(new IllegalStateException("no")))).verifyError();
		StepVerifier.create(leaf.mono(Mono.never())).thenCancel().verify();
		List<CreateEventRequest> events = this.publisher.getEvents();
		assertThat(events).hasSize(3);
		assertThat(events.get(0).outputs()).containsEntry("result", "v");
		assertThat(events.get(1).error()).isEqualTo("java.lang.IllegalStateException: no");
		assertThat(events.get(2).metadata()).containsEntry("cancelled", true);
	}

	@Test
	void shouldCaptureFluxOfStringsAsConcatenatedTextWithinTheLimit() {
		this.tracer = new HoneyHiveTracer(this.publisher, TracingSettings.defaults().withMaxValueSize(8));
		Leaf leaf = proxy(new Leaf(this.tracer));
		StepVerifier.create(leaf.stream(Flux.just("Hel", "lo ", "wor", "ld"))).expectNextCount(4).verifyComplete();
		StepVerifier.create(leaf.stream(Flux.just("ok"))).expectNext("ok").verifyComplete();
		StepVerifier.create(leaf.stream(Flux.concat(Flux.just("a"), Flux.error(new IllegalStateException("cut")))))
			.expectNext("a")
			.verifyError();
		List<CreateEventRequest> events = this.publisher.getEvents();
		assertThat(events).hasSize(3);
		assertThat((String) events.get(0).outputs().get("result")).startsWith("Hello wo...[truncated")
			.contains("11 chars");
		assertThat(events.get(1).outputs()).containsEntry("result", "ok");
		assertThat(events.get(2).error()).isEqualTo("java.lang.IllegalStateException: cut");
	}

	@Test
	void shouldEndFluxEventOnCancellation() {
		Leaf leaf = proxy(new Leaf(this.tracer));
		Sinks.Many<String> sink = Sinks.many().unicast().onBackpressureBuffer();
		StepVerifier.create(leaf.stream(sink.asFlux()))
			.then(() -> sink.tryEmitNext("x"))
			.expectNext("x")
			.thenCancel()
			.verify();
		CreateEventRequest event = TraceTrees.event(this.publisher, "stream");
		assertThat(event.metadata()).containsEntry("cancelled", true);
	}

	@Test
	void shouldPublishAnUnfinishedEventWhenTheAsyncTimeoutElapses() {
		this.tracer = new HoneyHiveTracer(this.publisher,
				TracingSettings.defaults().withAsyncTimeout(Duration.ofMillis(50)));
		Leaf leaf = proxy(new Leaf(this.tracer));
		CompletableFuture<String> never = new CompletableFuture<>();
		leaf.future(never);
		await().atMost(10, TimeUnit.SECONDS).until(() -> this.publisher.getEvents().size() == 1);
		CreateEventRequest event = this.publisher.getEvents().get(0);
		assertThat(event.error()).isEqualTo("timed out after PT0.05S");
		assertThat(event.metadata()).containsEntry("timed_out", true);
		assertThat(this.publisher.getUpdates()).hasSize(1);
		never.complete("late");
		assertThat(this.publisher.getEvents()).hasSize(1);
	}

	@Test
	void shouldNotCaptureWhenCaptureIsSwitchedOff() {
		this.tracer = new HoneyHiveTracer(this.publisher, TracingSettings.defaults().withCapture(false, false));
		Leaf leaf = proxy(new Leaf(this.tracer));
		leaf.echo("a", 1);
		leaf.uncaptured("b");
		assertThat(this.publisher.getEvents()).allSatisfy((event) -> {
			assertThat(event.inputs()).isEmpty();
			assertThat(event.outputs()).isNull();
		});
	}

	@Test
	void shouldRecordDurationInFractionalMilliseconds() {
		Leaf leaf = proxy(new Leaf(this.tracer));
		long before = System.nanoTime();
		leaf.echo("a", 1);
		double outerMillis = (System.nanoTime() - before) / 1_000_000.0;
		CreateEventRequest event = TraceTrees.event(this.publisher, "echo");
		double duration = event.duration();
		// measured by the clock around the call, to the nanosecond: an echo lasts a
		// fraction of a millisecond, which whole milliseconds would record as 0 or 1
		assertThat(duration).isPositive().isLessThanOrEqualTo(outerMillis);
		assertThat(duration % 1).as("fraction of a millisecond").isNotZero();
	}

	@TraceEvent(type = EventType.CHAIN)
	static class Tree {

		private final Middle middle;

		Tree(Middle middle) {
			this.middle = middle;
		}

		public String run(String question) {
			return "[" + this.middle.middle(question) + "]";
		}

	}

	@TraceEvent(type = EventType.CHAIN)
	static class Middle {

		private final Leaf leaf;

		Middle(Leaf leaf) {
			this.leaf = leaf;
		}

		@TraceEvent(name = "middle", type = EventType.TOOL)
		public String middle(String value) {
			return this.leaf.leaf(value);
		}

		public String plain(String value) {
			return value;
		}

		String helper(String value) {
			return value;
		}

	}

	static class Leaf {

		private final HoneyHiveTracer tracer;

		Leaf(HoneyHiveTracer tracer) {
			this.tracer = tracer;
		}

		@TraceEvent(name = "leaf")
		public String leaf(String value) {
			return value + "!";
		}

		@TraceEvent
		public String echo(String text, int times) {
			return text.repeat(times);
		}

		@TraceEvent
		public void fail(RuntimeException ex) {
			throw ex;
		}

		@TraceEvent
		public void login(String user, String password, @NotCaptured String document, Map<String, Object> options) {
		}

		@TraceEvent
		public int consume(InputStream in, String large, Cyclic cyclic, FailingGetter failing) {
			return 7;
		}

		@TraceEvent
		public List<String> mutate(List<String> items) {
			items.add("b");
			return items;
		}

		@TraceEvent(captureInputs = false, captureOutput = false)
		public String uncaptured(String value) {
			return value;
		}

		@TraceEvent
		public String enriched() {
			this.tracer.enrichCurrentEvent((event) -> event.metadata("k", "v")
				.metadata("secret", "s")
				.metrics("score", 0.9)
				.feedback("rating", 5)
				.config("variant", "b")
				.userProperties("user", "ada")
				.inputs("extra", List.of(1, 2))
				.outputs("note", "n"));
			this.tracer.enrichSession((session) -> session.metrics("turns", 1));
			return this.tracer.currentEventId().orElseThrow();
		}

		@TraceEvent(name = "chat-completion", type = EventType.MODEL)
		public String model(String question) {
			this.tracer.recordModelCall(ModelCall.builder()
				.model("gpt-4o")
				.provider("openai")
				.message("system", "Be brief")
				.message("user", question)
				.response("Hello world")
				.promptTokens(35)
				.completionTokens(23)
				.cost(0.00008)
				.hyperparameter("temperature", 0.2)
				.hyperparameter("max_tokens", 100)
				.template(List.of(Map.of("role", "user", "content", "{{question}}")))
				.templateInputs(Map.of("question", question))
				.tools(List.of(Map.of("name", "search")))
				.build());
			return "Hello world";
		}

		@TraceEvent
		public CompletableFuture<String> future(CompletableFuture<String> result) {
			return result;
		}

		@TraceEvent
		public Mono<String> mono(Mono<String> result) {
			return result;
		}

		@TraceEvent
		public Flux<String> stream(Flux<String> result) {
			return result;
		}

	}

	public static class Cyclic {

		public Cyclic self = this;

		public List<Object> others = new ArrayList<>(List.of(this));

	}

	public static class FailingGetter {

		public String getValue() {
			throw new IllegalStateException("getter failed");
		}

	}

}
