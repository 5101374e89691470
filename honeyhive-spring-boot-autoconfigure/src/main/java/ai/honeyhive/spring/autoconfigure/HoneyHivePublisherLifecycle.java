package ai.honeyhive.spring.autoconfigure;

import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import ai.honeyhive.spring.publisher.BatchingEventPublisher;
import ai.honeyhive.spring.publisher.EventPublisher;

import org.springframework.context.SmartLifecycle;

/**
 * Closes the publisher, which drains its queue, once the web server has stopped taking
 * requests and Spring's task executors and schedulers have finished their running tasks,
 * so that the events of requests, {@code @Async} and {@code @Scheduled} work still
 * running at shutdown are sent. Starting it again (after a stop, for a checkpoint and
 * restore or a pause) starts the publisher again.
 */
final class HoneyHivePublisherLifecycle implements SmartLifecycle {

	/**
	 * Below the phase of Spring's executors and schedulers
	 * ({@code ExecutorConfigurationSupport.DEFAULT_PHASE},
	 * {@code Integer.MAX_VALUE / 2}), which wait for their running tasks when they stop,
	 * and so below the web server's phases too: lifecycles stop from the highest phase
	 * down, so the publisher stops after all of them.
	 */
	static final int PHASE = Integer.MAX_VALUE / 2 - 1024;

	private final Supplier<@Nullable EventPublisher> publisher;

	private volatile boolean running;

	HoneyHivePublisherLifecycle(Supplier<@Nullable EventPublisher> publisher) {
		this.publisher = publisher;
	}

	@Override
	public void start() {
		if (this.running) {
			return;
		}
		this.running = true;
		EventPublisher publisher = this.publisher.get();
		if (publisher instanceof BatchingEventPublisher batching) {
			batching.start();
		}
	}

	@Override
	public void stop() {
		this.running = false;
		EventPublisher publisher = this.publisher.get();
		if (publisher != null) {
			publisher.close();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}
