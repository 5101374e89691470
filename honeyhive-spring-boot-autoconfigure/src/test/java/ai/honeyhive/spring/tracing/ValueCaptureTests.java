package ai.honeyhive.spring.tracing;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ValueCapture} and {@link Redaction}.
 */
class ValueCaptureTests {

	private final Redaction redaction = new Redaction(TracingSettings.DEFAULT_REDACTION_PATTERNS);

	private final ValueCapture capture = new ValueCapture(200, this.redaction);

	@Test
	void shouldKeepSimpleValuesAsTheyAre() {
		assertThat(this.capture.capture("text")).isEqualTo("text");
		assertThat(this.capture.capture(42)).isEqualTo(42);
		assertThat(this.capture.capture(true)).isEqualTo(true);
		assertThat(this.capture.capture(Color.RED)).isEqualTo("RED");
		assertThat(this.capture.capture(null)).isNull();
	}

	@Test
	void shouldConvertObjectsToPlainMapsAndListsAndRedactKeys() {
		Object captured = this.capture.capture(new Request("q", List.of(new Credential("u", "p")),
				LocalDate.of(2025, 1, 2), Map.of("max_tokens", 10, "access_token", "t")));
		assertThat(captured)
			.isEqualTo(Map.of("query", "q", "credentials", List.of(Map.of("user", "u", "password", "[REDACTED]")),
					"date", "2025-01-02", "options", Map.of("max_tokens", 10, "access_token", "[REDACTED]")));
	}

	@Test
	void shouldRedactTruncatedJsonAsText() {
		// the secret comes first, inside the part that is kept
		Map<String, Object> value = new LinkedHashMap<>();
		value.put("password", "hunter2");
		value.put("text", "x".repeat(500));
		Object captured = this.capture.capture(value);
		assertThat((String) captured).startsWith("{\"password\":[REDACTED],\"text\":\"xxx")
			.contains("...[truncated by HoneyHive: more than 200 bytes")
			.doesNotContain("hunter2");
	}

	@Test
	void shouldRedactSecretsInFreeText() {
		assertThat(this.redaction.redactText("login failed: password=hunter2, apiKey: abc user=ada"))
			.isEqualTo("login failed: password=[REDACTED], apiKey: [REDACTED] user=ada");
	}

	@Test
	void shouldMatchPatternsCaseInsensitivelyAnywhereInTheName() {
		assertThat(this.redaction.matches("dbPassword")).isTrue();
		assertThat(this.redaction.matches("X-API-KEY")).isTrue();
		assertThat(this.redaction.matches("Authorization")).isTrue();
		assertThat(this.redaction.matches("prompt_tokens")).isFalse();
		assertThat(this.redaction.matches("question")).isFalse();
		assertThat(new Redaction(List.of()).matches("password")).isFalse();
	}

	enum Color {

		RED

	}

	record Credential(String user, String password) {
	}

	record Request(String query, List<Credential> credentials, LocalDate date, Map<String, Object> options) {
	}

}
