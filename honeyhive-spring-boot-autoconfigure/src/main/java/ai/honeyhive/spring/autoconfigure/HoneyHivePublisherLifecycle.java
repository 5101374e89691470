package ai.honeyhive.spring.autoconfigure;

import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import ai.honeyhive.spring.publisher.EventPublisher;

import org.springframework.context.SmartLifecycle;

/**
 * Closes the publisher, which drains its queue, once the web server has stopped taking
 * requests, so that the events of requests still in flight at shutdown are sent.
 */
final class HoneyHivePublisherLifecycle implements SmartLifecycle {

	/**
	 * Below Boot's {@code WebServerApplicationContext.START_STOP_LIFECYCLE_PHASE}
	 * ({@code Integer.MAX_VALUE - 2048}) and its graceful shutdown phase
	 * ({@code Integer.MAX_VALUE - 1024}): lifecycles stop from the highest phase down, so
	 * the publisher stops after the web server.
	 */
	static final int PHASE = Integer.MAX_VALUE - 3072;

	private final Supplier<@Nullable EventPublisher> publisher;

	private volatile boolean running;

	HoneyHivePublisherLifecycle(Supplier<@Nullable EventPublisher> publisher) {
		this.publisher = publisher;
	}

	@Override
	public void start() {
		this.running = true;
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
