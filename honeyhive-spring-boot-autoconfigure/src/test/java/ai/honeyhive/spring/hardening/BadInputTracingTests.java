package ai.honeyhive.spring.hardening;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.ConcurrentModificationException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import ai.honeyhive.spring.client.CreateEventRequest;
import ai.honeyhive.spring.client.UpdateEventRequest;
import ai.honeyhive.spring.publisher.InMemoryEventPublisher;
import ai.honeyhive.spring.tracing.HoneyHiveTracer;
import ai.honeyhive.spring.tracing.TraceEvent;
import ai.honeyhive.spring.tracing.TraceEventAspect;
import ai.honeyhive.spring.tracing.TracingSettings;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.aop.aspectj.annotation.AspectJProxyFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Unfriendly arguments, results and exceptions through the real {@link TraceEventAspect}:
 * each gives a safe capture, and the caller gets its own result or exception unchanged.
 */
@Timeout(60)
class BadInputTracingTests {

	private static final int MAX_VALUE_SIZE = 1024;

	private static final String TRUNCATED = "...[truncated by HoneyHive: ";

	private final InMemoryEventPublisher publisher = new InMemoryEventPublisher();

	private final HoneyHiveTracer tracer = new HoneyHiveTracer(this.publisher,
			TracingSettings.defaults().withMaxValueSize(MAX_VALUE_SIZE).withAsyncTimeout(Duration.ofMinutes(1)));

	private final HoneyHiveTracer impatientTracer = new HoneyHiveTracer(this.publisher,
			TracingSettings.defaults().withMaxValueSize(MAX_VALUE_SIZE).withAsyncTimeout(Duration.ofMillis(300)));

	private final Target target = proxy(new Target(this.tracer), this.tracer);

	private final Target impatientTarget = proxy(new Target(this.impatientTracer), this.impatientTracer);

	@AfterEach
	void closeTracers() {
		this.tracer.close();
		this.impatientTracer.close();
	}

	private static <T> T proxy(T object, HoneyHiveTracer tracer) {
		AspectJProxyFactory factory = new AspectJProxyFactory(object);
		factory.setProxyTargetClass(true);
		factory.addAspect(new TraceEventAspect(tracer));
		return factory.getProxy();
	}

	private CreateEventRequest onlyEvent() {
		assertThat(this.publisher.getEvents()).hasSize(1);
		return this.publisher.getEvents().get(0);
	}

	private @Nullable Object input() {
		return onlyEvent().inputs().get("value");
	}

	private @Nullable Object output() {
		Map<String, @Nullable Object> outputs = onlyEvent().outputs();
		assertThat(outputs).containsKey("result");
		return outputs.get("result");
	}

	private void assertSessionClosed() {
		String sessionId = onlyEvent().sessionId();
		assertThat(this.publisher.getUpdates()).extracting(UpdateEventRequest::eventId).containsExactly(sessionId);
	}

	@Test
	void shouldCaptureNullArgumentAndResult() {
		assertThat(this.target.same(null)).isNull();
		assertThat(onlyEvent().inputs()).containsEntry("value", null);
		assertThat(output()).isNull();
		assertSessionClosed();
	}

	@Test
	void shouldDescribeCyclicGraphAndReturnItUnchanged() {
		Cycle first = new Cycle("first");
		Cycle second = new Cycle("second");
		first.next = second;
		second.next = first;
		assertThat(this.target.same(first)).isSameAs(first);
		assertThat(input()).asString().startsWith("<unserializable: ");
		assertThat(input().toString()).hasSizeLessThan(MAX_VALUE_SIZE + 100);
		assertSessionClosed();
	}

	@Test
	void shouldTruncateTenMegabyteStringWithMarker() {
		String huge = "x".repeat(10 * 1024 * 1024);
		assertThat(this.target.same(huge)).isSameAs(huge);
		assertThat((String) input()).hasSize(MAX_VALUE_SIZE + (TRUNCATED + "10485760 chars]").length())
			.startsWith("xxx")
			.endsWith(TRUNCATED + "10485760 chars]");
		assertThat((String) output()).endsWith(TRUNCATED + "10485760 chars]");
	}

