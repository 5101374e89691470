package ai.honeyhive.spring.hardening;

import java.util.Arrays;

import ai.honeyhive.spring.autoconfigure.HoneyHiveAutoConfiguration;
import ai.honeyhive.spring.autoconfigure.HoneyHivePublisherAutoConfiguration;
import ai.honeyhive.spring.autoconfigure.HoneyHiveTracingAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Bad configuration stops a real {@code SpringApplication}, and the failure analysis Boot
 * prints names the property, its value and the fix.
 */
@Timeout(120)
@ExtendWith(OutputCaptureExtension.class)
class ConfigurationFailureAnalysisTests {

	private static final String FAILED = "APPLICATION FAILED TO START";

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = ';',
			textBlock = """
					honeyhive.base-url=not a url; honeyhive.base-url; Use an absolute http or https URL
					honeyhive.base-url=ftp://files.example.com; honeyhive.base-url; Use an absolute http or https URL
					honeyhive.base-url=https://; honeyhive.base-url; Use an absolute http or https URL
					honeyhive.project=; honeyhive.project; Set it to the name of your HoneyHive project
					honeyhive.source=; honeyhive.source; Set it to a non-empty name
					honeyhive.client.read-timeout=-5s; honeyhive.client.read-timeout; Use a positive duration
					honeyhive.client.retry.max-attempts=0; honeyhive.client.retry.max-attempts; Use 1 (no retries) or more
					honeyhive.publisher.max-queue-size=-1; honeyhive.publisher.max-queue-size; Must be positive
					honeyhive.publisher.max-batch-size=-3; honeyhive.publisher.max-batch-size; Must be positive
					honeyhive.publisher.max-queue-bytes=-1MB; honeyhive.publisher.max-queue-bytes; Must be positive
					honeyhive.publisher.max-batch-size=500|honeyhive.publisher.max-queue-size=100; honeyhive.publisher.max-batch-size; lower max-batch-size or raise max-queue-size
					honeyhive.publisher.schedule-delay=0s; honeyhive.publisher.schedule-delay; Must be a positive duration
					honeyhive.tracing.max-value-size=0B; honeyhive.tracing.max-value-size; Must be positive, such as 16KB
					honeyhive.tracing.max-value-size=-1KB; honeyhive.tracing.max-value-size; Must be positive, such as 16KB
					honeyhive.tracing.async-timeout=0s; honeyhive.tracing.async-timeout; Must be a positive duration, such as 5m
					honeyhive.tracing.max-value-size=2GB; honeyhive.tracing.max-value-size; Must be less than 2GB
					honeyhive.tracing.session-name=; honeyhive.tracing.session-name; remove it to use spring.application.name
					honeyhive.tracing.async-timeout=-1m; honeyhive.tracing.async-timeout; Must be a positive duration, such as 5m
					honeyhive.tracing.redaction-patterns[0]=password|honeyhive.tracing.redaction-patterns[1]=pass[word; honeyhive.tracing.redaction-patterns[1]; Not a valid regular expression
					""")
	void shouldStopStartupWithAnAnalysisNamingThePropertyAndTheFix(String properties, String property, String fix,
			CapturedOutput output) {
		assertThatException().isThrownBy(() -> start(properties.split("\\|")));
		String analysis = analysis(output);
		assertThat(analysis).contains("Invalid value")
			.contains("'" + property + "'")
			.contains(fix)
			.contains("Review the value of the property");
	}

	@Test
	void shouldNameTheRedactionPatternAndItsValue(CapturedOutput output) {
		assertThatException().isThrownBy(() -> start("honeyhive.tracing.redaction-patterns=(secret"));
		assertThat(analysis(output)).contains("Invalid value '(secret'")
			.contains("'honeyhive.tracing.redaction-patterns[0]'")
			.contains("Unclosed group");
	}

	@Test
	void shouldNameTheEmptyRedactionPattern(CapturedOutput output) {
		assertThatException().isThrownBy(() -> start("honeyhive.tracing.redaction-patterns[0]=password",
				"honeyhive.tracing.redaction-patterns[1]="));
		assertThat(analysis(output)).contains("'honeyhive.tracing.redaction-patterns[1]'")
			.contains("would match every name and redact every value");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = ';',
			textBlock = """
					honeyhive.client.read-timeout=soon; honeyhive.client.read-timeout; java.time.Duration
					honeyhive.tracing.max-value-size=huge; honeyhive.tracing.max-value-size; org.springframework.util.unit.DataSize
					honeyhive.publisher.max-queue-size=many; honeyhive.publisher.max-queue-size; int
					honeyhive.tracing.capture-inputs=maybe; honeyhive.tracing.capture-inputs; boolean
					""")
	void shouldStopStartupOnValuesThatCannotBeConverted(String properties, String property, String type,
			CapturedOutput output) {
		// Boot's own bind failure analysis: the property, the value and the target type
		assertThatException().isThrownBy(() -> start(properties));
		assertThat(analysis(output)).contains("Failed to bind properties under '" + property + "' to " + type)
			.contains("Update your application's configuration");
	}

	@Test
	void shouldStartWithTheDefaults() {
		try (ConfigurableApplicationContext context = start("honeyhive.api-key=test-key")) {
			assertThat(context.isRunning()).isTrue();
		}
	}

	private static ConfigurableApplicationContext start(String... properties) {
		String[] args = Arrays.stream(properties).map((property) -> "--" + property).toArray(String[]::new);
		return new SpringApplicationBuilder(Application.class).web(WebApplicationType.NONE).run(args);
	}

	private static String analysis(CapturedOutput output) {
		String all = output.getAll();
		assertThat(all).contains(FAILED);
		return all.substring(all.lastIndexOf(FAILED));
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ RestClientAutoConfiguration.class, HoneyHiveAutoConfiguration.class,
			HoneyHivePublisherAutoConfiguration.class, HoneyHiveTracingAutoConfiguration.class })
	static class Application {

	}

}
