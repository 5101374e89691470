package ai.honeyhive.spring.benchmarks;

import io.opentelemetry.instrumentation.annotations.WithSpan;

import ai.honeyhive.spring.client.EventType;
import ai.honeyhive.spring.tracing.TraceEvent;

/**
 * The variants of {@link Work}: the same method with different instrumentation. Each is a
 * Spring bean called through its proxy.
 */
final class WorkBeans {

	private WorkBeans() {
	}

	/** No instrumentation: the baseline (still a Spring bean, not proxied). */
	static class Plain implements Work {

		@Override
		public String call(String text, int number) {
			return Work.compute(text, number);
		}

	}

	/** {@code @TraceEvent} with input and output capture. */
	static class Traced implements Work {

		@Override
		@TraceEvent(name = "work", type = EventType.TOOL)
		public String call(String text, int number) {
			return Work.compute(text, number);
		}

	}

	/** {@code @TraceEvent} with capture off. */
	static class Uncaptured implements Work {

		@Override
		@TraceEvent(name = "work", type = EventType.TOOL, captureInputs = false, captureOutput = false)
		public String call(String text, int number) {
			return Work.compute(text, number);
		}

	}

	/** The outer of three nested traced calls. */
	static class Outer implements Work {

		private final Work middle;

		Outer(Work middle) {
			this.middle = middle;
		}

		@Override
		@TraceEvent(name = "outer", type = EventType.CHAIN)
		public String call(String text, int number) {
			return this.middle.call(text, number);
		}

	}

	/** The middle of three nested traced calls. */
	static class Middle implements Work {

		private final Work inner;

		Middle(Work inner) {
			this.inner = inner;
		}

		@Override
		@TraceEvent(name = "middle", type = EventType.TOOL)
		public String call(String text, int number) {
			return this.inner.call(text, number);
		}

	}

	/** OpenTelemetry's {@code @WithSpan}, with the argument recorded as OTel does. */
	static class OtelTraced implements Work {

		@Override
		@WithSpan("work")
		public String call(String text, int number) {
			return Work.compute(text, number);
		}

	}

	/** Micrometer's {@code @Observed}. */
	static class Observed implements Work {

		@Override
		@io.micrometer.observation.annotation.Observed(name = "work")
		public String call(String text, int number) {
			return Work.compute(text, number);
		}

	}

}