	@Test
	void shouldTruncateTenMegabyteStringInsideAnObjectToTheJsonLimit() {
		Document document = new Document("title", "y".repeat(10 * 1024 * 1024));
		assertThat(this.target.same(document)).isSameAs(document);
		assertThat((String) input()).startsWith("{\"title\":\"title\",\"body\":\"yyy")
			.endsWith(TRUNCATED + "more than " + MAX_VALUE_SIZE + " bytes of JSON]")
			.hasSizeLessThan(MAX_VALUE_SIZE + 100);
	}

	@Test
	void shouldCaptureByteArraysAsBase64WithinTheLimit() {
		byte[] small = { 1, 2, 3 };
		assertThat(this.target.same(small)).isSameAs(small);
		assertThat(input()).isEqualTo(Base64.getEncoder().encodeToString(small));
		this.publisher.clear();
		byte[] huge = new byte[10 * 1024 * 1024];
		Arrays.fill(huge, (byte) 7);
		assertThat(this.target.same(huge)).isSameAs(huge);
		assertThat((String) input()).endsWith(TRUNCATED + "more than " + MAX_VALUE_SIZE + " bytes of JSON]")
			.hasSizeLessThan(MAX_VALUE_SIZE + 100);
	}

	@Test
	void shouldNotReadAnInputStream() throws Exception {
		InputStream stream = new ByteArrayInputStream(new byte[] { 1, 2, 3 });
		assertThat(this.target.same(stream)).isSameAs(stream);
		assertThat(input()).isEqualTo("<unserializable: java.io.ByteArrayInputStream>");
		assertThat(stream.available()).isEqualTo(3);
	}

	@Test
	void shouldCaptureOptionalByItsContent() {
		Optional<String> present = Optional.of("here");
		assertThat(this.target.same(present)).isSameAs(present);
		assertThat(input()).isEqualTo("here");
		this.publisher.clear();
		assertThat(this.target.same(Optional.empty())).isEqualTo(Optional.empty());
		assertThat(input()).isNull();
	}

	@Test
	void shouldCaptureRecordsAsMapsWithRedaction() {
		Login login = new Login("ada", "s3cr3t");
		assertThat(this.target.same(login)).isSameAs(login);
		assertThat(input()).isEqualTo(Map.of("user", "ada", "password", "[REDACTED]"));
	}

	@Test
	void shouldDescribeMapWhoseKeysCannotBeWritten() {
		Map<Object, Object> map = new LinkedHashMap<>();
		map.put(1, "one");
		map.put(new Key("k"), "custom");
		map.put(null, "null key");
		Object result = this.target.same(map);
		assertThat(result).isSameAs(map);
		assertThat(input()).isEqualTo("<unserializable: java.util.LinkedHashMap>");
	}

	@Test
	void shouldCaptureMapsWithNonStringKeysByTheirText() {
		Map<Object, Object> map = new LinkedHashMap<>();
		map.put(1, "one");
		map.put(Duration.ofSeconds(2), "two");
		map.put(List.of("api_key"), "listed");
		assertThat(this.target.same(map)).isSameAs(map);
		assertThat(input()).isEqualTo(Map.of("1", "one", "PT2S", "two", "[api_key]", "[REDACTED]"));
	}

	@Test
	void shouldDescribeObjectWhoseGetterThrows() {
		ThrowingGetter value = new ThrowingGetter();
		assertThat(this.target.same(value)).isSameAs(value);
		assertThat(input()).isEqualTo("<unserializable: " + ThrowingGetter.class.getName() + ">");
		assertSessionClosed();
	}

