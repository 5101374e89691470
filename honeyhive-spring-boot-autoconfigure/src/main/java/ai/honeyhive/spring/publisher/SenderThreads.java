package ai.honeyhive.spring.publisher;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The publisher's sender threads: started together, joined within a deadline, and
 * interrupted when they must stop at once.
 */
final class SenderThreads {

	private final List<Thread> threads;

	private SenderThreads(List<Thread> threads) {
		this.threads = threads;
	}

	/**
	 * Start {@code count} daemon threads named {@code prefix-N}, each running the body.
	 */
	static SenderThreads start(String prefix, int count, Runnable body) {
		List<Thread> threads = new ArrayList<>(count);
		for (int i = 1; i <= count; i++) {
			Thread thread = new Thread(body, prefix + "-" + i);
			thread.setDaemon(true);
			threads.add(thread);
		}
		threads.forEach(Thread::start);
		return new SenderThreads(List.copyOf(threads));
	}

	static SenderThreads none() {
		return new SenderThreads(List.of());
	}

	boolean contains(Thread thread) {
		return this.threads.contains(thread);
	}

	/**
	 * Wait for every thread to end, at most until the deadline; an interrupt of the
	 * waiting thread does not cut the wait short.
	 * @return whether the waiting thread was interrupted meanwhile
	 */
	boolean joinUntil(long deadlineNanos) {
		boolean interrupted = false;
		for (Thread thread : this.threads) {
			while (thread.isAlive()) {
				long remaining = deadlineNanos - System.nanoTime();
				if (remaining <= 0) {
					return interrupted;
				}
				try {
					TimeUnit.NANOSECONDS.timedJoin(thread, remaining);
				}
				catch (InterruptedException ex) {
					interrupted = true;
				}
			}
		}
		return interrupted;
	}

	boolean anyAlive() {
		for (Thread thread : this.threads) {
			if (thread.isAlive()) {
				return true;
			}
		}
		return false;
	}

	void interrupt() {
		this.threads.forEach(Thread::interrupt);
	}

}
