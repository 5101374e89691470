package ai.honeyhive.spring.autoconfigure;

import java.util.Map;

import ai.honeyhive.spring.client.EventFilter;
import ai.honeyhive.spring.client.EventsClient;
import ai.honeyhive.spring.client.GetEventsRequest;
import ai.honeyhive.spring.client.HoneyHiveConfigurationException;
import ai.honeyhive.spring.client.UpdateEventRequest;
import ai.honeyhive.spring.publisher.BatchingEventPublisher;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Without an API key (none set, or a placeholder left unresolved) the application runs,
 * sends nothing, and fire-and-forget calls are counted as dropped rather than thrown.
 */
@Timeout(60)
@ExtendWith(OutputCaptureExtension.class)
class HoneyHiveMissingApiKeyTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RestClientAutoConfiguration.class, HoneyHiveAutoConfiguration.class,
				HoneyHivePublisherAutoConfiguration.class))
		.withPropertyValues("honeyhive.base-url=http://localhost:9", "honeyhive.project=proj")
		.withUserConfiguration(MeterRegistryConfiguration.class);

	@Test
	void shouldTreatAnUnresolvedPlaceholderAsNoKey(CapturedOutput output) {
		this.runner.withPropertyValues("honeyhive.api-key=${HONEYHIVE_TEST_UNSET_VARIABLE}").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(BatchingEventPublisher.class).getStatus().sending()).isFalse();
			assertThatExceptionOfType(HoneyHiveConfigurationException.class)
				.isThrownBy(() -> context.getBean(EventsClient.class)
					.getEvents(GetEventsRequest.of("proj", EventFilter.is("session_id", "s"))));
		});
		assertThat(output).containsOnlyOnce("honeyhive.api-key holds a placeholder that was not resolved");
	}

	@Test
	void shouldCountAnUpdateAsDroppedInsteadOfThrowingWithoutAKey(CapturedOutput output) {
		this.runner.run((context) -> {
			EventsClient client = context.getBean(EventsClient.class);
			assertThatNoException()
				.isThrownBy(() -> client.updateEvent(UpdateEventRequest.builder("0b0d2d43-6c52-4b4e-9a8c-6a1e3c2f3b10")
					.metrics(Map.of("m", 1))
					.build()));
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.find("honeyhive.publisher.events").tag("reason", "no_api_key").counter().count())
				.isEqualTo(1);
			assertThatExceptionOfType(HoneyHiveConfigurationException.class)
				.isThrownBy(() -> client.getEvents(GetEventsRequest.of("proj", EventFilter.is("session_id", "s"))));
		});
		assertThat(output).containsOnlyOnce("No HoneyHive API key is set (property");
	}

	@Configuration(proxyBeanMethods = false)
	static class MeterRegistryConfiguration {

		@Bean
		MeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

	}

}