	@Test
	void shouldRethrowExceptionWithNullMessageUnchanged() {
		IllegalStateException failure = new IllegalStateException();
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> this.target.fail(failure))
			.isSameAs(failure);
		assertThat(onlyEvent().error()).isEqualTo("java.lang.IllegalStateException");
		assertSessionClosed();
	}

	@Test
	void shouldRethrowExceptionWithCauseCycleUnchanged() {
		IllegalStateException failure = new IllegalStateException("outer");
		IllegalArgumentException cause = new IllegalArgumentException("inner");
		failure.initCause(cause);
		cause.initCause(failure);
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> this.target.fail(failure))
			.isSameAs(failure);
		assertThat(onlyEvent().error()).isEqualTo("java.lang.IllegalStateException: outer");
		assertSessionClosed();
	}

	@Test
	void shouldRecordExceptionWhoseMessageThrowsAndStillCloseTheSession() {
		UnspeakableException failure = new UnspeakableException();
		assertThatExceptionOfType(UnspeakableException.class).isThrownBy(() -> this.target.fail(failure))
			.isSameAs(failure);
		assertThat(onlyEvent().error()).startsWith(UnspeakableException.class.getName() + ": <message unavailable");
		assertSessionClosed();
	}

	@Test
	void shouldTruncateHugeExceptionMessage() {
		IllegalStateException failure = new IllegalStateException("z".repeat(10 * 1024 * 1024));
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> this.target.fail(failure))
			.isSameAs(failure);
		assertThat(onlyEvent().error()).endsWith(TRUNCATED + "10485760 chars]").hasSizeLessThan(MAX_VALUE_SIZE + 100);
	}

	@Test
	void shouldRecordVoidAndPrimitiveReturns() {
		this.target.nothing("a");
		assertThat(onlyEvent().outputs()).isNull();
		this.publisher.clear();
		assertThat(this.target.twice(21)).isEqualTo(42);
		assertThat(onlyEvent().inputs()).containsEntry("value", 21);
		assertThat(output()).isEqualTo(42);
	}

	@Test
	void shouldNeverLetABrokenEnrichmentMapReachTheCaller() {
		assertThat(this.target.enrichWith(new ExplodingMap())).isEqualTo("enriched");
		assertThat(this.publisher.getEvents()).hasSize(1);
		Map<String, @Nullable Object> nullKey = new HashMap<>();
		nullKey.put(null, "v");
		this.publisher.clear();
		assertThat(this.target.enrichWith(nullKey)).isEqualTo("enriched");
		assertThat(onlyEvent().metadata()).containsEntry("null", "v");
	}

	@Test
	void shouldRecordFailedCompletableFutureAndHandBackTheSameFuture() {
		CompletableFuture<String> future = new CompletableFuture<>();
		assertThat(this.target.future(future)).isSameAs(future);
		assertThat(this.publisher.getEvents()).isEmpty();
		IllegalStateException failure = new IllegalStateException("async boom");
		future.completeExceptionally(failure);
		assertThat(onlyEvent().error()).isEqualTo("java.lang.IllegalStateException: async boom");
		assertSessionClosed();
	}

	@Test
	void shouldRecordNeverCompletingCompletableFutureAsTimedOut() {
		CompletableFuture<String> future = new CompletableFuture<>();
		assertThat(this.impatientTarget.future(future)).isSameAs(future);
		await().atMost(Duration.ofSeconds(10)).until(() -> this.publisher.getEvents().size() == 1);
		assertThat(onlyEvent().error()).isEqualTo("timed out after PT0.3S");
		assertThat(onlyEvent().metadata()).containsEntry("timed_out", true);
		assertSessionClosed();
		future.complete("late");
		assertThat(this.publisher.getEvents()).hasSize(1);
		assertThat(future).isCompletedWithValue("late");
	}

	@Test
	void shouldRecordFailedMonoAndPassTheErrorOn() {
		IllegalStateException failure = new IllegalStateException("mono boom");
		StepVerifier.create(this.target.mono(Mono.error(failure))).expectErrorMatches((ex) -> ex == failure).verify();
		assertThat(onlyEvent().error()).isEqualTo("java.lang.IllegalStateException: mono boom");
		assertSessionClosed();
	}

	@Test
	void shouldRecordNeverCompletingMonoAsTimedOut() {
		Mono<String> never = this.impatientTarget.mono(Mono.never());
		StepVerifier.create(never).expectSubscription().expectNoEvent(Duration.ofMillis(50)).thenCancel().verify();
		// the cancel ended it, or the timeout did if it came first
		await().atMost(Duration.ofSeconds(10)).until(() -> this.publisher.getEvents().size() == 1);
		assertThat(onlyEvent().metadata()).containsAnyOf(Map.entry("timed_out", true), Map.entry("cancelled", true));
		this.publisher.clear();
		this.impatientTarget.mono(Mono.never()); // never subscribed
		await().atMost(Duration.ofSeconds(10)).until(() -> this.publisher.getEvents().size() == 1);
		assertThat(onlyEvent().metadata()).containsEntry("timed_out", true);
		assertSessionClosed();
	}

	@Test
	void shouldRecordFailedFluxWithoutChangingTheStream() {
		IllegalStateException failure = new IllegalStateException("flux boom");
		Flux<Object> flux = this.target.flux(Flux.just((Object) "a", "b").concatWith(Flux.error(failure)));
		StepVerifier.create(flux).expectNext("a", "b").expectErrorMatches((ex) -> ex == failure).verify();
		assertThat(onlyEvent().error()).isEqualTo("java.lang.IllegalStateException: flux boom");
	}

	@Test
	void shouldBoundTheCapturedElementsOfAFluxOfLargeChunks() {
		List<Object> chunks = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			chunks.add(new byte[1024 * 1024]);
		}
		StepVerifier.create(this.target.flux(Flux.fromIterable(chunks))).expectNextCount(50).verifyComplete();
		Object result = output();
		assertThat(result).asString().hasSizeLessThan(4 * MAX_VALUE_SIZE).contains(TRUNCATED);
	}

	@Test
	void shouldNotFailAStreamWhoseElementsCannotBeRead() {
		Flux<Object> flux = this.target.flux(Flux.just(new BrokenChars(), new BrokenChars()));
		StepVerifier.create(flux).expectNextCount(2).verifyComplete();
		assertThat(onlyEvent().error()).isNull();
	}

	@TraceEvent
	public static class Target {

		private final HoneyHiveTracer tracer;

		public Target(HoneyHiveTracer tracer) {
			this.tracer = tracer;
		}

		public @Nullable Object same(@Nullable Object value) {
			return value;
		}

		public void nothing(Object value) {
		}

		public int twice(int value) {
			return value * 2;
		}

		public String fail(RuntimeException failure) {
			throw failure;
		}

		public String enrichWith(Map<String, ?> metadata) {
			this.tracer.enrichCurrentEvent((event) -> event.metadata(metadata));
			return "enriched";
		}

		public CompletableFuture<String> future(CompletableFuture<String> future) {
			return future;
		}

		public Mono<String> mono(Mono<String> mono) {
			return mono;
		}

		public Flux<Object> flux(Flux<Object> flux) {
			return flux;
		}

	}

	static final class Cycle {

		public final String name;

		public @Nullable Cycle next;

		Cycle(String name) {
			this.name = name;
		}

	}

	public record Document(String title, String body) {
	}

	public record Login(String user, String password) {
	}

	record Key(String name) {

		@Override
		public String toString() {
			throw new IllegalStateException("no text");
		}

	}

	public static final class ThrowingGetter {

		public String getValue() {
			throw new IllegalStateException("getter boom");
		}

	}

	static final class UnspeakableException extends RuntimeException {

		@Override
		public String getMessage() {
			throw new IllegalStateException("no message");
		}

	}

	static final class ExplodingMap extends HashMap<String, Object> {

		ExplodingMap() {
			put("first", 1);
		}

		@Override
		public void forEach(java.util.function.BiConsumer<? super String, ? super Object> action) {
			action.accept("first", 1);
			throw new ConcurrentModificationException();
		}

	}

	static final class BrokenChars implements CharSequence {

		@Override
		public int length() {
			throw new IllegalStateException("no length");
		}

		@Override
		public char charAt(int index) {
			throw new IllegalStateException("no char");
		}

		@Override
		public CharSequence subSequence(int start, int end) {
			throw new IllegalStateException("no chars");
		}

		@Override
		public String toString() {
			throw new IllegalStateException("no text");
		}

	}

}
