package ai.honeyhive.spring.tracing;

import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
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
 * </pre> It is also where application code reaches the current event and session without
 * a bean, the way OpenTelemetry's {@code Span.current()} works: each method below only
 * reads this thread's context and does nothing when none is current, which is always the
 * case when HoneyHive is disabled ({@code honeyhive.enabled=false}), so such code needs
 * no {@code ObjectProvider} or null check: <pre class="code">
 * HoneyHiveContext.enrichCurrentEvent((event) -&gt; event.metadata("documents", 3).metrics("grounded", true));
 * String eventId = HoneyHiveContext.currentEventId().orElse(null);
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
	 * Add to the event of the traced call running on this thread. Does nothing when no
	 * traced call is running (or HoneyHive is disabled).
	 * @param enrichment what to add, such as
	 * {@code (event) -> event.metadata("k", v).metrics("score", 0.9)}
	 * @return whether a traced call was running
	 */
	public static boolean enrichCurrentEvent(Consumer<? super Enrichment> enrichment) {
		Assert.notNull(enrichment, "'enrichment' must not be null");
		TraceNode current = current();
		if (!(current instanceof EventNode)) {
			return false;
		}
		enrichment.accept(current);
		return true;
	}

	/**
	 * Add to the current session (its outputs, metadata, metrics, feedback, config and
	 * user properties are sent when it closes). Does nothing when no session is open (or
	 * HoneyHive is disabled).
	 * @param enrichment what to add
	 * @return whether a session was open
	 */
	public static boolean enrichSession(Consumer<? super Enrichment> enrichment) {
		Assert.notNull(enrichment, "'enrichment' must not be null");
		TraceNode current = current();
		if (current == null) {
			return false;
		}
		enrichment.accept(current.session());
		return true;
	}

	/**
	 * Record a model call on the event of the traced call running on this thread (usually
	 * a {@code MODEL} event). Does nothing when no traced call is running (or HoneyHive
	 * is disabled).
	 * @param modelCall the model call
	 * @return whether a traced call was running
	 */
	public static boolean recordModelCall(ModelCall modelCall) {
		Assert.notNull(modelCall, "'modelCall' must not be null");
		return enrichCurrentEvent(modelCall::applyTo);
	}

	/**
	 * Return the id of the event of the traced call running on this thread, for example
	 * to let a client send feedback on it later.
	 * @return the current event's id, empty when no traced call is running
	 */
	public static Optional<String> currentEventId() {
		TraceNode current = current();
		return (current instanceof EventNode) ? Optional.of(current.id) : Optional.empty();
	}

	/**
	 * Return the id of the current session.
	 * @return the current session's id, empty when no session is open
	 */
	public static Optional<String> currentSessionId() {
		TraceNode current = current();
		return (current != null) ? Optional.of(current.session().id) : Optional.empty();
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
