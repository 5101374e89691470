package ai.honeyhive.spring.tracing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * An open event or session: its identity, timing, enrichment and the ids of the children
 * that finished before it. The value held by the current context.
 */
abstract class TraceNode implements Enrichment {

	static final int METADATA = 0;

	static final int METRICS = 1;

	static final int FEEDBACK = 2;

	static final int CONFIG = 3;

	static final int USER_PROPERTIES = 4;

	static final int OUTPUTS = 5;

	static final int INPUTS = 6;

	/**
	 * The most children ids a node records. The server links events by their
	 * {@code parent_id}; the list only helps, and a session open for hours must not grow
	 * without bound.
	 */
	static final int MAX_CHILDREN_IDS = 1000;

	final ValueCapture capture;

	final String id;

	final long startEpochMillis;

	final long startNanos;

	// Guarded by this; created when first used so a plain call allocates none of them
	private final @Nullable Map<String, @Nullable Object>[] fields;

	private @Nullable List<String> children;

	// Written under the lock, read without it by HoneyHiveContext.current()
	private volatile boolean finished;

	@SuppressWarnings("unchecked")
	TraceNode(ValueCapture capture, String id, long startEpochMillis, long startNanos) {
		this.capture = capture;
		this.id = id;
		this.startEpochMillis = startEpochMillis;
		this.startNanos = startNanos;
		this.fields = new Map[7];
	}

	abstract SessionNode session();

	/**
	 * Return the node that becomes current in place of this one once it is finished: an
	 * event's parent, or the node that was current where a session was started.
	 */
	abstract @Nullable TraceNode enclosing();

	/**
	 * Set a field's map before the node is published (no capture, no lock needed).
	 */
	void initField(int field, @Nullable Map<String, @Nullable Object> values) {
		this.fields[field] = values;
	}

	/**
	 * Read a field after {@link #finish()}.
	 */
	@Nullable Map<String, @Nullable Object> field(int field) {
		return this.fields[field];
	}

	synchronized void addChild(String childId) {
		if (this.finished) {
			return;
		}
		if (this.children == null) {
			this.children = new ArrayList<>(4);
		}
		if (this.children.size() < MAX_CHILDREN_IDS) {
			this.children.add(childId);
		}
	}

	/**
	 * Mark the node finished.
	 * @return the ids of its children, or {@code null} if it was already finished
	 */
	synchronized @Nullable List<String> finish() {
		if (this.finished) {
			return null;
		}
		this.finished = true;
		return (this.children != null) ? List.copyOf(this.children) : List.of();
	}

	final boolean isFinished() {
		return this.finished;
	}

	final void put(int field, @Nullable String key, @Nullable Object value) {
		if (key == null) {
			key = "null";
		}
		Object captured = this.capture.redaction().matches(key) ? Redaction.MARKER : this.capture.capture(value);
		synchronized (this) {
			if (this.finished) {
				return;
			}
			Map<String, @Nullable Object> map = this.fields[field];
			if (map == null) {
				map = new LinkedHashMap<>();
				this.fields[field] = map;
			}
			map.put(key, captured);
		}
	}

	/**
	 * Put a value of the starter's own layout: neither the key nor the keys inside the
	 * value are redacted ({@code prompt_tokens} and {@code max_tokens} are not secrets).
	 */
	final void putUnredacted(int field, String key, @Nullable Object value) {
		putLayout(field, key, value, false);
	}

	/**
	 * Put a value under a key of the starter's own layout (the key is never redacted),
	 * redacting the matching keys inside the value or not.
	 */
	final void putLayout(int field, String key, @Nullable Object value, boolean redactInside) {
		Object captured = this.capture.capture(value, redactInside);
		synchronized (this) {
			if (this.finished) {
				return;
			}
			Map<String, @Nullable Object> map = this.fields[field];
			if (map == null) {
				map = new LinkedHashMap<>();
				this.fields[field] = map;
			}
			map.put(key, captured);
		}
	}

	final void putAll(int field, @Nullable Map<String, ?> values) {
		if (values == null) {
			return;
		}
		try {
			values.forEach((key, value) -> put(field, String.valueOf(key), value));
		}
		catch (RuntimeException ex) { // NOSONAR enrichment never throws into the caller
			// A map changed while it was read, or a key whose toString() fails: what was
			// read so far is kept
		}
	}

	@Override
	public Enrichment metadata(String key, @Nullable Object value) {
		put(METADATA, key, value);
		return this;
	}

	@Override
	public Enrichment metadata(Map<String, ?> values) {
		putAll(METADATA, values);
		return this;
	}

	@Override
	public Enrichment metrics(String key, @Nullable Object value) {
		put(METRICS, key, value);
		return this;
	}

	@Override
	public Enrichment metrics(Map<String, ?> values) {
		putAll(METRICS, values);
		return this;
	}

	@Override
	public Enrichment feedback(String key, @Nullable Object value) {
		put(FEEDBACK, key, value);
		return this;
	}

	@Override
	public Enrichment feedback(Map<String, ?> values) {
		putAll(FEEDBACK, values);
		return this;
	}

	@Override
	public Enrichment config(String key, @Nullable Object value) {
		put(CONFIG, key, value);
		return this;
	}

	@Override
	public Enrichment config(Map<String, ?> values) {
		putAll(CONFIG, values);
		return this;
	}

	@Override
	public Enrichment userProperties(String key, @Nullable Object value) {
		put(USER_PROPERTIES, key, value);
		return this;
	}

	@Override
	public Enrichment userProperties(Map<String, ?> values) {
		putAll(USER_PROPERTIES, values);
		return this;
	}

	@Override
	public Enrichment outputs(String key, @Nullable Object value) {
		put(OUTPUTS, key, value);
		return this;
	}

	@Override
	public Enrichment outputs(Map<String, ?> values) {
		putAll(OUTPUTS, values);
		return this;
	}

	@Override
	public Enrichment inputs(String key, @Nullable Object value) {
		put(INPUTS, key, value);
		return this;
	}

	@Override
	public Enrichment inputs(Map<String, ?> values) {
		putAll(INPUTS, values);
		return this;
	}

}
