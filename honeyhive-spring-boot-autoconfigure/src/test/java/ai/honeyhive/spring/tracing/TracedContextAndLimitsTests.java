package ai.honeyhive.spring.tracing;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import ai.honeyhive.spring.client.CreateEventRequest;
import ai.honeyhive.spring.publisher.InMemoryEventPublisher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import org.springframework.aop.aspectj.annotation.AspectJProxyFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests, through the aspect and {@link HoneyHiveContext}'s public API, that a thread gets
 * its own context back after a traced call or a wrapped task, and of the size limits at
 * their edge: a value exactly at the limit is kept whole, a stream's elements are capped.
 */
@Timeout(30)
class TracedContextAndLimitsTests {

	private final InMemoryEventPublisher publisher = new InMemoryEventPublisher();

	private HoneyHiveTracer tracer = new HoneyHiveTracer(this.publisher, TracingSettings.defaults());

	@AfterEach
	void closeTracer() {
		this.tracer.close();
	}

	private Calls proxy() {
		AspectJProxyFactory factory = new AspectJProxyFactory(new Calls());
		factory.setProxyTargetClass(true);
		factory.addAspect(new TraceEventAspect(this.tracer));
		return factory.getProxy();
	}

	@Test
	void aTracedCallLeavesTheCallersContextAsItFoundIt() {
		Calls calls = proxy();
		calls.call(() -> "inside");
		assertThat(HoneyHiveContext.isActive()).isFalse();
		assertThatIllegalStateException().isThrownBy(() -> calls.call(() -> {
			throw new IllegalStateException("the method's own failure");
		}));
		assertThat(HoneyHiveContext.isActive()).isFalse();
		try (SessionScope scope = this.tracer.startSession("outer")) {
			String session = HoneyHiveContext.currentSessionId().orElseThrow();
			calls.call(() -> "inside");
			assertThat(HoneyHiveContext.currentSessionId()).contains(session);
			assertThat(HoneyHiveContext.currentEventId()).isEmpty();
		}
		assertThat(HoneyHiveContext.isActive()).isFalse();
	}

