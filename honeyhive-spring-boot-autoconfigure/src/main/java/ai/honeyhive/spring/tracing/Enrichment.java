package ai.honeyhive.spring.tracing;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Additions to an event or a session while it is open, HoneyHive's {@code enrich_span}
 * and {@code enrich_session}. Values are captured (and redacted) when added, like
 * arguments; additions after the event ended are ignored. Obtain one through
 * {@link HoneyHiveTracer#enrichCurrentEvent} or {@link HoneyHiveTracer#enrichSession}.
 *
 * @since 0.1.0
 */
public interface Enrichment {

	/**
	 * Add a metadata entry.
	 * @param key the key
	 * @param value the value
	 * @return this enrichment
	 */
	Enrichment metadata(String key, @Nullable Object value);

	/**
	 * Add metadata entries.
	 * @param values the entries
	 * @return this enrichment
	 */
	Enrichment metadata(Map<String, ?> values);

	/**
	 * Add a metric, such as a score.
	 * @param key the metric's name
	 * @param value the value
	 * @return this enrichment
	 */
	Enrichment metrics(String key, @Nullable Object value);

	/**
	 * Add metrics.
	 * @param values the metrics
	 * @return this enrichment
	 */
	Enrichment metrics(Map<String, ?> values);

	/**
	 * Add a feedback entry, such as a user's rating.
	 * @param key the key
	 * @param value the value
	 * @return this enrichment
	 */
	Enrichment feedback(String key, @Nullable Object value);

	/**
	 * Add feedback entries.
	 * @param values the entries
	 * @return this enrichment
	 */
	Enrichment feedback(Map<String, ?> values);

	/**
	 * Add a configuration entry, such as a model's name.
	 * @param key the key
	 * @param value the value
	 * @return this enrichment
	 */
	Enrichment config(String key, @Nullable Object value);

	/**
	 * Add configuration entries.
	 * @param values the entries
	 * @return this enrichment
	 */
	Enrichment config(Map<String, ?> values);

	/**
	 * Add a property of the user.
	 * @param key the key
	 * @param value the value
	 * @return this enrichment
	 */
	Enrichment userProperties(String key, @Nullable Object value);

	/**
	 * Add properties of the user.
	 * @param values the properties
	 * @return this enrichment
	 */
	Enrichment userProperties(Map<String, ?> values);

	/**
	 * Add an output entry (next to {@code result}, the captured return value).
	 * @param key the key
	 * @param value the value
	 * @return this enrichment
	 */
	Enrichment outputs(String key, @Nullable Object value);

	/**
	 * Add output entries.
	 * @param values the entries
	 * @return this enrichment
	 */
	Enrichment outputs(Map<String, ?> values);

	/**
	 * Add an input entry. A session's inputs are sent when it starts, so inputs added to
	 * a session later are not recorded.
	 * @param key the key
	 * @param value the value
	 * @return this enrichment
	 */
	Enrichment inputs(String key, @Nullable Object value);

	/**
	 * Add input entries.
	 * @param values the entries
	 * @return this enrichment
	 */
	Enrichment inputs(Map<String, ?> values);

	/**
	 * Record a model call on this event, laid out as HoneyHive's model events are.
	 * @param modelCall the model call
	 * @return this enrichment
	 * @see ModelCall
	 */
	default Enrichment modelCall(ModelCall modelCall) {
		modelCall.applyTo(this);
		return this;
	}

}
