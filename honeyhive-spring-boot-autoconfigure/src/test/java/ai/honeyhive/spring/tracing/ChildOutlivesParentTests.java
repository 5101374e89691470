package ai.honeyhive.spring.tracing;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import ai.honeyhive.spring.client.CreateEventRequest;
import ai.honeyhive.spring.client.EventType;
import ai.honeyhive.spring.publisher.InMemoryEventPublisher;

import org.springframework.aop.aspectj.annotation.AspectJProxyFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A child that ends after its parent still names the parent, and the parent, recorded
 * first, does not list it.
 */
@Timeout(30)
class ChildOutlivesParentTests {

	private final InMemoryEventPublisher publisher = new InMemoryEventPublisher();

	private final HoneyHiveTracer tracer = new HoneyHiveTracer(this.publisher, TracingSettings.defaults());

	private final ExecutorService executor = Executors.newSingleThreadExecutor();

	@AfterEach
	void shutdown() {
		this.executor.shutdownNow();
		this.tracer.close();
	}

	private <T> T proxy(T target) {
		AspectJProxyFactory factory = new AspectJProxyFactory(target);
		factory.setProxyTargetClass(true);
		factory.addAspect(new TraceEventAspect(this.tracer));
		return factory.getProxy();
	}

	@Test
	void aChildEndingAfterItsParentStillNamesTheParent() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		CountDownLatch started = new CountDownLatch(1);
		Worker worker = proxy(new Worker(this.tracer, started, release));
		Planner planner = proxy(new Planner(worker, HoneyHiveContext.wrap(this.executor), started));
		String sessionId;
		CompletableFuture<String> child;
		try (SessionScope session = this.tracer.startSession("s")) {
			sessionId = session.sessionId();
			child = planner.plan().child();
			CreateEventRequest parent = this.publisher.findEvent("plan").orElseThrow();
			assertThat(this.publisher.findEvent("work")).as("child recorded before its parent ended").isEmpty();
			release.countDown();
			String childId = child.get(10, TimeUnit.SECONDS);
			await().until(() -> this.publisher.findEvent("work").isPresent());
			CreateEventRequest work = this.publisher.findEvent("work").orElseThrow();
			assertThat(work.eventId()).isEqualTo(childId);
			assertThat(work.parentId()).isEqualTo(parent.eventId());
			assertThat(work.sessionId()).isEqualTo(sessionId);
			assertThat(work.endTime()).isGreaterThanOrEqualTo(parent.endTime());
			assertThat(parent.childrenIds()).as("children the parent saw end").isEmpty();
		}
	}

	/**
	 * The child's result, handed back as a plain object so that the parent ends when it
	 * returns.
	 */
	record Pending(CompletableFuture<String> child) {
	}

	@TraceEvent(type = EventType.CHAIN)
	public static class Planner {

		private final Worker worker;

		private final Executor executor;

		private final CountDownLatch started;

		public Planner(Worker worker, Executor executor, CountDownLatch started) {
			this.worker = worker;
			this.executor = executor;
			this.started = started;
		}

		public Pending plan() {
			CompletableFuture<String> child = CompletableFuture.supplyAsync(this.worker::work, this.executor);
			// the child starts while its parent is open, and ends after it
			try {
				this.started.await(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return new Pending(child);
		}

	}

	@TraceEvent(type = EventType.TOOL)
	public static class Worker {

		private final HoneyHiveTracer tracer;

		private final CountDownLatch started;

		private final CountDownLatch release;

		public Worker(HoneyHiveTracer tracer, CountDownLatch started, CountDownLatch release) {
			this.tracer = tracer;
			this.started = started;
			this.release = release;
		}

		public String work() {
			this.started.countDown();
			try {
				this.release.await(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return this.tracer.currentEventId().orElse("none");
		}

	}

}
