package ai.honeyhive.spring.publisher;

import java.util.Locale;

/**
 * How one call of the publisher to the API ended. Each outcome is the {@code outcome} tag
 * of the {@code honeyhive.publisher.export} timer ({@link #tagValue()}).
 *
 * @since 0.1.0
 */
public enum ExportOutcome {

	/** The server accepted every record of the call. */
	SUCCESS,

	/** The server accepted some records of the call and refused others. */
	PARTIAL,

	/** The call failed: no record was accepted. */
	FAILURE;

	private final String tagValue = name().toLowerCase(Locale.ROOT);

	/**
	 * Return the value of the meter tag for this outcome, such as {@code success}.
	 * @return the tag value
	 */
	public String tagValue() {
		return this.tagValue;
	}

}
