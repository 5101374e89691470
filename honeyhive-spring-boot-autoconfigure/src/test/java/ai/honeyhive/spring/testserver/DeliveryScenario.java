package ai.honeyhive.spring.testserver;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import ai.honeyhive.spring.autoconfigure.HoneyHiveAutoConfiguration;
import ai.honeyhive.spring.autoconfigure.HoneyHivePublisherAutoConfiguration;
import ai.honeyhive.spring.autoconfigure.HoneyHiveTracingAutoConfiguration;
import ai.honeyhive.spring.client.EventType;
import ai.honeyhive.spring.tracing.TraceEvent;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * An application traced by the starter, serving requests at a steady rate, each request a
 * top-level traced call and so its own session holding a chain, a tool and a model event;
 * then closed, and what reached the {@link HoneyHiveTestServer} compared with what was
 * produced. Shared by the delivery tests (short runs) and the delivery benchmark.
 */
public final class DeliveryScenario {

	private static final String EVENTS = "honeyhive.publisher.events";

	private final HoneyHiveTestServer server;

	private int sessionsPerSecond = 200;

	private Duration duration = Duration.ofSeconds(5);

	private final List<String> properties = new ArrayList<>();

	public DeliveryScenario(HoneyHiveTestServer server) {
		this.server = server;
	}

	public DeliveryScenario sessionsPerSecond(int sessionsPerSecond) {
		this.sessionsPerSecond = sessionsPerSecond;
		return this;
	}

	public DeliveryScenario duration(Duration duration) {
		this.duration = duration;
		return this;
	}

	/**
	 * Add application properties, such as
	 * {@code honeyhive.publisher.session-transport=start-endpoint}.
	 */
	public DeliveryScenario properties(String... properties) {
		this.properties.addAll(List.of(properties));
		return this;
	}

	/**
	 * Run the application, serve requests for the duration, close it and report.
	 * @param duringRun called once, halfway through the run (to inject an outage, say)
	 * @return the report
	 */
	public Result run(Runnable duringRun) {
		Map<String, Object> defaults = new LinkedHashMap<>();
		defaults.put("honeyhive.api-key", "hh-delivery-key");
		defaults.put("honeyhive.project", "delivery");
		defaults.put("honeyhive.base-url", this.server.baseUrl());
		defaults.put("spring.main.banner-mode", "off");
		ConfigurableApplicationContext context = new SpringApplicationBuilder(Application.class)
			.web(WebApplicationType.NONE)
			.logStartupInfo(false)
			.properties(defaults)
			.properties(this.properties.toArray(String[]::new))
			.run();
		MeterRegistry registry = context.getBean(MeterRegistry.class);
		Pipeline pipeline = context.getBean(Pipeline.class);
		ExecutorService requests = Executors.newFixedThreadPool(8);
		AtomicLong served = new AtomicLong();
		long total = this.sessionsPerSecond * this.duration.toSeconds();
		long intervalNanos = TimeUnit.SECONDS.toNanos(1) / this.sessionsPerSecond;
		long start = System.nanoTime();
		try {
			for (long i = 0; i < total; i++) {
				if (i == total / 2) {
					duringRun.run();
				}
				long due = start + i * intervalNanos;
				long wait = due - System.nanoTime();
				if (wait > 0) {
					// Pacing the load: one request every interval
					LockSupport.parkNanos(wait);
				}
				requests.execute(() -> {
					pipeline.answer("question");
					served.incrementAndGet();
				});
			}
			requests.shutdown();
			requests.awaitTermination(1, TimeUnit.MINUTES);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		long closeStart = System.nanoTime();
		context.close();
		Duration close = Duration.ofNanos(System.nanoTime() - closeStart);
		return new Result(served.get(), this.server, registry, close);
	}

	public Result run() {
		return run(() -> {
		});
	}

	/**
	 * What a run produced and what the server stored.
	 */
	public static final class Result {

		/** Top-level calls served: each one session, three events, one session end. */
		public final long sessions;

		public final long storedSessionsOnce;

		public final long storedEventsOnce;

		public final long duplicates;

		public final double exported;

		public final Map<String, Double> dropped = new LinkedHashMap<>();

		public final long httpCalls;

		public final Duration close;

		Result(long sessions, HoneyHiveTestServer server, MeterRegistry registry, Duration close) {
			this.sessions = sessions;
			long sessionsOnce = 0;
			long eventsOnce = 0;
			long duplicates = 0;
			for (Map.Entry<String, Integer> stored : server.storedCounts().entrySet()) {
				var record = server.record(stored.getKey());
				boolean session = record != null && record.has("event_type")
						&& "session".equals(record.get("event_type").asString());
				if (stored.getValue() == 1) {
					if (session) {
						sessionsOnce++;
					}
					else {
						eventsOnce++;
					}
				}
				else {
					duplicates++;
				}
			}
			this.storedSessionsOnce = sessionsOnce;
			this.storedEventsOnce = eventsOnce;
			this.duplicates = duplicates;
			Counter exportedCounter = registry.find(EVENTS).tag("outcome", "exported").counter();
			this.exported = (exportedCounter != null) ? exportedCounter.count() : 0;
			registry.find(EVENTS)
				.tag("outcome", "dropped")
				.counters()
				.forEach((counter) -> this.dropped.put(counter.getId().getTag("reason"), counter.count()));
			this.httpCalls = server.totalCalls();
			this.close = close;
		}

		/**
		 * Records handed to the publisher: per session its start, end and three events.
		 */
		public long handedOver() {
			return this.sessions * 5;
		}

		public double droppedInAll() {
			return this.dropped.values().stream().mapToDouble(Double::doubleValue).sum();
		}

		/** Share of sessions and events stored exactly once. */
		public double storedOnceShare() {
			return (double) (this.storedSessionsOnce + this.storedEventsOnce) / (this.sessions * 4);
		}

		public double callsPerSession() {
			return (double) this.httpCalls / this.sessions;
		}

		@Override
		public String toString() {
			return String.format(
					"%d sessions (%d records handed over): stored once %.3f%% (%d sessions, %d events), %d duplicates;"
							+ " exported %.0f, dropped %s; %d HTTP calls, %.4f per session; close %d ms",
					this.sessions, handedOver(), 100 * storedOnceShare(), this.storedSessionsOnce,
					this.storedEventsOnce, this.duplicates, this.exported, this.dropped, this.httpCalls,
					callsPerSession(), this.close.toMillis());
		}

	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ AopAutoConfiguration.class, ImperativeHttpClientAutoConfiguration.class,
			RestClientAutoConfiguration.class, HoneyHiveAutoConfiguration.class,
			HoneyHivePublisherAutoConfiguration.class, HoneyHiveTracingAutoConfiguration.class })
	static class Application {

		@Bean
		MeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

		@Bean
		Steps steps() {
			return new Steps();
		}

		@Bean
		Pipeline pipeline(Steps steps) {
			return new Pipeline(steps);
		}

	}

	/** The request handler: a chain calling a tool and a model. */
	public static class Pipeline {

		private final Steps steps;

		Pipeline(Steps steps) {
			this.steps = steps;
		}

		@TraceEvent(name = "answer", type = EventType.CHAIN)
		public String answer(String question) {
			return this.steps.generate(this.steps.retrieve(question));
		}

	}

	/** The steps of a request. */
	public static class Steps {

		@TraceEvent(name = "retrieve", type = EventType.TOOL)
		public String retrieve(String question) {
			return "context for " + question;
		}

		@TraceEvent(name = "generate", type = EventType.MODEL)
		public String generate(String context) {
			return "answer from " + context;
		}

	}

}
