package ai.honeyhive.spring.testserver;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import ai.honeyhive.spring.autoconfigure.HoneyHiveAutoConfiguration;
import ai.honeyhive.spring.autoconfigure.HoneyHivePublisherAutoConfiguration;
import ai.honeyhive.spring.autoconfigure.HoneyHiveTracingAutoConfiguration;
import ai.honeyhive.spring.client.EventType;
import ai.honeyhive.spring.publisher.BatchingEventPublisher;
import ai.honeyhive.spring.tracing.TraceEvent;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.EnableAsync;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The publisher inside a real application context: it stops after the work still running
 * at shutdown, its drop counts survive the close of the meter registry, and a stopped
 * context that starts again delivers again.
 */
@Timeout(60)
class PublisherLifecycleTests {

	private final HoneyHiveTestServer server;

	PublisherLifecycleTests() throws Exception {
		this.server = new HoneyHiveTestServer(7);
	}

	@AfterEach
	void stopServer() {
		this.server.close();
	}

	private ApplicationContextRunner runner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class, TaskExecutionAutoConfiguration.class,
					MetricsAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
					ImperativeHttpClientAutoConfiguration.class, RestClientAutoConfiguration.class,
					HoneyHiveAutoConfiguration.class, HoneyHivePublisherAutoConfiguration.class,
					HoneyHiveTracingAutoConfiguration.class))
			.withUserConfiguration(AsyncWork.class)
			.withPropertyValues("honeyhive.api-key=hh-lifecycle-key", "honeyhive.base-url=" + this.server.baseUrl(),
					"honeyhive.project=lifecycle", "honeyhive.publisher.schedule-delay=50ms");
	}

	@Test
	void anAsyncMethodStillRunningAtCloseHasItsEventsDelivered() {
		runner().run((context) -> {
			Worker worker = context.getBean(Worker.class);
			CompletableFuture<String> result = worker.work();
			assertThat(worker.awaitStarted()).isTrue();
			// The worker finishes only once the close has begun (ContextClosedEvent)
			context.close();
			assertThat(result).isCompletedWithValue("done");
			assertThat(this.server.records("tool")).hasSize(1);
			assertThat(this.server.records("session")).hasSize(1);
		});
	}

	@Test
	void shutdownDropsAreReadableAfterTheClose() {
		this.server.down(true);
		runner().withPropertyValues("honeyhive.publisher.shutdown-timeout=300ms").run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			context.getBean(Worker.class).step();
			context.close();
			Counter shutdown = registry.find("honeyhive.publisher.events").tag("reason", "shutdown").counter();
			assertThat(shutdown).isNotNull();
			// The session (with its end merged in) and the event
			assertThat(shutdown.count()).isEqualTo(3.0);
		});
	}

	@Test
	void aContextStoppedAndStartedAgainDeliversAgain() {
		runner().run((context) -> {
			BatchingEventPublisher publisher = context.getBean(BatchingEventPublisher.class);
			context.stop();
			assertThat(publisher.isRunning()).isFalse();
			context.start();
			assertThat(publisher.isRunning()).isTrue();
			context.getBean(Worker.class).step();
			assertThat(publisher.flush(Duration.ofSeconds(10))).isTrue();
			assertThat(this.server.records("tool")).hasSize(1);
		});
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAsync
	static class AsyncWork {

		@Bean
		Worker worker() {
			return new Worker();
		}

		@Bean
		ApplicationListener<ContextClosedEvent> releaseOnClose(Worker worker) {
			return (event) -> worker.release();
		}

	}

	static class Worker {

		final CountDownLatch started = new CountDownLatch(1);

		final CountDownLatch release = new CountDownLatch(1);

		@Async
		@TraceEvent(name = "background", type = EventType.TOOL)
		public CompletableFuture<String> work() throws InterruptedException {
			this.started.countDown();
			this.release.await(30, TimeUnit.SECONDS);
			return CompletableFuture.completedFuture("done");
		}

		// Called through the proxy: the latches live in the target
		public boolean awaitStarted() throws InterruptedException {
			return this.started.await(10, TimeUnit.SECONDS);
		}

		public void release() {
			this.release.countDown();
		}

		@TraceEvent(name = "step", type = EventType.TOOL)
		public String step() {
			return "stepped";
		}

	}

}
