package ai.honeyhive.spring.client;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The type of a HoneyHive event, as the Events API spells it on the wire.
 *
 * @since 0.1.0
 */
public enum EventType {

	/** The root event of a trace: {@code event_id} equals {@code session_id}. */
	SESSION("session"),

	/** A call to a language model. */
	MODEL("model"),

	/** A step such as retrieval, a function call or an API call. */
	TOOL("tool"),

	/** A composition of other events (an agent step, a pipeline). */
	CHAIN("chain");

	private final String wireValue;

	EventType(String wireValue) {
		this.wireValue = wireValue;
	}

	/**
	 * Return the value used on the wire.
	 * @return the lowercase wire value
	 */
	@JsonValue
	public String wireValue() {
		return this.wireValue;
	}

	/**
	 * Return the type for a wire value, ignoring case.
	 * @param value the wire value
	 * @return the matching type
	 * @throws IllegalArgumentException if the value names no type
	 */
	@JsonCreator
	public static EventType fromWireValue(String value) {
		for (EventType type : values()) {
			if (type.wireValue.equalsIgnoreCase(value)) {
				return type;
			}
		}
		throw new IllegalArgumentException("Unknown event type '" + value + "'");
	}

}
