package ai.honeyhive.spring.tracing;

import io.micrometer.context.ThreadLocalAccessor;
import org.jspecify.annotations.Nullable;

/**
 * Micrometer context-propagation accessor of the current HoneyHive context, so Spring's
 * {@code ContextPropagatingTaskDecorator}, Reactor's automatic context propagation and
 * other {@code ContextSnapshot} users carry it across threads. Register it with
 * {@code ContextRegistry.getInstance().registerThreadLocalAccessor(...)} (the
 * auto-configuration does).
 *
 * @since 0.1.0
 */
public final class HoneyHiveContextAccessor implements ThreadLocalAccessor<Object> {

	@Override
	public Object key() {
		return HoneyHiveContext.CONTEXT_KEY;
	}

	@Override
	public @Nullable Object getValue() {
		return HoneyHiveContext.getValue();
	}

	@Override
	public void setValue(Object value) {
		HoneyHiveContext.setValue(value);
	}

	@Override
	public void setValue() {
		HoneyHiveContext.setValue(null);
	}

	@Override
	public void restore(Object previousValue) {
		HoneyHiveContext.setValue(previousValue);
	}

	@Override
	public void restore() {
		HoneyHiveContext.setValue(null);
	}

}
