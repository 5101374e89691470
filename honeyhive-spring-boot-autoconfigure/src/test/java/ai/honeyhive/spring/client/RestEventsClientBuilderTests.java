package ai.honeyhive.spring.client;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Tests for {@link RestEventsClient.Builder}: settings that cannot work are refused when
 * they are set, with a message naming the setting; the limits themselves are accepted.
 */
class RestEventsClientBuilderTests {

	@Test
	void durationsMustBePositive() {
		RestEventsClient.Builder builder = RestEventsClient.builder();
		assertThatIllegalArgumentException().isThrownBy(() -> builder.connectTimeout(Duration.ZERO))
			.withMessage("'connectTimeout' must be positive");
		assertThatIllegalArgumentException().isThrownBy(() -> builder.readTimeout(Duration.ofMillis(-1)))
			.withMessage("'readTimeout' must be positive");
		assertThatIllegalArgumentException().isThrownBy(() -> builder.initialInterval(Duration.ZERO))
			.withMessage("'initialInterval' must be positive");
		assertThatIllegalArgumentException().isThrownBy(() -> builder.maxInterval(Duration.ZERO))
			.withMessage("'maxInterval' must be positive");
		assertThatIllegalArgumentException().isThrownBy(() -> builder.maxElapsedTime(Duration.ofSeconds(-5)))
			.withMessage("'maxElapsedTime' must be positive");
		assertThatIllegalArgumentException().isThrownBy(() -> builder.readTimeout(null))
			.withMessage("'readTimeout' must be positive");
		assertThatNoException().isThrownBy(() -> builder.connectTimeout(Duration.ofNanos(1))
			.readTimeout(Duration.ofMillis(1))
			.initialInterval(Duration.ofMillis(1))
			.maxInterval(Duration.ofMillis(1))
			.maxElapsedTime(Duration.ofMillis(1)));
	}

	@Test
	void retrySettingsHaveLowerBounds() {
		RestEventsClient.Builder builder = RestEventsClient.builder();
		assertThatIllegalArgumentException().isThrownBy(() -> builder.maxAttempts(0))
			.withMessageContaining("'maxAttempts'");
		assertThatIllegalArgumentException().isThrownBy(() -> builder.multiplier(0.99))
			.withMessageContaining("'multiplier'");
		assertThatNoException().isThrownBy(() -> builder.maxAttempts(1).multiplier(1.0));
	}

	@Test
	void baseUrlAndExportPathAreChecked() {
		RestEventsClient.Builder builder = RestEventsClient.builder();
		assertThatIllegalArgumentException().isThrownBy(() -> builder.baseUrl(""))
			.withMessage("'baseUrl' must not be empty");
		assertThatIllegalArgumentException().isThrownBy(() -> builder.baseUrl("api.honeyhive.ai/v1"))
			.withMessageContaining("absolute");
		assertThatIllegalArgumentException().isThrownBy(() -> builder.baseUrl("file:///tmp/x"))
			.withMessageContaining("absolute");
		assertThatIllegalArgumentException().isThrownBy(() -> builder.exportPath("v1/events/export"))
			.withMessageContaining("'exportPath'");
		assertThatIllegalArgumentException().isThrownBy(() -> builder.exportPath(" "))
			.withMessageContaining("'exportPath'");
		assertThat(builder.baseUrl("http://localhost:1234/").toString())
			.isEqualTo("RestEventsClient.Builder[baseUrl=http://localhost:1234]");
		assertThat(RestEventsClient.builder().toString())
			.isEqualTo("RestEventsClient.Builder[baseUrl=https://api.honeyhive.ai]");
	}

	@Test
	void aKeyOfBlanksOrOnlyThePrefixIsNoKey() {
		for (String key : new String[] { null, "", "  ", "Bearer", "bearer   ", " BEARER\t" }) {
			assertThat(RestEventsClient.builder().apiKey(key).build().toString()).as("key [%s]", key)
				.isEqualTo("RestEventsClient[apiKey=none]");
		}
		assertThat(RestEventsClient.builder().apiKey("Bearerish-key").build().toString())
			.isEqualTo("RestEventsClient[apiKey=******]");
	}

}
