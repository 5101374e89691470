package ai.honeyhive.spring.publisher;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * When the senders may call: a pause the server asked for ({@code Retry-After}), which
 * holds every sender, and the publisher's state (running, closing with a deadline,
 * stopped). Shares the {@link RecordQueue}'s lock and condition, so that a sender waiting
 * for work or for a pause wakes up on either.
 */
final class Pacing {

	private final ReentrantLock lock;

	private final Condition changed;

	private boolean paused;

	private long pausedUntilNanos;

	private boolean closing;

	private boolean stopped;

	private long closeDeadlineNanos;

	Pacing(ReentrantLock lock, Condition changed) {
		this.lock = lock;
		this.changed = changed;
	}

	/** Hold every call until the given time (a server's {@code Retry-After}). */
	void pauseUntil(long resumeNanos) {
		this.lock.lock();
		try {
			if (!this.paused || resumeNanos - this.pausedUntilNanos > 0) {
				this.pausedUntilNanos = resumeNanos;
				this.paused = true;
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	/** Nanoseconds left of the server's pause; 0 when not paused. Under the lock. */
	long pauseLeft(long now) {
		return (this.paused && this.pausedUntilNanos - now > 0) ? this.pausedUntilNanos - now : 0;
	}

	/**
	 * Wait until the given time and any pause have passed.
	 * @return the nanoseconds spent in a server-requested pause past that time, or
	 * {@code -1} if the publisher stops, or closes with a deadline before the time to
	 * resume
	 */
	long awaitResume(long resumeNanos) {
		long pausedFor = 0;
		this.lock.lock();
		try {
			while (true) {
				long now = System.nanoTime();
				long until = resumeNanos;
				boolean serverPause = this.paused && this.pausedUntilNanos - until > 0;
				if (serverPause) {
					until = this.pausedUntilNanos;
				}
				if (this.stopped || (this.closing && this.closeDeadlineNanos - until < 0)) {
					return -1;
				}
				long wait = until - now;
				if (wait <= 0) {
					return pausedFor;
				}
				try {
					long before = System.nanoTime();
					this.changed.awaitNanos(wait);
					if (serverPause) {
						pausedFor += System.nanoTime() - before;
					}
				}
				catch (InterruptedException ex) {
					if (this.stopped) {
						return -1;
					}
				}
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	/** Stop accepting; let senders drain until the deadline. */
	void close(long deadlineNanos) {
		this.lock.lock();
		try {
			this.closing = true;
			this.closeDeadlineNanos = deadlineNanos;
			this.changed.signalAll();
		}
		finally {
			this.lock.unlock();
		}
	}

	/** Stop senders at once. */
	void stop() {
		this.lock.lock();
		try {
			this.stopped = true;
			this.changed.signalAll();
		}
		finally {
			this.lock.unlock();
		}
	}

	/** Run again after {@link #close}. */
	void reopen() {
		this.lock.lock();
		try {
			this.closing = false;
			this.stopped = false;
			this.paused = false;
		}
		finally {
			this.lock.unlock();
		}
	}

	/** Under the lock. */
	boolean isStoppedUnlocked() {
		return this.stopped;
	}

	/** Under the lock. */
	boolean isClosing() {
		return this.closing;
	}

	boolean isStopped() {
		this.lock.lock();
		try {
			return this.stopped;
		}
		finally {
			this.lock.unlock();
		}
	}

}
