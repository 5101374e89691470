package ai.honeyhive.spring.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import ai.honeyhive.spring.publisher.BatchingEventPublisher;
import ai.honeyhive.spring.tracing.HoneyHiveTracer;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * Memory while HoneyHive is down: producer threads trace calls with about 1 KB of inputs
 * and outputs at a steady rate for a while (a minute by default) against a port that
 * refuses connections; the used heap after a full GC is sampled every few seconds. It
 * must stay under {@code max-queue-bytes} plus 32 MB whatever the outage's length.
 * <p>
 * {@code java -Xmx256m -cp benchmarks/target/benchmarks.jar ai.honeyhive.spring.benchmarks.OutageMemory [seconds] [calls-per-second] [max-queue-size]}
 * <p>
 * With the default {@code max-queue-size} (8192) the count bound binds first for events
 * of this size; a large one (such as 1000000) lets the byte bound bind.
 */
public final class OutageMemory {

	private OutageMemory() {
	}

	public static void main(String[] args) throws Exception {
		int seconds = (args.length > 0) ? Integer.parseInt(args[0]) : 60;
		int rate = (args.length > 1) ? Integer.parseInt(args[1]) : 20_000;
		String maxQueueSize = (args.length > 2) ? args[2] : "8192";
		int threads = 4;
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		System.gc();
		long before = memory.getHeapMemoryUsage().getUsed();
		ConfigurableApplicationContext context = BenchmarkContexts.http("http://127.0.0.1:" + closedPort(),
				"honeyhive.publisher.max-queue-size=" + maxQueueSize);
		Work traced = context.getBean("traced", Work.class);
		HoneyHiveTracer tracer = context.getBean(HoneyHiveTracer.class);
		String text = "x".repeat(450);
		AtomicLong calls = new AtomicLong();
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
		long intervalNanos = TimeUnit.SECONDS.toNanos(1) * threads / rate;
		CountDownLatch done = new CountDownLatch(threads);
		for (int t = 0; t < threads; t++) {
			Thread producer = new Thread(() -> {
				long next = System.nanoTime();
				int n = 0;
				RollingSession session = new RollingSession(tracer);
				while (System.nanoTime() < deadline) {
					traced.call(text + n, n++);
					calls.incrementAndGet();
					session.next();
					next += intervalNanos;
					long wait = next - System.nanoTime();
					if (wait > 0) {
						java.util.concurrent.locks.LockSupport.parkNanos(wait);
					}
				}
				session.close();
				done.countDown();
			}, "producer-" + t);
			producer.setDaemon(true);
			producer.start();
		}
		long baseline = after(memory, before);
		System.out.printf("heap after GC before the context started: %d MB; after it started: %d MB%n", before >> 20,
				baseline >> 20);
		long max = 0;
		long start = System.nanoTime();
		while (!done.await(5, TimeUnit.SECONDS)) {
			System.gc();
			long used = memory.getHeapMemoryUsage().getUsed();
			max = Math.max(max, used);
			BatchingEventPublisher publisher = context.getBean(BatchingEventPublisher.class);
			System.out.printf("t=%3ds calls=%d heap-after-gc=%d MB queue=%d records, %d KB%n",
					TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start), calls.get(), used >> 20,
					publisher.getStatus().queueSize(), publisher.getStatus().queueBytes() >> 10);
		}
		System.out.printf("max heap after GC during the outage: %d MB (limit: max-queue-bytes 32 MB + 32 MB = 64 MB)%n",
				max >> 20);
		context.close();
	}

	private static long after(MemoryMXBean memory, long fallback) {
		System.gc();
		long used = memory.getHeapMemoryUsage().getUsed();
		return (used > 0) ? used : fallback;
	}

	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
