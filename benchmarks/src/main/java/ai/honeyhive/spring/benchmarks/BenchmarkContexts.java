package ai.honeyhive.spring.benchmarks;

import java.util.LinkedHashMap;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.aop.ObservedAspect;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.instrumentation.spring.autoconfigure.internal.instrumentation.annotations.InstrumentationAnnotationsAutoConfiguration;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;

import ai.honeyhive.spring.autoconfigure.HoneyHiveAutoConfiguration;
import ai.honeyhive.spring.autoconfigure.HoneyHivePublisherAutoConfiguration;
import ai.honeyhive.spring.autoconfigure.HoneyHiveTracingAutoConfiguration;
import ai.honeyhive.spring.client.EventsClient;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The application contexts the benchmarks run in: the starter's real auto-configuration
 * (aspect, tracer, batching publisher), OpenTelemetry's Spring Boot aspect over an SDK
 * with a {@link BatchSpanProcessor}, and Micrometer's {@link ObservedAspect}.
 */
final class BenchmarkContexts {

	private BenchmarkContexts() {
	}

	/**
	 * Start a context whose publisher hands batches to a discarding client.
	 * @param properties extra properties
	 * @return the context
	 */
	static ConfigurableApplicationContext discarding(String... properties) {
		return start(DiscardingClientConfiguration.class, properties);
	}

	/**
	 * Start a context whose publisher sends to the given base URL over HTTP.
	 * @param baseUrl the base URL
	 * @param properties extra properties
	 * @return the context
	 */
	static ConfigurableApplicationContext http(String baseUrl, String... properties) {
		String[] all = new String[properties.length + 1];
		all[0] = "honeyhive.base-url=" + baseUrl;
		System.arraycopy(properties, 0, all, 1, properties.length);
		return start(WorkConfiguration.class, all);
	}

	private static ConfigurableApplicationContext start(Class<?> configuration, String... properties) {
		Map<String, Object> defaults = new LinkedHashMap<>();
		defaults.put("honeyhive.api-key", "benchmark-key");
		defaults.put("honeyhive.project", "benchmarks");
		defaults.put("spring.main.banner-mode", "off");
		defaults.put("logging.level.root", "warn");
		defaults.put("otel.instrumentation.annotations.enabled", "true");
		return new SpringApplicationBuilder(configuration).web(WebApplicationType.NONE)
			.logStartupInfo(false)
			.properties(defaults)
			.properties(properties)
			.run();
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ AopAutoConfiguration.class, RestClientAutoConfiguration.class,
			HoneyHiveAutoConfiguration.class, HoneyHivePublisherAutoConfiguration.class,
			HoneyHiveTracingAutoConfiguration.class, InstrumentationAnnotationsAutoConfiguration.class })
	static class WorkConfiguration {

		@Bean
		Work plain() {
			return new WorkBeans.Plain();
		}

		@Bean
		Work traced() {
			return new WorkBeans.Traced();
		}

		@Bean
		Work uncaptured() {
			return new WorkBeans.Uncaptured();
		}

		@Bean
		Work inner() {
			return new WorkBeans.Traced();
		}

		@Bean
		Work middle(Work inner) {
			return new WorkBeans.Middle(inner);
		}

		@Bean
		Work outer(Work middle) {
			return new WorkBeans.Outer(middle);
		}

		@Bean
		Work otel() {
			return new WorkBeans.OtelTraced();
		}

		@Bean
		Work observed() {
			return new WorkBeans.Observed();
		}

		@Bean
		DiscardingSpanExporter discardingSpanExporter() {
			return new DiscardingSpanExporter();
		}

		@Bean(destroyMethod = "close")
		OpenTelemetrySdk openTelemetry(DiscardingSpanExporter exporter) {
			return OpenTelemetrySdk.builder()
				.setTracerProvider(SdkTracerProvider.builder()
					.addSpanProcessor(BatchSpanProcessor.builder(exporter).build())
					.build())
				.build();
		}

		@Bean
		MeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

		@Bean
		ObservationRegistry observationRegistry(MeterRegistry meterRegistry) {
			ObservationRegistry registry = ObservationRegistry.create();
			registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(meterRegistry));
			return registry;
		}

		@Bean
		ObservedAspect observedAspect(ObservationRegistry observationRegistry) {
			return new ObservedAspect(observationRegistry);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ AopAutoConfiguration.class, RestClientAutoConfiguration.class,
			HoneyHiveAutoConfiguration.class, HoneyHivePublisherAutoConfiguration.class,
			HoneyHiveTracingAutoConfiguration.class, InstrumentationAnnotationsAutoConfiguration.class })
	static class DiscardingClientConfiguration extends WorkConfiguration {

		@Bean
		EventsClient discardingEventsClient() {
			return new DiscardingEventsClient();
		}

	}

	static OpenTelemetry unused() {
		return OpenTelemetry.noop();
	}

}
