package ai.honeyhive.spring.tracing;

import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * The current HoneyHive event and session of a thread, and helpers that carry them to
 * work run on other threads. Spring's task executors ({@code @Async}) and Reactor (in
 * automatic context propagation mode) carry them without these helpers when the starter
 * is auto-configured; use them for executors and virtual threads an application makes
 * itself: <pre class="code">
 * Executor executor = HoneyHiveContext.wrap(Executors.newFixedThreadPool(4));
 * Thread.ofVirtual().start(HoneyHiveContext.wrap(() -&gt; service.work()));
 * </pre>
 *
 * @since 0.1.0
 */
public final class HoneyHiveContext {

	/**
	 * The key of the current context for Micrometer context propagation and in Reactor's
	 * {@code Context}.
	 */
	public static final String CONTEXT_KEY = "ai.honeyhive.tracing.context";

	private static final ThreadLocal<TraceNode> CURRENT = new ThreadLocal<>();

	private HoneyHiveContext() {
	}

	/**
	 * Return the current node. A finished node is never current: a session closed on
	 * another thread or out of order, or an event captured by a task that runs after it
	 * ended, gives way to its nearest open enclosing node (or to none), and the thread
	 * forgets it, so a pooled thread does not carry it into unrelated work.
	 */
	static @Nullable TraceNode current() {
		TraceNode node = CURRENT.get();
		if (node == null || !node.isFinished()) {
			return node;
		}
		TraceNode open = node.enclosing();
		while (open != null && open.isFinished()) {
			open = open.enclosing();
		}
		if (open != null) {
			CURRENT.set(open);
		}
		else {
			CURRENT.remove();
		}
		return open;
	}

	static void set(TraceNode node) {
		CURRENT.set(node);
	}

	static void restore(@Nullable TraceNode previous) {
		if (previous != null) {
			CURRENT.set(previous);
		}
		else {
			CURRENT.remove();
		}
	}

	/**
	 * Return whether a HoneyHive event or session is open on this thread.
	 * @return whether a context is current
	 */
	public static boolean isActive() {
		return current() != null;
	}

	/**
	 * Return a task that runs {@code task} with the context current now.
	 * @param task the task
	 * @return the wrapping task, or {@code task} when no context is current
	 */
	public static Runnable wrap(Runnable task) {
		Assert.notNull(task, "'task' must not be null");
		TraceNode captured = current();
		return (captured != null) ? new ContextRunnable(task, captured) : task;
	}

	/**
	 * Return a task that calls {@code task} with the context current now.
	 * @param <T> the result type
	 * @param task the task
	 * @return the wrapping task, or {@code task} when no context is current
	 */
	public static <T> Callable<T> wrap(Callable<T> task) {
		Assert.notNull(task, "'task' must not be null");
		TraceNode captured = current();
		if (captured == null) {
			return task;
		}
		return () -> {
			TraceNode previous = CURRENT.get();
			CURRENT.set(captured);
			try {
				return task.call();
			}
			finally {
				restore(previous);
			}
		};
	}

	/**
	 * Return a supplier, such as one for {@code CompletableFuture.supplyAsync}, that runs
	 * with the context current now.
	 * @param <T> the result type
	 * @param supplier the supplier
	 * @return the wrapping supplier, or {@code supplier} when no context is current
	 */
	public static <T> Supplier<T> wrapSupplier(Supplier<T> supplier) {
		Assert.notNull(supplier, "'supplier' must not be null");
		TraceNode captured = current();
		if (captured == null) {
			return supplier;
		}
		return () -> {
			TraceNode previous = CURRENT.get();
			CURRENT.set(captured);
			try {
				return supplier.get();
			}
			finally {
				restore(previous);
			}
		};
	}

	/**
	 * Return an executor that runs each task with the context current when the task was
	 * submitted.
	 * @param executor the executor
	 * @return the wrapping executor
	 */
	public static Executor wrap(Executor executor) {
		Assert.notNull(executor, "'executor' must not be null");
		if (executor instanceof ContextExecutor) {
			return executor;
		}
		return new ContextExecutor(executor);
	}

	static @Nullable Object getValue() {
		return current();
	}

	static void setValue(@Nullable Object value) {
		if (value instanceof TraceNode node) {
			CURRENT.set(node);
		}
		else {
			CURRENT.remove();
		}
	}

	private static final class ContextRunnable implements Runnable {

		private final Runnable delegate;

		private final TraceNode captured;

		ContextRunnable(Runnable delegate, TraceNode captured) {
			this.delegate = delegate;
			this.captured = captured;
		}

		@Override
		public void run() {
			TraceNode previous = CURRENT.get();
			CURRENT.set(this.captured);
			try {
				this.delegate.run();
			}
			finally {
				restore(previous);
			}
		}

	}

	private static final class ContextExecutor implements Executor {

		private final Executor delegate;

		ContextExecutor(Executor delegate) {
			this.delegate = delegate;
		}

		@Override
		public void execute(Runnable command) {
			this.delegate.execute(wrap(command));
		}

		@Override
		public String toString() {
			return "HoneyHiveContext.wrap(" + this.delegate + ")";
		}

	}

}
