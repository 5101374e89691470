package ai.honeyhive.spring.autoconfigure;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import ai.honeyhive.spring.client.CreateEventRequest;
import ai.honeyhive.spring.client.EventType;
import ai.honeyhive.spring.publisher.InMemoryEventPublisher;
import ai.honeyhive.spring.tracing.HoneyHiveContext;
import ai.honeyhive.spring.tracing.NotCaptured;
import ai.honeyhive.spring.tracing.TraceEvent;
import ai.honeyhive.spring.tracing.TraceTrees;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Hooks;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests of {@code @TraceEvent} tracing in an application context: Spring AOP proxies,
 * threads, {@code @Async} and reactive results.
 */
@Timeout(60)
class HoneyHiveTracingContextTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class, TaskExecutionAutoConfiguration.class,
				HoneyHiveTracingAutoConfiguration.class))
		.withPropertyValues("honeyhive.tracing.max-value-size=64B")
		.withBean(InMemoryEventPublisher.class)
		.withUserConfiguration(Services.class);

	@Test
	void shouldRecordThreeNestedServicesAsOneTree() {
		this.contextRunner.run((context) -> {
			assertThat(context.getBean(Agent.class).answer("q")).isEqualTo("answer(doc(q))");
			InMemoryEventPublisher publisher = context.getBean(InMemoryEventPublisher.class);
			CreateEventRequest agent = TraceTrees.event(publisher, "answer");
			List<CreateEventRequest> events = TraceTrees.assertLinked(publisher, agent.sessionId());
			assertThat(events).extracting(CreateEventRequest::eventName)
				.containsExactly("search", "retrieve", "answer");
			assertThat(events).extracting(CreateEventRequest::eventType)
				.containsExactly(EventType.TOOL, EventType.CHAIN, EventType.CHAIN);
			assertThat(TraceTrees.event(publisher, "search").parentId())
				.isEqualTo(TraceTrees.event(publisher, "retrieve").eventId());
			assertThat(TraceTrees.event(publisher, "retrieve").parentId()).isEqualTo(agent.eventId());
		});
	}

	@Test
	void shouldRethrowTheSameExceptionAndRecordIt() {
		this.contextRunner.run((context) -> {
			IllegalStateException failure = new IllegalStateException("down");
			assertThatExceptionOfType(IllegalStateException.class)
				.isThrownBy(() -> context.getBean(Agent.class).fail(failure))
				.isSameAs(failure);
			CreateEventRequest event = TraceTrees.event(context.getBean(InMemoryEventPublisher.class), "fail");
			assertThat(event.error()).isEqualTo("java.lang.IllegalStateException: down");
		});
	}

	@Test
	void shouldExcludeRedactDescribeAndTruncateCapturedValues() {
		this.contextRunner.run((context) -> {
			context.getBean(Search.class)
				.login("ada", "pw", "raw document", new ByteArrayInputStream(new byte[1]), "y".repeat(100));
			CreateEventRequest event = TraceTrees.event(context.getBean(InMemoryEventPublisher.class), "login");
			assertThat(event.inputs()).doesNotContainKey("document")
				.containsEntry("user", "ada")
				.containsEntry("password", "[REDACTED]")
				.containsEntry("in", "<unserializable: java.io.ByteArrayInputStream>");
			assertThat((String) event.inputs().get("text")).startsWith("y".repeat(64) + "...[truncated");
		});
	}

	@Test
	void shouldKeepConcurrentSessionsApart() {
		this.contextRunner.run((context) -> {
			Agent agent = context.getBean(Agent.class);
			int threads = 8;
			int callsPerThread = 25;
			ExecutorService executor = Executors.newFixedThreadPool(threads);
			CountDownLatch start = new CountDownLatch(1);
			List<Future<?>> futures = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				int thread = t;
				futures.add(executor.submit(() -> {
					start.await();
					for (int i = 0; i < callsPerThread; i++) {
						agent.answer("t" + thread + "-" + i);
					}
					return null;
				}));
			}
			start.countDown();
			for (Future<?> future : futures) {
				future.get(30, TimeUnit.SECONDS);
			}
			executor.shutdown();
			InMemoryEventPublisher publisher = context.getBean(InMemoryEventPublisher.class);
			assertThat(publisher.getSessions()).hasSize(threads * callsPerThread);
			assertThat(publisher.getEvents()).hasSize(threads * callsPerThread * 3);
			publisher.getSessions().forEach((session) -> {
				List<CreateEventRequest> events = TraceTrees.assertLinked(publisher, session.sessionId());
				assertThat(events).hasSize(3);
				Object question = events.get(2).inputs().get("question");
				assertThat(events.get(1).inputs()).containsEntry("query", question);
				assertThat(events.get(0).inputs()).containsEntry("query", question);
				assertThat(events.get(2).outputs()).containsEntry("result", "answer(doc(" + question + "))");
			});
		});
	}

	@Test
	void shouldContinueTheTraceInAsyncMethodsAndExecutorTasks() {
		this.contextRunner.run((context) -> {
			assertThat(context.getBean(Agent.class).fanOut("q")).isEqualTo("async(q)+pool(q)+wrapped(q)");
			InMemoryEventPublisher publisher = context.getBean(InMemoryEventPublisher.class);
			CreateEventRequest fanOut = TraceTrees.event(publisher, "fanOut");
			List<CreateEventRequest> events = TraceTrees.assertLinked(publisher, fanOut.sessionId());
			assertThat(events).hasSize(4);
			assertThat(events).filteredOn((event) -> !event.eventName().equals("fanOut"))
				.allSatisfy((event) -> assertThat(event.parentId()).isEqualTo(fanOut.eventId()));
			assertThat(publisher.getSessions()).hasSize(1);
		});
	}

	@Test
	void shouldEndReactiveEventsWhenTheyCompleteAndNestCallsInsideThePipeline() {
		Hooks.enableAutomaticContextPropagation();
		try {
			this.contextRunner.run((context) -> {
				Agent agent = context.getBean(Agent.class);
				assertThat(agent.reactive("q").block()).isEqualTo("doc(q)");
				assertThat(agent.tokens().collectList().block()).containsExactly("a", "b", "c");
				InMemoryEventPublisher publisher = context.getBean(InMemoryEventPublisher.class);
				CreateEventRequest reactive = TraceTrees.event(publisher, "reactive");
				TraceTrees.assertLinked(publisher, reactive.sessionId());
				assertThat(TraceTrees.event(publisher, "lookup").parentId()).isEqualTo(reactive.eventId());
				assertThat(TraceTrees.event(publisher, "search").parentId())
					.isEqualTo(TraceTrees.event(publisher, "lookup").eventId());
				assertThat(reactive.outputs()).containsEntry("result", "doc(q)");
				assertThat(TraceTrees.event(publisher, "tokens").outputs()).containsEntry("result", "abc");
			});
		}
		finally {
			Hooks.disableAutomaticContextPropagation();
		}
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAsync
	@Import({ Agent.class, Retriever.class, Search.class, Worker.class })
	static class Services {

	}

	@TraceEvent(type = EventType.CHAIN)
	static class Agent {

		private final Retriever retriever;

		private final Worker worker;

		private final ThreadPoolTaskExecutor executor;

		Agent(Retriever retriever, Worker worker, ThreadPoolTaskExecutor executor) {
			this.retriever = retriever;
			this.worker = worker;
			this.executor = executor;
		}

		@TraceEvent(name = "answer", type = EventType.CHAIN)
		public String answer(String question) {
			return "answer(" + this.retriever.retrieve(question) + ")";
		}

		public void fail(RuntimeException ex) {
			throw ex;
		}

		public String fanOut(String question) throws Exception {
			CompletableFuture<String> async = this.worker.work("async", question);
			Future<String> pooled = this.executor.submit(() -> this.worker.sync("pool", question));
			ExecutorService own = Executors.newSingleThreadExecutor();
			try {
				CompletableFuture<String> wrapped = CompletableFuture
					.supplyAsync(() -> this.worker.sync("wrapped", question), HoneyHiveContext.wrap(own));
				return async.get(30, TimeUnit.SECONDS) + "+" + pooled.get(30, TimeUnit.SECONDS) + "+"
						+ wrapped.get(30, TimeUnit.SECONDS);
			}
			finally {
				own.shutdown();
			}
		}

		public Mono<String> reactive(String question) {
			return Mono.fromCallable(() -> this.retriever.lookup(question)).subscribeOn(Schedulers.boundedElastic());
		}

		public Flux<String> tokens() {
			return Flux.just("a", "b", "c").publishOn(Schedulers.parallel());
		}

	}

	@TraceEvent(type = EventType.CHAIN)
	static class Retriever {

		private final Search search;

		Retriever(Search search) {
			this.search = search;
		}

		public String retrieve(String query) {
			return this.search.search(query);
		}

		public String lookup(String query) {
			return this.search.search(query);
		}

	}

	static class Search {

		@TraceEvent
		public String search(String query) {
			return "doc(" + query + ")";
		}

		@TraceEvent
		public void login(String user, String password, @NotCaptured String document, InputStream in, String text) {
		}

	}

	static class Worker {

		@Async
		@TraceEvent(name = "asyncWork")
		public CompletableFuture<String> work(String kind, String value) {
			return CompletableFuture.completedFuture(kind + "(" + value + ")");
		}

		@TraceEvent(name = "syncWork")
		public String sync(String kind, String value) {
			return kind + "(" + value + ")";
		}

	}

}
