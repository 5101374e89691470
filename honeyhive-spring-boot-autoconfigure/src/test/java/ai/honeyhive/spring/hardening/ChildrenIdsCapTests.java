package ai.honeyhive.spring.hardening;

import java.util.List;

import ai.honeyhive.spring.client.CreateEventRequest;
import ai.honeyhive.spring.client.UpdateEventRequest;
import ai.honeyhive.spring.publisher.InMemoryEventPublisher;
import ai.honeyhive.spring.tracing.HoneyHiveTracer;
import ai.honeyhive.spring.tracing.SessionScope;
import ai.honeyhive.spring.tracing.TraceEvent;
import ai.honeyhive.spring.tracing.TraceEventAspect;
import ai.honeyhive.spring.tracing.TracingSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.aop.aspectj.annotation.AspectJProxyFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that a long-lived session or event records a bounded number of children ids,
 * while every child is still recorded and names its parent.
 */
@Timeout(60)
class ChildrenIdsCapTests {

	private static final int CAP = 1000;

	private final InMemoryEventPublisher publisher = new InMemoryEventPublisher();

	private final HoneyHiveTracer tracer = new HoneyHiveTracer(this.publisher, TracingSettings.defaults());

	private Work proxy(Work target) {
		AspectJProxyFactory factory = new AspectJProxyFactory(target);
		factory.setProxyTargetClass(true);
		factory.addAspect(new TraceEventAspect(this.tracer));
		return factory.getProxy();
	}

	@Test
	void shouldCapTheChildrenIdsOfALongSession() {
		Work work = proxy(new Work(null));
		String sessionId;
		try (SessionScope session = this.tracer.startSession("long")) {
			sessionId = session.sessionId();
			for (int i = 0; i < CAP + 500; i++) {
				work.step(i);
			}
		}
		List<CreateEventRequest> events = this.publisher.getEvents();
		assertThat(events).hasSize(CAP + 500).allSatisfy((event) -> assertThat(event.parentId()).isEqualTo(sessionId));
		UpdateEventRequest end = this.publisher.getUpdates().get(0);
		assertThat(end.eventId()).isEqualTo(sessionId);
		assertThat(end.childrenIds()).hasSize(CAP)
			.containsExactlyElementsOf(events.subList(0, CAP).stream().map(CreateEventRequest::eventId).toList());
	}

	@Test
	void shouldCapTheChildrenIdsOfAnEventWithManyChildren() {
		Work parent = proxy(new Work(proxy(new Work(null))));
		parent.fanOut(CAP + 1);
		CreateEventRequest fanOut = this.publisher.findEvent("fanOut").orElseThrow();
		List<CreateEventRequest> children = this.publisher.getEvents()
			.stream()
			.filter((event) -> fanOut.eventId().equals(event.parentId()))
			.toList();
		assertThat(children).hasSize(CAP + 1);
		assertThat(fanOut.childrenIds()).hasSize(CAP);
	}

	@TraceEvent
	public static class Work {

		private final Work child;

		public Work(Work child) {
			this.child = child;
		}

		public int step(int value) {
			return value;
		}

		public int fanOut(int count) {
			for (int i = 0; i < count; i++) {
				this.child.step(i);
			}
			return count;
		}

	}

}
