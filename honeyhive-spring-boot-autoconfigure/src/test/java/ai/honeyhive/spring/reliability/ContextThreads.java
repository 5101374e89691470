package ai.honeyhive.spring.reliability;

import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * Threads started on behalf of one application context. The context runs on a thread of a
 * thread group of its own, so every thread it starts (the publisher's senders, the
 * tracing timeout) falls into that group: a leak is seen by the test whose context made
 * it, in any class order, and threads of other tests are never looked at.
 */
final class ContextThreads {

	private static final AtomicInteger groups = new AtomicInteger();

	private ContextThreads() {
	}

	/**
	 * Run the body on a thread of a new thread group and wait for it; what it throws is
	 * thrown here.
	 */
	static void run(Body body) throws Exception {
		ThreadGroup group = new ThreadGroup("context-" + groups.incrementAndGet());
		AtomicReference<Throwable> failure = new AtomicReference<>();
		Thread runner = new Thread(group, () -> {
			try {
				body.run();
			}
			catch (Throwable ex) {
				failure.set(ex);
			}
		}, group.getName() + "-runner");
		runner.start();
		try {
			runner.join();
		}
		catch (InterruptedException ex) {
			runner.interrupt();
			throw ex;
		}
		Throwable thrown = failure.get();
		if (thrown instanceof Error error) {
			throw error;
		}
		if (thrown instanceof Exception exception) {
			throw exception;
		}
	}

	/**
	 * Names of the live {@code honeyhive-*} threads of the calling thread's group (called
	 * from a body given to {@link #run}).
	 */
	static Set<String> liveHoneyHiveThreads() {
		ThreadGroup group = Thread.currentThread().getThreadGroup();
		Thread[] threads = new Thread[group.activeCount() + 16];
		int count = group.enumerate(threads, true);
		return Arrays.stream(threads, 0, count)
			.filter(Thread::isAlive)
			.map(Thread::getName)
			.filter((name) -> name.startsWith("honeyhive-"))
			.collect(Collectors.toSet());
	}

	/**
	 * What runs in the context's thread group.
	 */
	@FunctionalInterface
	interface Body {

		void run() throws Exception;

	}

}