	@Test
	void aWrappedTaskRunsInTheCapturedContextAndLeavesTheThreadAsItFoundIt() throws Exception {
		ExecutorService plain = Executors.newSingleThreadExecutor();
		try (SessionScope scope = this.tracer.startSession("captured")) {
			String session = HoneyHiveContext.currentSessionId().orElseThrow();
			Runnable check = () -> assertThat(HoneyHiveContext.currentSessionId()).contains(session);
			Runnable runnable = HoneyHiveContext.wrap(check);
			Callable<String> read = () -> HoneyHiveContext.currentSessionId().orElse("none");
			Callable<String> callable = HoneyHiveContext.wrap(read);
			Supplier<String> supplier = HoneyHiveContext
				.wrapSupplier(() -> HoneyHiveContext.currentSessionId().orElse("none"));
			assertThat(plain.submit(() -> {
				runnable.run();
				return HoneyHiveContext.isActive();
			}).get(10, TimeUnit.SECONDS)).as("after the Runnable").isFalse();
			assertThat(
					plain.submit(() -> callable.call() + " " + HoneyHiveContext.isActive()).get(10, TimeUnit.SECONDS))
				.isEqualTo(session + " false");
			assertThat(plain.submit(() -> supplier.get() + " " + HoneyHiveContext.isActive()).get(10, TimeUnit.SECONDS))
				.isEqualTo(session + " false");
		}
		finally {
			plain.shutdownNow();
			assertThat(plain.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
		}
	}

	@Test
	void nullTasksAndEnrichmentsAreRefusedByName() {
		assertThatIllegalArgumentException().isThrownBy(() -> HoneyHiveContext.wrap((Runnable) null))
			.withMessageContaining("'task'");
		assertThatIllegalArgumentException().isThrownBy(() -> HoneyHiveContext.wrap((Callable<?>) null))
			.withMessageContaining("'task'");
		assertThatIllegalArgumentException().isThrownBy(() -> HoneyHiveContext.wrapSupplier(null))
			.withMessageContaining("'supplier'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> HoneyHiveContext.wrap((java.util.concurrent.Executor) null))
			.withMessageContaining("'executor'");
		assertThatIllegalArgumentException().isThrownBy(() -> HoneyHiveContext.enrichSession(null))
			.withMessageContaining("'enrichment'");
		assertThatIllegalArgumentException().isThrownBy(() -> HoneyHiveContext.enrichCurrentEvent(null))
			.withMessageContaining("'enrichment'");
	}

	@Test
	void aValueExactlyAtTheLimitIsKeptWhole() {
		this.tracer = new HoneyHiveTracer(this.publisher, TracingSettings.defaults().withMaxValueSize(5));
		Calls calls = proxy();
		calls.call(() -> "abcde");
		calls.call(() -> "abcdef");
		List<CreateEventRequest> events = this.publisher.getEvents();
		assertThat(events.get(0).outputs()).containsEntry("result", "abcde");
		assertThat((String) events.get(1).outputs().get("result")).startsWith("abcde...[truncated").contains("6 chars");
	}

	@Test
	void aStreamOfTextExactlyAtTheLimitIsKeptWhole() {
		this.tracer = new HoneyHiveTracer(this.publisher, TracingSettings.defaults().withMaxValueSize(6));
		Calls calls = proxy();
		StepVerifier.create(calls.stream(Flux.just("abc", "def"))).expectNextCount(2).verifyComplete();
		StepVerifier.create(calls.stream(Flux.just("abc", "defg"))).expectNextCount(2).verifyComplete();
		List<CreateEventRequest> events = this.publisher.getEvents();
		assertThat(events.get(0).outputs()).containsEntry("result", "abcdef");
		assertThat((String) events.get(1).outputs().get("result")).startsWith("abcdef...[truncated")
			.contains("7 chars");
	}

	@Test
	void aStreamOfManyElementsKeepsTheFirstThousandAndCountsTheRest() {
		Calls calls = proxy();
		StepVerifier.create(calls.stream(Flux.range(0, 1500).map(Integer::valueOf)))
			.expectNextCount(1500)
			.verifyComplete();
		StepVerifier.create(calls.stream(Flux.range(0, 1000).map(Integer::valueOf)))
			.expectNextCount(1000)
			.verifyComplete();
		List<CreateEventRequest> events = this.publisher.getEvents();
		List<Object> many = (List<Object>) events.get(0).outputs().get("result");
		assertThat(many).hasSize(1001).startsWith(0, 1, 2);
		assertThat(many.get(999)).isEqualTo(999);
		assertThat(many.get(1000)).isEqualTo(ValueCapture.TRUNCATED_MARKER + "1500 elements]");
		List<Object> thousand = (List<Object>) events.get(1).outputs().get("result");
		assertThat(thousand).hasSize(1000).endsWith(999);
	}

	@Test
	void aModelResponseThatIsNeitherTextNorAMapIsRecordedAsTheResponse() {
		Calls calls = proxy();
		calls.call(() -> this.tracer
			.recordModelCall(ModelCall.builder().model("m").response(List.of("a", "b")).promptTokens(3).build()));
		CreateEventRequest event = TraceTrees.event(this.publisher, "call");
		assertThat(event.outputs()).containsEntry("response", List.of("a", "b"));
		assertThat(event.metadata()).containsEntry("prompt_tokens", 3L);
	}

	@Test
	void theModelCallsOwnKeysAreNeverRedacted() {
		this.tracer = new HoneyHiveTracer(this.publisher, new TracingSettings(null, "dev", "application", true, true,
				1024, List.of("token", "provider"), java.time.Duration.ofMinutes(5)));
		Calls calls = proxy();
		calls.call(() -> this.tracer.recordModelCall(ModelCall.builder()
			.model("m")
			.provider("openai")
			.promptTokens(3)
			.completionTokens(4)
			.totalTokens(7)
			.response(Map.of("token", "secret"))
			.build()));
		CreateEventRequest event = TraceTrees.event(this.publisher, "call");
		assertThat(event.config()).containsEntry("provider", "openai");
		assertThat(event.metadata()).containsEntry("prompt_tokens", 3L)
			.containsEntry("completion_tokens", 4L)
			.containsEntry("total_tokens", 7L);
		assertThat(event.outputs()).containsEntry("token", "[REDACTED]");
	}

	public static class Calls {

		@TraceEvent
		public Object call(Supplier<Object> body) {
			return body.get();
		}

		@TraceEvent
		public <T> Flux<T> stream(Flux<T> result) {
			return result;
		}

	}

}
