package ai.honeyhive.spring.tracing;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Applies the {@link HoneyHiveEventProcessor}s in order; counts what they drop. A
 * processor that throws drops the record, and its failure is logged at WARN at most once
 * a minute (at DEBUG otherwise).
 */
final class EventProcessors {

	private static final Log logger = LogFactory.getLog(HoneyHiveEventProcessor.class);

	private static final long WARN_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

	private final List<HoneyHiveEventProcessor> processors;

	private final AtomicLong dropped = new AtomicLong();

	private final AtomicLong failed = new AtomicLong();

	private final AtomicLong nextWarnNanos = new AtomicLong(System.nanoTime());

	EventProcessors(List<HoneyHiveEventProcessor> processors) {
		this.processors = List.copyOf(processors);
	}

	boolean isEmpty() {
		return this.processors.isEmpty();
	}

	long dropped() {
		return this.dropped.get();
	}

	<T> @Nullable T apply(T record, String id, BiFunction<HoneyHiveEventProcessor, T, @Nullable T> step) {
		T current = record;
		for (HoneyHiveEventProcessor processor : this.processors) {
			try {
				current = step.apply(processor, current);
			}
			catch (Throwable ex) { // NOSONAR a user's processor must not break the call
				EventRecorder.rethrowIfFatal(ex);
				logFailure(processor, id, ex);
				current = null;
			}
			if (current == null) {
				this.dropped.incrementAndGet();
				if (logger.isDebugEnabled()) {
					logger.debug("HoneyHive record " + id + " dropped by " + processor.getClass().getName());
				}
				return null;
			}
		}
		return current;
	}

	private void logFailure(HoneyHiveEventProcessor processor, String id, Throwable ex) {
		long failures = this.failed.incrementAndGet();
		long now = System.nanoTime();
		long next = this.nextWarnNanos.get();
		if ((failures == 1 || now - next >= 0) && this.nextWarnNanos.compareAndSet(next, now + WARN_INTERVAL_NANOS)) {
			logger.warn("HoneyHive event processor " + processor.getClass().getName() + " failed on record " + id
					+ "; the record is dropped (" + failures + " failures so far, logged at most once a minute,"
					+ " the others at debug level)", ex);
		}
		else if (logger.isDebugEnabled()) {
			logger.debug("HoneyHive event processor " + processor.getClass().getName() + " failed on record " + id
					+ "; the record is dropped", ex);
		}
	}

}
