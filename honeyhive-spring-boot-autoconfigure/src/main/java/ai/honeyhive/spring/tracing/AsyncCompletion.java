package ai.honeyhive.spring.tracing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

import org.jspecify.annotations.Nullable;

/**
 * Ends the event of a call whose result completes later: a {@code CompletionStage}
 * ({@link #accept}), a {@code Mono} or a {@code Flux} (through {@link ReactorSupport}),
 * or the async timeout ({@link #run}). Whichever comes first ends the event; the rest is
 * ignored.
 */
final class AsyncCompletion implements BiConsumer<@Nullable Object, @Nullable Throwable>, Runnable {

	private static final int MAX_ITEMS = 1000;

	private final EventRecorder recorder;

	private final EventNode node;

	private final @Nullable SessionNode implicitSession;

	private volatile @Nullable ScheduledFuture<?> timeout;

	// Flux elements, guarded by this
	private @Nullable StringBuilder text;

	private @Nullable List<@Nullable Object> items;

	private long textLength;

	private long itemCount;

	private long itemsSize;

	AsyncCompletion(EventRecorder recorder, EventNode node, @Nullable SessionNode implicitSession) {
		this.recorder = recorder;
		this.node = node;
		this.implicitSession = implicitSession;
	}

	void scheduleTimeout(@Nullable ScheduledExecutorService scheduler, Duration duration) {
		if (scheduler != null) {
			this.timeout = scheduler.schedule(this, duration.toNanos(), TimeUnit.NANOSECONDS);
		}
	}

	/** CompletionStage completion. */
	@Override
	public void accept(@Nullable Object value, @Nullable Throwable error) {
		if (error == null) {
			success(value);
			return;
		}
		Throwable cause = unwrap(error);
		if (cause instanceof CancellationException) {
			cancelled();
		}
		else {
			error(cause);
		}
	}

	/** Async timeout. */
	@Override
	public void run() {
		this.recorder.endEventTimedOut(this.node, this.implicitSession);
	}

	void success(@Nullable Object value) {
		cancelTimeout();
		this.recorder.endEvent(this.node, value, null, this.implicitSession);
	}

	void error(Throwable error) {
		cancelTimeout();
		this.recorder.endEvent(this.node, null, error, this.implicitSession);
	}

	void cancelled() {
		cancelTimeout();
		this.recorder.endEventCancelled(this.node, this.implicitSession);
	}

	void next(@Nullable Object element) {
		if (!this.node.info.captureOutput || this.node.isFinished()) {
			return;
		}
		try {
			collect(element);
		}
		catch (Throwable ex) { // NOSONAR an element must not fail the user's stream
			EventRecorder.rethrowIfFatal(ex);
			this.recorder.logFailure(ex);
		}
	}

	private void collect(@Nullable Object element) {
		int maxValueSize = this.recorder.settings().maxValueSize();
		synchronized (this) {
			if (element instanceof CharSequence chars && this.items == null) {
				if (this.text == null) {
					this.text = new StringBuilder();
				}
				this.textLength += chars.length();
				int room = maxValueSize + 1 - this.text.length();
				if (room > 0) {
					this.text.append(chars, 0, Math.min(room, chars.length()));
				}
			}
			else if (this.text == null) {
				if (this.items == null) {
					this.items = new ArrayList<>();
				}
				this.itemCount++;
				if (this.items.size() < MAX_ITEMS && this.itemsSize <= maxValueSize) {
					// A snapshot, not the element: a long stream of large elements must
					// not be held until it completes
					Object captured = this.recorder.capture().capture(element);
					this.itemsSize += (captured != null) ? String.valueOf(captured).length() + 1 : 5;
					this.items.add(captured);
				}
			}
		}
	}

	/** Flux completion: the output is the concatenated text or the list of elements. */
	void complete() {
		Object result;
		String truncatedText = null;
		synchronized (this) {
			if (this.text != null) {
				String value = this.text.toString();
				int max = this.recorder.settings().maxValueSize();
				if (value.length() > max) {
					// Already cut to the limit: mark it with the whole stream's length
					truncatedText = value.substring(0, max) + ValueCapture.TRUNCATED_MARKER + this.textLength
							+ " chars]";
				}
				result = value;
			}
			else if (this.items != null) {
				List<@Nullable Object> list = new ArrayList<>(this.items);
				if (this.itemCount > list.size()) {
					list.add(ValueCapture.TRUNCATED_MARKER + this.itemCount + " elements]");
				}
				result = list;
			}
			else {
				result = List.of();
			}
		}
		if (truncatedText != null) {
			cancelTimeout();
			this.recorder.endEventWithCapturedResult(this.node, truncatedText, this.implicitSession);
			return;
		}
		success(result);
	}

	private void cancelTimeout() {
		ScheduledFuture<?> scheduled = this.timeout;
		if (scheduled != null) {
			scheduled.cancel(false);
		}
	}

	private static Throwable unwrap(Throwable error) {
		Throwable current = error;
		while ((current instanceof CompletionException || current instanceof ExecutionException)
				&& current.getCause() != null) {
			current = current.getCause();
		}
		return current;
	}

}
