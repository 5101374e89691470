package ai.honeyhive.spring.tracing;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

/**
 * Reactor results, loaded only when Reactor is on the classpath. The event ends on the
 * first terminal signal (value, completion, error or cancellation) of the first
 * subscription. The event is put in the subscriber {@code Context} under
 * {@link HoneyHiveContext#CONTEXT_KEY}, so with Reactor's automatic context propagation
 * traced calls made inside the pipeline become its children.
 */
final class ReactorSupport {

	private ReactorSupport() {
	}

	static boolean isMono(Class<?> type) {
		return Mono.class.isAssignableFrom(type);
	}

	static boolean isFlux(Class<?> type) {
		return Flux.class.isAssignableFrom(type);
	}

	static boolean isReactive(Object result) {
		return result instanceof Mono<?> || result instanceof Flux<?>;
	}

	static Object decorate(Object result, AsyncCompletion completion, EventNode node) {
		if (result instanceof Mono<?> mono) {
			return mono.doOnSuccess(completion::success)
				.doOnError(completion::error)
				.doOnCancel(completion::cancelled)
				.contextWrite(Context.of(HoneyHiveContext.CONTEXT_KEY, node));
		}
		Flux<?> flux = (Flux<?>) result;
		return flux.doOnNext(completion::next)
			.doOnComplete(completion::complete)
			.doOnError(completion::error)
			.doOnCancel(completion::cancelled)
			.contextWrite(Context.of(HoneyHiveContext.CONTEXT_KEY, node));
	}

}
