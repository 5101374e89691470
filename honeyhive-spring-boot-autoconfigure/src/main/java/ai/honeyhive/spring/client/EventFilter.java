package ai.honeyhive.spring.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonValue;
import org.jspecify.annotations.Nullable;

/**
 * A filter of an events query ({@code filters} of {@code POST /events/export}).
 *
 * @param field the field, a dotted path such as {@code metadata.cost} or
 * {@code session_id}
 * @param value the value to compare with
 * @param operator the comparison
 * @param type the type of the value
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "field", "value", "operator", "type" })
public record EventFilter(@Nullable String field, @Nullable String value, @Nullable Operator operator,
		@Nullable Type type) {

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
	 * A filter's comparison.
	 */
	public enum Operator {

		IS("is"), IS_NOT("is not"), CONTAINS("contains"), NOT_CONTAINS("not contains"), GREATER_THAN("greater than");

		private final String wireValue;

		Operator(String wireValue) {
			this.wireValue = wireValue;
		}

		@JsonValue
		public String wireValue() {
			return this.wireValue;
		}

	}

	/**
	 * The type of a filter's value.
	 */
	public enum Type {

		STRING("string"), NUMBER("number"), BOOLEAN("boolean"),

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
