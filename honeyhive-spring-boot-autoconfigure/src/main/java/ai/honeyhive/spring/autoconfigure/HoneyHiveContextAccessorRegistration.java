package ai.honeyhive.spring.autoconfigure;

import java.util.IdentityHashMap;
import java.util.Map;

import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ThreadLocalAccessor;

import org.springframework.beans.factory.DisposableBean;

/**
 * Keeps the accessor of the current event in a {@link ContextRegistry} (a global one, in
 * practice) for as long as an application context that needs it runs. Contexts alive at
 * the same time share one registration: the first one adds it, the last one to close
 * removes it. An accessor of the same key that was there before (registered by the
 * application itself) is left in place and never removed.
 */
final class HoneyHiveContextAccessorRegistration implements DisposableBean {

	/** Registrations held, by registry. Guarded by itself; empty when no context runs. */
	private static final Map<ContextRegistry, Holders> registrations = new IdentityHashMap<>();

	private final ContextRegistry registry;

	private final Object key;

	private boolean held;

	HoneyHiveContextAccessorRegistration(ContextRegistry registry, ThreadLocalAccessor<?> accessor) {
		this.registry = registry;
		this.key = accessor.key();
		synchronized (registrations) {
			Holders holders = registrations.get(registry);
			if (holders == null) {
				holders = new Holders(!isRegistered(registry, this.key));
				if (holders.added) {
					registry.registerThreadLocalAccessor(accessor);
				}
				registrations.put(registry, holders);
			}
			holders.count++;
			this.held = true;
		}
	}

	private static boolean isRegistered(ContextRegistry registry, Object key) {
		for (ThreadLocalAccessor<?> accessor : registry.getThreadLocalAccessors()) {
			if (key.equals(accessor.key())) {
				return true;
			}
		}
		return false;
	}

	/** Release this context's hold: the last holder removes what the holders added. */
	@Override
	public void destroy() {
		synchronized (registrations) {
			if (!this.held) {
				return;
			}
			this.held = false;
			Holders holders = registrations.get(this.registry);
			if (holders == null || --holders.count > 0) {
				return;
			}
			registrations.remove(this.registry);
			if (holders.added) {
				this.registry.removeThreadLocalAccessor(this.key);
			}
		}
	}

	/**
	 * The contexts holding a registry's registration, and whether they added it.
	 */
	private static final class Holders {

		private final boolean added;

		private int count;

		private Holders(boolean added) {
			this.added = added;
		}

	}

}
