package ai.honeyhive.spring.tracing;

import ai.honeyhive.spring.client.EventType;

import org.springframework.aop.aspectj.annotation.AspectJProxyFactory;

/**
 * Runs code inside a {@code @TraceEvent(type = MODEL)} method proxied with the aspect.
 */
final class TraceEventAspectTestSupport {

	private TraceEventAspectTestSupport() {
	}

	static void runInTracedModelMethod(HoneyHiveTracer tracer, Runnable body) {
		AspectJProxyFactory factory = new AspectJProxyFactory(new ModelMethod());
		factory.setProxyTargetClass(true);
		factory.addAspect(new TraceEventAspect(tracer));
		ModelMethod proxy = factory.getProxy();
		proxy.run(body);
	}

	public static class ModelMethod {

		@TraceEvent(name = "model_method", type = EventType.MODEL)
		public void run(Runnable body) {
			body.run();
		}

	}

}
