package ai.honeyhive.spring.client;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import org.jspecify.annotations.Nullable;

/**
 * Reads a {@code Retry-After} header: delay-seconds or an HTTP date.
 */
final class RetryAfter {

	private static final Duration MAX = Duration.ofHours(1);

	private RetryAfter() {
	}

	static @Nullable Duration parse(@Nullable String header) {
		return parse(header, Instant.now());
	}

	static @Nullable Duration parse(@Nullable String header, Instant now) {
		if (header == null || header.isBlank()) {
			return null;
		}
		String value = header.strip();
		try {
			long seconds = Long.parseLong(value);
			return (seconds >= 0) ? min(Duration.ofSeconds(seconds)) : null;
		}
		catch (NumberFormatException ex) {
			// not delay-seconds: try an HTTP date
		}
		try {
			Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
			Duration delay = Duration.between(now, at);
			return delay.isNegative() ? Duration.ZERO : min(delay);
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	private static Duration min(Duration delay) {
		return (delay.compareTo(MAX) > 0) ? MAX : delay;
	}

}
