package ai.honeyhive.spring.tracing;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Tests that {@link TracingSettings} and {@link SessionOptions} refuse values that cannot
 * work, naming the value, and accept the values at each bound.
 */
class TracingArgumentChecksTests {

	private static final List<String> PATTERNS = TracingSettings.DEFAULT_REDACTION_PATTERNS;

	@Test
	void tracingSettingsAreCheckedAtTheirBounds() {
		Duration timeout = Duration.ofMinutes(5);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new TracingSettings(null, null, "app", true, true, 10, PATTERNS, timeout))
			.withMessageContaining("'source'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new TracingSettings(null, "dev", null, true, true, 10, PATTERNS, timeout))
			.withMessageContaining("'sessionName'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new TracingSettings(null, "dev", "app", true, true, 0, PATTERNS, timeout))
			.withMessageContaining("'maxValueSize'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new TracingSettings(null, "dev", "app", true, true, 10, null, timeout))
			.withMessageContaining("'redactionPatterns'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new TracingSettings(null, "dev", "app", true, true, 10, PATTERNS, Duration.ZERO))
			.withMessageContaining("'asyncTimeout'");
		assertThatNoException()
			.isThrownBy(() -> new TracingSettings(null, "dev", "app", true, true, 1, PATTERNS, Duration.ofNanos(1)));
	}

	@Test
	void sessionOptionsAreChecked() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new SessionOptions(" ", null, Map.of(), Map.of(), Map.of()))
			.withMessageContaining("'name'");
		assertThatIllegalArgumentException().isThrownBy(() -> new SessionOptions("s", null, null, Map.of(), Map.of()))
			.withMessageContaining("'inputs'");
		assertThatIllegalArgumentException().isThrownBy(() -> new SessionOptions("s", null, Map.of(), null, Map.of()))
			.withMessageContaining("'metadata'");
		assertThatIllegalArgumentException().isThrownBy(() -> new SessionOptions("s", null, Map.of(), Map.of(), null))
			.withMessageContaining("'userProperties'");
	}

	@Test
	void aMissingModelCallIsRefusedByName() {
		assertThatIllegalArgumentException().isThrownBy(() -> HoneyHiveContext.recordModelCall(null))
			.withMessageContaining("'modelCall'");
	}

	@Test
	void aSessionIdThatIsNotAUuidIsQuotedCutToSixtyFourCharacters() {
		String sixtyFour = "x".repeat(64);
		assertThatIllegalArgumentException().isThrownBy(() -> SessionOptions.builder("s").sessionId(sixtyFour).build())
			.satisfies((ex) -> assertThat(ex.getMessage()).contains("'" + sixtyFour + "'"));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> SessionOptions.builder("s").sessionId(sixtyFour + "y").build())
			.satisfies((ex) -> assertThat(ex.getMessage()).contains("'" + sixtyFour + "...'"));
	}

}
