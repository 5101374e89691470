package ai.honeyhive.spring.tracing;

import org.springframework.core.task.TaskDecorator;

/**
 * A {@link TaskDecorator} that runs each task with the HoneyHive context of the thread
 * that submitted it. Spring Boot applies every {@code TaskDecorator} bean to its task
 * executor (composed with a {@code CompositeTaskDecorator} when there are several), so
 * {@code @Async} methods continue the caller's trace.
 *
 * @since 0.1.0
 */
public final class HoneyHiveTaskDecorator implements TaskDecorator {

	@Override
	public Runnable decorate(Runnable runnable) {
		return HoneyHiveContext.wrap(runnable);
	}

}
