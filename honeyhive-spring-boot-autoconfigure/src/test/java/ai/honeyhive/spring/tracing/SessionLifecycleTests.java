package ai.honeyhive.spring.tracing;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import ai.honeyhive.spring.client.CreateEventRequest;
import ai.honeyhive.spring.client.EventIds;
import ai.honeyhive.spring.client.UpdateEventRequest;
import ai.honeyhive.spring.publisher.InMemoryEventPublisher;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.aop.aspectj.annotation.AspectJProxyFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests that a finished session or event never stays current on a reused thread, that a
 * parent lists only the children handed over, and that an implicit session is closed even
 * when its first event cannot start.
 */
@Timeout(30)
class SessionLifecycleTests {

	private final RefusingPublisher publisher = new RefusingPublisher();

	private final ExecutorService worker = Executors.newSingleThreadExecutor();

	private final ExecutorService other = Executors.newSingleThreadExecutor();

	@SuppressWarnings("unchecked")
	private final Optional<String>[] seen = new Optional[1];

	private HoneyHiveTracer tracer = new HoneyHiveTracer(this.publisher, TracingSettings.defaults());

	@AfterEach
	void shutdown() {
		this.worker.shutdownNow();
		this.other.shutdownNow();
		this.tracer.close();
	}

	@Test
	void shouldNotLeaveASessionClosedOnAnotherThreadCurrentOnThePooledThreadThatOpenedIt() throws Exception {
		SessionScope scope = call(this.worker, () -> this.tracer.startSession("request"));
		call(this.other, () -> {
			scope.close();
			return null;
		});
		// The next, unrelated request on the same pooled thread
		assertThat(call(this.worker, () -> this.tracer.currentSessionId())).isEmpty();
		assertThat(call(this.worker, HoneyHiveContext::isActive)).isFalse();
		String later = call(this.worker, () -> {
			try (SessionScope next = this.tracer.startSession("next")) {
				return next.sessionId();
			}
		});
		assertThat(later).isNotEqualTo(scope.sessionId());
		assertThat(call(this.worker, () -> this.tracer.currentSessionId())).isEmpty();
	}

	@Test
	void shouldNotLeaveASessionCurrentWhenTwoScopesCloseOutOfOrderOnOneThread() throws Exception {
		call(this.worker, () -> {
			SessionScope first = this.tracer.startSession("first");
			SessionScope second = this.tracer.startSession("second");
			first.close();
			second.close();
			return null;
		});
		assertThat(call(this.worker, () -> this.tracer.currentSessionId())).isEmpty();
		assertThat(call(this.worker, HoneyHiveContext::isActive)).isFalse();
	}

	@Test
	void shouldFallBackToTheOpenEnclosingSessionWhenANestedOneClosedOutOfOrder() throws Exception {
		List<Optional<String>> seen = call(this.worker, () -> {
			try (SessionScope outer = this.tracer.startSession("outer")) {
				SessionScope middle = this.tracer.startSession("middle");
				SessionScope inner = this.tracer.startSession("inner");
				middle.close();
				inner.close();
				return List.of(this.tracer.currentSessionId(), Optional.of(outer.sessionId()));
			}
		});
		assertThat(seen.get(0)).isEqualTo(seen.get(1));
	}

	@Test
	void shouldNotMakeAFinishedEventCurrentInATaskThatRunsAfterIt() throws Exception {
		Work work = work();
		Runnable[] captured = new Runnable[1];
		try (SessionScope session = this.tracer.startSession("s")) {
			work.capture(captured);
		}
		// The task runs after its event and session ended
		Optional<String> seen = call(this.worker, () -> {
			captured[0].run();
			return this.seen[0];
		});
		assertThat(seen).isEmpty();
	}

	@Test
	void shouldListOnlyTheChildrenThePublisherAccepted() {
		Work work = work();
		this.publisher.refused = "refused";
		String sessionId;
		try (SessionScope session = this.tracer.startSession("s")) {
			sessionId = session.sessionId();
			work.parent();
		}
		CreateEventRequest parent = this.publisher.findEvent("parent").orElseThrow();
		CreateEventRequest accepted = this.publisher.findEvent("accepted").orElseThrow();
		assertThat(parent.childrenIds()).containsExactly(accepted.eventId());
		UpdateEventRequest end = this.publisher.getUpdates().get(0);
		assertThat(end.eventId()).isEqualTo(sessionId);
		assertThat(end.childrenIds()).containsExactly(parent.eventId());
	}

