package ai.honeyhive.spring.tracing;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;

import org.jspecify.annotations.Nullable;

import org.springframework.util.ClassUtils;

/**
 * Ends the events of traced calls whose result completes later ({@code CompletionStage},
 * Reactor {@code Mono}/{@code Flux}) when it completes or the async timeout elapses, and
 * owns the one timer thread of those timeouts, started on first use.
 */
final class AsyncResults implements AutoCloseable {

	private static final boolean REACTOR_PRESENT = ClassUtils.isPresent("reactor.core.publisher.Mono",
			AsyncResults.class.getClassLoader());

	private final EventRecorder recorder;

	private final Object schedulerMonitor = new Object();

	private volatile @Nullable ScheduledThreadPoolExecutor scheduler;

	private volatile @Nullable Thread timeoutThread;

	private volatile boolean closed;

	AsyncResults(EventRecorder recorder) {
		this.recorder = recorder;
	}

	/**
	 * End the event when the asynchronous result completes, fails, is cancelled or times
	 * out; return the result the caller gets.
	 */
	Object endLater(EventNode node, Object result, @Nullable SessionNode implicitSession) {
		try {
			AsyncCompletion completion = new AsyncCompletion(this.recorder, node, implicitSession);
			if (node.info.asyncKind == MethodInfo.AsyncKind.COMPLETION_STAGE
					&& result instanceof CompletionStage<?> stage) {
				completion.scheduleTimeout(timeoutScheduler(), this.recorder.settings().asyncTimeout());
				stage.whenComplete(completion);
				return result;
			}
			if (REACTOR_PRESENT && ReactorSupport.isReactive(result)) {
				completion.scheduleTimeout(timeoutScheduler(), this.recorder.settings().asyncTimeout());
				return ReactorSupport.decorate(result, completion, node);
			}
		}
		catch (Throwable ex) { // NOSONAR tracing must not break the call
			EventRecorder.rethrowIfFatal(ex);
			this.recorder.logFailure(ex);
		}
		this.recorder.endEvent(node, result, null, implicitSession);
		return result;
	}

	private @Nullable ScheduledExecutorService timeoutScheduler() {
		if (this.closed) {
			return null;
		}
		ScheduledThreadPoolExecutor executor = this.scheduler;
		if (executor == null) {
			synchronized (this.schedulerMonitor) {
				executor = this.scheduler;
				if (executor == null) {
					executor = new ScheduledThreadPoolExecutor(1, (task) -> {
						Thread thread = new Thread(task, "honeyhive-tracing-timeout");
						thread.setDaemon(true);
						this.timeoutThread = thread;
						return thread;
					});
					executor.setRemoveOnCancelPolicy(true);
					this.scheduler = executor;
				}
			}
		}
		return executor;
	}

	/**
	 * Stop the timer; events still open are not recorded.
	 */
	@Override
	public void close() {
		this.closed = true;
		ScheduledThreadPoolExecutor executor = this.scheduler;
		if (executor != null) {
			executor.shutdownNow();
			// its thread ends with the context, not some time after (the executor reads
			// as terminated a moment before its thread has ended, so join the thread)
			Thread thread = this.timeoutThread;
			if (thread != null) {
				try {
					thread.join(1000);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
		}
	}

}
