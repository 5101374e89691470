package ai.honeyhive.spring.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonValue;
import org.jspecify.annotations.Nullable;

/**
 * A filter of an events query ({@code filters} of {@code POST /events/export}). The
 * client sends a query only when each filter has a field, an operator and a type, and a
 * value unless the operator is {@link Operator#EXISTS} or {@link Operator#NOT_EXISTS}
 * (then {@code "value": null} is sent).
 *
 * @param field the field, a dotted path such as {@code metadata.cost} or
 * {@code session_id}
 * @param value the value to compare with: a {@link String}, a {@link Number} or a
 * {@link Boolean}
 * @param operator the comparison
 * @param type the type of the value
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "field", "value", "operator", "type" })
public record EventFilter(@Nullable String field, @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable Object value,
		@Nullable Operator operator, @Nullable Type type) {

	public EventFilter {
		if (value != null && !(value instanceof String) && !(value instanceof Number) && !(value instanceof Boolean)) {
			throw new IllegalArgumentException(
					"'value' must be a String, a Number or a Boolean, not " + value.getClass().getName());
		}
	}

	/**
	 * Return a filter matching events whose field equals a string value. Use it for ids
	 * too: the server rejects the {@code id} type.
	 * @param field the field
	 * @param value the value
	 * @return the filter
	 */
	public static EventFilter is(String field, String value) {
		return new EventFilter(field, value, Operator.IS, Type.STRING);
	}

	/**
	 * A filter's comparison. {@code exists}, {@code not exists}, {@code less than},
	 * {@code after} and {@code before} are served by the current server (Data Plane API)
	 * only; servers of the original contract know the first five.
	 */
	public enum Operator {

		IS("is"), IS_NOT("is not"), CONTAINS("contains"), NOT_CONTAINS("not contains"), GREATER_THAN("greater than"),

		LESS_THAN("less than"), EXISTS("exists"), NOT_EXISTS("not exists"), AFTER("after"), BEFORE("before");

		private final String wireValue;

		Operator(String wireValue) {
			this.wireValue = wireValue;
		}

		@JsonValue
		public String wireValue() {
			return this.wireValue;
		}

		/**
		 * Return whether the operator compares with no value ({@code exists},
		 * {@code not exists}).
		 * @return whether the filter's value is unused
		 */
		public boolean takesNoValue() {
			return this == EXISTS || this == NOT_EXISTS;
		}

	}

	/**
	 * The type of a filter's value. {@code datetime} is served by the current server
	 * (Data Plane API) only; compare it with {@link Operator#AFTER} and
	 * {@link Operator#BEFORE}.
	 */
	public enum Type {

		STRING("string"), NUMBER("number"), BOOLEAN("boolean"), DATETIME("datetime"),

		/**
		 * The {@code id} type of the original contract. HoneyHive's backend rejects it
		 * with HTTP 400; use {@link #STRING} for ids.
		 */
		@Deprecated
		ID("id");

		private final String wireValue;

		Type(String wireValue) {
			this.wireValue = wireValue;
		}

		@JsonValue
		public String wireValue() {
			return this.wireValue;
		}

	}

}