	@Test
	void shouldListOnlyTheChildrenNoProcessorDropped() {
		this.tracer.close();
		this.tracer = new HoneyHiveTracer(this.publisher, TracingSettings.defaults(),
				List.of((event) -> "refused".equals(event.eventName()) ? null : event));
		Work work = work();
		work.parent();
		CreateEventRequest parent = this.publisher.findEvent("parent").orElseThrow();
		CreateEventRequest accepted = this.publisher.findEvent("accepted").orElseThrow();
		assertThat(this.publisher.findEvent("refused")).isEmpty();
		assertThat(parent.childrenIds()).containsExactly(accepted.eventId());
	}

	@Test
	void shouldCloseTheImplicitSessionWhenItsFirstEventCannotStart() {
		this.tracer.close();
		// The implicit session gets the first id; the event's id, the second, fails
		AtomicInteger ids = new AtomicInteger();
		this.tracer = new HoneyHiveTracer(
				new EventRecorder(this.publisher, TracingSettings.defaults(), List.of(), () -> {
					if (ids.incrementAndGet() > 1) {
						throw new IllegalStateException("broken tracing");
					}
					return EventIds.next();
				}));
		Work work = work();
		assertThat(work.accepted()).isEqualTo("ok");
		assertThat(ids).hasValue(2);
		assertThat(this.publisher.getEvents()).isEmpty();
		assertThat(this.publisher.getSessions()).hasSize(1);
		String sessionId = this.publisher.getSessions().get(0).sessionId();
		assertThat(this.publisher.getUpdates()).singleElement()
			.satisfies((update) -> assertThat(update.eventId()).isEqualTo(sessionId));
		assertThat(HoneyHiveContext.isActive()).isFalse();
	}

	@Test
	void shouldRefuseACallerSessionIdThatIsNotAUuid() {
		for (String id : List.of("conversation-42", "", "3f2b8c1e9d4a4e7b8c2d5a6f7e8d9c0b",
				"3f2b8c1e-9d4a-4e7b-8c2d-5a6f7e8d9c0", "1-1-1-1-1")) {
			assertThatIllegalArgumentException()
				.isThrownBy(() -> this.tracer.startSession(SessionOptions.builder("chat").sessionId(id).build()))
				.withMessageContaining("not a UUID");
		}
		assertThat(this.publisher.getSessions()).isEmpty();
		String upper = "3F2B8C1E-9D4A-4E7B-8C2D-5A6F7E8D9C0B";
		try (SessionScope session = this.tracer.startSession(SessionOptions.builder("chat").sessionId(upper).build())) {
			assertThat(session.sessionId()).isEqualTo(upper);
		}
	}

	private <T> T call(ExecutorService executor, java.util.concurrent.Callable<T> task) throws Exception {
		return executor.submit(task).get(10, TimeUnit.SECONDS);
	}

	private Work work() {
		Work target = new Work(this.tracer, this.seen);
		AspectJProxyFactory factory = new AspectJProxyFactory(target);
		factory.setProxyTargetClass(true);
		factory.addAspect(new TraceEventAspect(this.tracer));
		Work proxy = factory.getProxy();
		target.self = proxy;
		return proxy;
	}

	static class RefusingPublisher extends InMemoryEventPublisher {

		volatile @Nullable String refused;

		@Override
		public boolean publish(CreateEventRequest event) {
			if (event.eventName() != null && event.eventName().equals(this.refused)) {
				return false;
			}
			return super.publish(event);
		}

	}

	public static class Work {

		private final HoneyHiveTracer tracer;

		private final Optional<String>[] seen;

		@Nullable Work self;

		public Work(HoneyHiveTracer tracer, Optional<String>[] seen) {
			this.tracer = tracer;
			this.seen = seen;
		}

		@TraceEvent(name = "parent")
		public String parent() {
			this.self.accepted();
			this.self.refused();
			return "done";
		}

		@TraceEvent(name = "accepted")
		public String accepted() {
			return "ok";
		}

		@TraceEvent(name = "refused")
		public String refused() {
			return "no";
		}

		@TraceEvent(name = "capture")
		public void capture(Runnable[] captured) {
			Runnable task = () -> this.seen[0] = this.tracer.currentSessionId().or(this.tracer::currentEventId);
			captured[0] = HoneyHiveContext.wrap(task);
		}

	}

}
