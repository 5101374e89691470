package ai.honeyhive.spring.tracing;

import java.util.concurrent.atomic.AtomicInteger;

import org.aspectj.lang.ProceedingJoinPoint;
import org.aspectj.lang.reflect.MethodSignature;
import org.junit.jupiter.api.Test;

import ai.honeyhive.spring.client.EventType;
import ai.honeyhive.spring.publisher.InMemoryEventPublisher;

import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willAnswer;
import static org.mockito.Mockito.mock;

/**
 * A join point the pointcut matches but that is not traced (a method {@code Object}
 * declares, on a class annotated with {@link TraceEvent}) runs the method once and passes
 * its exception on unchanged.
 */
class UntracedJoinPointTests {

	private final InMemoryEventPublisher publisher = new InMemoryEventPublisher();

	private final TraceEventAspect aspect = new TraceEventAspect(
			new HoneyHiveTracer(this.publisher, TracingSettings.defaults()));

	@Test
	void anUntracedMethodThatThrowsRunsOnceAndItsExceptionPassesUnchanged() throws Throwable {
		AtomicInteger runs = new AtomicInteger();
		IllegalStateException failure = new IllegalStateException("the method's own failure");
		ProceedingJoinPoint joinPoint = mock(ProceedingJoinPoint.class);
		MethodSignature signature = mock(MethodSignature.class);
		given(joinPoint.getSignature()).willReturn(signature);
		given(signature.getMethod()).willReturn(Object.class.getMethod("hashCode"));
		given(joinPoint.getTarget()).willReturn(new TracedService());
		willAnswer((invocation) -> {
			runs.incrementAndGet();
			throw failure;
		}).given(joinPoint).proceed();
		assertThatIllegalStateException().isThrownBy(() -> this.aspect.traceEvent(joinPoint)).isSameAs(failure);
		assertThat(runs).hasValue(1);
		assertThat(this.publisher.getEvents()).isEmpty();
	}

	@TraceEvent(type = EventType.TOOL)
	static class TracedService {

	}

}
