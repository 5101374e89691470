package ai.honeyhive.spring.springai;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import ai.honeyhive.spring.tracing.EventHandle;
import org.jspecify.annotations.Nullable;

/**
 * What the capture keeps on one Spring AI observation's context (never in a thread-local:
 * a stream starts and stops on different threads): the event it records, and the event
 * its children attach to.
 */
final class CaptureState {

	private final @Nullable EventHandle event;

	private final EventHandle target;

	// The scopes opened on each thread, closed in reverse order on the same thread
	private final Map<Thread, Deque<EventHandle.Scope>> scopes = new ConcurrentHashMap<>(2);

	private CaptureState(@Nullable EventHandle event, EventHandle target) {
		this.event = event;
		this.target = target;
	}

	/**
	 * An observation recorded as an event of its own.
	 */
	static CaptureState own(EventHandle event) {
		return new CaptureState(event, event);
	}

	/**
	 * An observation recorded on another event (a traced model method absorbing the
	 * call), or not recorded at all and transparent to its children.
	 */
	static CaptureState on(EventHandle target) {
		return new CaptureState(null, target);
	}

	/**
	 * Return the event of this observation, or {@code null} when it records on another.
	 */
	@Nullable EventHandle event() {
		return this.event;
	}

	/**
	 * Return the event this observation's fields go to, and its children's parent.
	 */
	EventHandle target() {
		return this.target;
	}

	void openScope() {
		this.scopes.computeIfAbsent(Thread.currentThread(), (thread) -> new ArrayDeque<>(2))
			.push(this.target.makeCurrent());
	}

	/**
	 * Close every scope this observation opened on this thread (Micrometer resets the
	 * scopes of a thread that is handed back, such as a pooled Reactor thread).
	 */
	void resetScopes() {
		Deque<EventHandle.Scope> opened = this.scopes.remove(Thread.currentThread());
		if (opened == null) {
			return;
		}
		for (EventHandle.Scope scope = opened.poll(); scope != null; scope = opened.poll()) {
			scope.close();
		}
	}

	void closeScope() {
		Thread thread = Thread.currentThread();
		Deque<EventHandle.Scope> opened = this.scopes.get(thread);
		if (opened == null) {
			return;
		}
		EventHandle.Scope scope = opened.poll();
		if (opened.isEmpty()) {
			this.scopes.remove(thread);
		}
		if (scope != null) {
			scope.close();
		}
	}

}
