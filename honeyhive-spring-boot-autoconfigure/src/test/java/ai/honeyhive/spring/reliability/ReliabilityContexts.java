package ai.honeyhive.spring.reliability;

import java.util.stream.Collectors;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import ai.honeyhive.spring.autoconfigure.HoneyHiveAutoConfiguration;
import ai.honeyhive.spring.autoconfigure.HoneyHivePublisherAutoConfiguration;
import ai.honeyhive.spring.autoconfigure.HoneyHiveTracingAutoConfiguration;
import ai.honeyhive.spring.publisher.DropReason;
import ai.honeyhive.spring.reliability.TracedServices.Produced;
import ai.honeyhive.spring.testserver.HoneyHiveTestServer;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The application contexts and meter readings the reliability tests share.
 */
final class ReliabilityContexts {

	static final String EVENTS = "honeyhive.publisher.events";

	private ReliabilityContexts() {
	}

	/**
	 * A context with the starter's auto-configurations, Boot's HTTP client and RestClient
	 * auto-configurations, AOP, a simple meter registry and the traced services.
	 */
	static ApplicationContextRunner runner(String baseUrl) {
		return new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(AopAutoConfiguration.class, ImperativeHttpClientAutoConfiguration.class,
							RestClientAutoConfiguration.class, HoneyHiveAutoConfiguration.class,
							HoneyHivePublisherAutoConfiguration.class, HoneyHiveTracingAutoConfiguration.class))
			.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.withUserConfiguration(TracedServices.class)
			.withPropertyValues("honeyhive.api-key=hh-reliability-key", "honeyhive.base-url=" + baseUrl,
					"honeyhive.project=reliability");
	}

	static double exported(MeterRegistry registry) {
		Counter counter = registry.find(EVENTS).tag("outcome", "exported").counter();
		return (counter != null) ? counter.count() : 0;
	}

	static double dropped(MeterRegistry registry) {
		return registry.find(EVENTS).tag("outcome", "dropped").counters().stream().mapToDouble(Counter::count).sum();
	}

	static double dropped(MeterRegistry registry, DropReason reason) {
		Counter counter = registry.find(EVENTS).tag("outcome", "dropped").tag("reason", reason.tagValue()).counter();
		return (counter != null) ? counter.count() : 0;
	}

	/**
	 * Count the records the server stored of those the traced services produced, each
	 * once however often it was stored: an event, a session's start, and a session's end
	 * (its end time, sent merged into the start or as an update).
	 */
	static long storedRecords(HoneyHiveTestServer server, Produced produced) {
		long stored = 0;
		for (String id : produced.events) {
			stored += (server.timesStored(id) > 0) ? 1 : 0;
		}
		for (String id : produced.sessions) {
			stored += (server.timesStored(id) > 0) ? 1 : 0;
			ObjectNode session = server.record(id);
			JsonNode end = (session != null) ? session.get("end_time") : null;
			stored += (end != null && !end.isNull()) ? 1 : 0;
		}
		return stored;
	}

	/** Records handed to the publisher: the events, and each session's start and end. */
	static long handedOver(Produced produced) {
		return produced.events.size() + 2L * produced.sessions.size();
	}

	static String droppedByReason(MeterRegistry registry) {
		return registry.find(EVENTS)
			.tag("outcome", "dropped")
			.counters()
			.stream()
			.map((counter) -> counter.getId().getTag("reason") + "=" + (long) counter.count())
			.collect(Collectors.joining(", "));
	}

}
