package ai.honeyhive.spring.client;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link HoneyHiveApiException}: which statuses are retried, and the message a
 * log line shows (short, the API's own words first).
 */
class HoneyHiveApiExceptionTests {

	@Test
	void onlyTransientStatusesAreRetryable() {
		for (int status : new int[] { 408, 429, 500, 502, 503, 504 }) {
			assertThat(HoneyHiveApiException.isRetryableStatus(status)).as("HTTP %d", status).isTrue();
			assertThat(new HoneyHiveApiException(status, null, null, null, null).isRetryable()).as("HTTP %d", status)
				.isTrue();
		}
		for (int status : new int[] { 200, 400, 401, 403, 404, 409, 413, 422, 501, 505 }) {
			assertThat(HoneyHiveApiException.isRetryableStatus(status)).as("HTTP %d", status).isFalse();
			assertThat(new HoneyHiveApiException(status, null, null, null, null).isRetryable()).as("HTTP %d", status)
				.isFalse();
		}
	}

	@Test
	void messageNamesTheStatusTheErrorCodeAndTheApiMessage() {
		HoneyHiveApiException ex = new HoneyHiveApiException(400, "INVALID", "project is required", "{...}",
				Duration.ofSeconds(3));
		assertThat(ex).hasMessage("HoneyHive API answered HTTP 400 [INVALID]: project is required");
		assertThat(ex.getRetryAfter()).isEqualTo(Duration.ofSeconds(3));
		assertThat(ex.getResponseBody()).isEqualTo("{...}");
	}

	@Test
	void withoutAnApiMessageTheMessageShowsTheStrippedBodyAndWithNeitherOnlyTheStatus() {
		assertThat(new HoneyHiveApiException(502, null, null, "  Bad gateway \n", null))
			.hasMessage("HoneyHive API answered HTTP 502: Bad gateway");
		assertThat(new HoneyHiveApiException(502, null, null, " \n ", null))
			.hasMessage("HoneyHive API answered HTTP 502");
		assertThat(new HoneyHiveApiException(502, null, null, null, null))
			.hasMessage("HoneyHive API answered HTTP 502");
	}

	@Test
	void longServerTextsAreCutInTheMessageAndTheKeptBody() {
		String code = "C".repeat(150);
		String apiMessage = "m".repeat(800);
		String body = "b".repeat(5000);
		HoneyHiveApiException ex = new HoneyHiveApiException(400, code, apiMessage, body, null);
		assertThat(ex.getMessage()).isEqualTo("HoneyHive API answered HTTP 400 [" + "C".repeat(100)
				+ "...[truncated]]: " + "m".repeat(500) + "...[truncated]");
		assertThat(ex.getErrorCode()).isEqualTo(code);
		assertThat(ex.getApiMessage()).isEqualTo(apiMessage);
		assertThat(ex.getResponseBody())
			.isEqualTo("b".repeat(HoneyHiveApiException.MAX_BODY_LENGTH) + "...[truncated]");
		HoneyHiveApiException bodyOnly = new HoneyHiveApiException(500, null, null, body, null);
		assertThat(bodyOnly.getMessage())
			.isEqualTo("HoneyHive API answered HTTP 500: " + "b".repeat(200) + "...[truncated]");
	}

	@Test
	void textsAtTheLimitAreKeptWhole() {
		String body = "b".repeat(HoneyHiveApiException.MAX_BODY_LENGTH);
		HoneyHiveApiException ex = new HoneyHiveApiException(400, "C".repeat(100), "m".repeat(500), body, null);
		assertThat(ex.getResponseBody()).isEqualTo(body);
		assertThat(ex.getMessage()).doesNotContain("[truncated]");
		assertThat(new HoneyHiveApiException(500, null, null, "b".repeat(200), null).getMessage())
			.doesNotContain("[truncated]");
	}

	@Test
	void aPartialBatchIsNeverRetryableAsAWholeAndCountsWhatLanded() {
		HoneyHivePartialBatchException ex = new HoneyHivePartialBatchException(500, java.util.List.of("e-1", "e-2"),
				java.util.List.of("e-3: bad"), "{}");
		assertThat(ex.isRetryable()).isFalse();
		assertThat(ex.getMessage()).contains("batch partially created: 2 created, 1 failed");
	}

}
