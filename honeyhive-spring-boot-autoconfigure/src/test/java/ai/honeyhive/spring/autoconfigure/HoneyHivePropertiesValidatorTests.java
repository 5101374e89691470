package ai.honeyhive.spring.autoconfigure;

import java.time.Duration;
import java.util.function.Consumer;

import ai.honeyhive.spring.client.EventsClient;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link HoneyHivePropertiesValidator}: each rule rejects a bad value naming
 * the property and the fix, and the defaults pass.
 */
class HoneyHivePropertiesValidatorTests {

	@Test
	void shouldAcceptTheDefaults() {
		HoneyHiveProperties properties = new HoneyHiveProperties();
		assertThatNoException().isThrownBy(() -> {
			HoneyHivePropertiesValidator.validate(properties);
			HoneyHivePropertiesValidator.validatePublisher(properties);
			HoneyHivePropertiesValidator.validateTracing(properties);
			HoneyHivePropertiesValidator.validateSpringAi(new HoneyHiveSpringAiProperties());
		});
	}

	@Test
	void shouldRejectARetryIntervalThePublisherUsedToReplace() {
		assertPublisherInvalid((p) -> p.getClient().getRetry().setInitialInterval(Duration.ZERO),
				"honeyhive.client.retry.initial-interval", "positive duration");
		assertPublisherInvalid((p) -> p.getClient().getRetry().setMaxInterval(Duration.ofSeconds(-1)),
				"honeyhive.client.retry.max-interval", "positive duration");
	}

	@Test
	void shouldRejectARetryMultiplierThePublisherUsedToRaise() {
		assertPublisherInvalid((p) -> p.getClient().getRetry().setMultiplier(0.5), "honeyhive.client.retry.multiplier",
				"1.0 (fixed delay) or more");
		assertPublisherInvalid((p) -> p.getClient().getRetry().setMultiplier(Double.NaN),
				"honeyhive.client.retry.multiplier", "1.0 (fixed delay) or more");
	}

	@Test
	void shouldRejectPublisherLimits() {
		assertPublisherInvalid((p) -> p.getPublisher().setMaxConcurrentExports(0),
				"honeyhive.publisher.max-concurrent-exports", "Must be positive");
		assertPublisherInvalid((p) -> p.getPublisher().setMaxBatchBytes(DataSize.ofBytes(0)),
				"honeyhive.publisher.max-batch-bytes", "such as 4MB");
		assertPublisherInvalid((p) -> p.getPublisher().setExportTimeout(Duration.ZERO),
				"honeyhive.publisher.export-timeout", "such as 30s");
		assertPublisherInvalid((p) -> p.getPublisher().setShutdownTimeout(Duration.ofSeconds(-1)),
				"honeyhive.publisher.shutdown-timeout", "such as 10s");
	}

	@Test
	void shouldRejectAMaxValueSizeThatWasClampedBefore() {
		assertTracingInvalid((p) -> p.getTracing().setMaxValueSize(DataSize.ofGigabytes(2)),
				"honeyhive.tracing.max-value-size", "less than 2GB");
		HoneyHiveProperties largest = new HoneyHiveProperties();
		largest.getTracing().setMaxValueSize(DataSize.ofBytes(HoneyHivePropertiesValidator.MAX_VALUE_SIZE));
		assertThatNoException().isThrownBy(() -> HoneyHivePropertiesValidator.validateTracing(largest));
	}

	@Test
	void shouldRejectABlankSessionName() {
		assertTracingInvalid((p) -> p.getTracing().setSessionName(" "), "honeyhive.tracing.session-name",
				"remove it to use spring.application.name");
	}

	@Test
	void shouldRejectNegativeSpringAiValues() {
		HoneyHiveSpringAiProperties properties = new HoneyHiveSpringAiProperties();
		properties.setMaxDocuments(-1);
		assertThatExceptionOfType(InvalidConfigurationPropertyValueException.class)
			.isThrownBy(() -> HoneyHivePropertiesValidator.validateSpringAi(properties))
			.satisfies((ex) -> assertThat(ex.getName()).isEqualTo("honeyhive.spring-ai.max-documents"));
	}

	@Test
	void shouldStopStartupOnABadBackoffEvenWithTheApplicationsOwnClient() {
		// The application's EventsClient replaces the auto-configured one, whose checks
		// then never run: the publisher's own check must name the property
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(HoneyHiveAutoConfiguration.class, HoneyHivePublisherAutoConfiguration.class))
			.withBean(EventsClient.class, () -> mock(EventsClient.class))
			.withPropertyValues("honeyhive.client.retry.initial-interval=0ms")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOfSatisfying(InvalidConfigurationPropertyValueException.class,
							(ex) -> assertThat(ex.getName()).isEqualTo("honeyhive.client.retry.initial-interval"));
			});
	}

	private static void assertPublisherInvalid(Consumer<HoneyHiveProperties> change, String name, String fix) {
		HoneyHiveProperties properties = new HoneyHiveProperties();
		change.accept(properties);
		assertInvalid(() -> HoneyHivePropertiesValidator.validatePublisher(properties), name, fix);
	}

	private static void assertTracingInvalid(Consumer<HoneyHiveProperties> change, String name, String fix) {
		HoneyHiveProperties properties = new HoneyHiveProperties();
		change.accept(properties);
		assertInvalid(() -> HoneyHivePropertiesValidator.validateTracing(properties), name, fix);
	}

	private static void assertInvalid(Runnable validation, String name, String fix) {
		assertThatExceptionOfType(InvalidConfigurationPropertyValueException.class).isThrownBy(validation::run)
			.satisfies((ex) -> {
				assertThat(ex.getName()).isEqualTo(name);
				assertThat(ex.getReason()).contains(fix);
			});
	}

}
