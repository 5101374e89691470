package ai.honeyhive.spring.client;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;

/**
 * Reads a time as epoch milliseconds from a number, a numeric string or a date-time
 * string (ISO-8601 with or without an offset, or {@code yyyy-MM-dd HH:mm:ss[.SSS]} as
 * UTC), as servers and the spec's examples write it. A value it cannot read becomes
 * {@code null} rather than failing the whole response.
 */
final class LenientEpochMillisDeserializer extends ValueDeserializer<Long> {

	private static final DateTimeFormatter SPACED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSSSSS][.SSS]");

	@Override
	public @Nullable Long deserialize(JsonParser parser, DeserializationContext context) {
		JsonToken token = parser.currentToken();
		if (token == JsonToken.VALUE_NUMBER_INT) {
			return parser.getLongValue();
		}
		if (token == JsonToken.VALUE_NUMBER_FLOAT) {
			return (long) parser.getDoubleValue();
		}
		if (token == JsonToken.VALUE_STRING) {
			return parse(parser.getValueAsString());
		}
		parser.skipChildren();
		return null;
	}

	static @Nullable Long parse(@Nullable String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		String value = text.strip();
		try {
			return (long) Double.parseDouble(value);
		}
		catch (NumberFormatException ex) {
			// not a number: a date-time
		}
		try {
			return OffsetDateTime.parse(value).toInstant().toEpochMilli();
		}
		catch (DateTimeParseException ex) {
			// no offset
		}
		try {
			return Instant.parse(value).toEpochMilli();
		}
		catch (DateTimeParseException ex) {
			// not an instant
		}
		try {
			return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC).toEpochMilli();
		}
		catch (DateTimeParseException ex) {
			// not ISO local
		}
		try {
			return LocalDateTime.parse(value, SPACED).toInstant(ZoneOffset.UTC).toEpochMilli();
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

}
