package ai.honeyhive.spring.client;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RetryAfterTests {

	private static final Instant NOW = Instant.parse("2015-10-21T07:28:00Z");

	@Test
	void readsDelaySeconds() {
		assertThat(RetryAfter.parse(" 7 ", NOW)).isEqualTo(Duration.ofSeconds(7));
	}

	@Test
	void readsAnHttpDate() {
		assertThat(RetryAfter.parse("Wed, 21 Oct 2015 07:28:30 GMT", NOW)).isEqualTo(Duration.ofSeconds(30));
		assertThat(RetryAfter.parse("Wed, 21 Oct 2015 07:27:00 GMT", NOW)).isEqualTo(Duration.ZERO);
	}

	@Test
	void capsAbsurdDelaysAndIgnoresGarbage() {
		assertThat(RetryAfter.parse("99999999", NOW)).isEqualTo(Duration.ofHours(1));
		assertThat(RetryAfter.parse("soon", NOW)).isNull();
		assertThat(RetryAfter.parse("-3", NOW)).isNull();
		assertThat(RetryAfter.parse(null, NOW)).isNull();
	}

	@Test
	void zeroMeansRetryAtOnceAndBlankMeansNoHeader() {
		assertThat(RetryAfter.parse("0", NOW)).isEqualTo(Duration.ZERO);
		assertThat(RetryAfter.parse(" ", NOW)).isNull();
		assertThat(RetryAfter.parse("Wed, 21 Oct 2015 07:28:00 GMT", NOW)).isEqualTo(Duration.ZERO);
	}

	@Test
	void capsAFarHttpDateAtAnHour() {
		assertThat(RetryAfter.parse("Wed, 21 Oct 2015 09:28:00 GMT", NOW)).isEqualTo(Duration.ofHours(1));
		assertThat(RetryAfter.parse("3600", NOW)).isEqualTo(Duration.ofHours(1));
		assertThat(RetryAfter.parse("3599", NOW)).isEqualTo(Duration.ofSeconds(3599));
	}

}
