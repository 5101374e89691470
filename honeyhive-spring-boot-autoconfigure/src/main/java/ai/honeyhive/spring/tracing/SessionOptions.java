package ai.honeyhive.spring.tracing;

import java.util.LinkedHashMap;
import java.util.Map;

import ai.honeyhive.spring.client.EventIds;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * How to start a session with {@link HoneyHiveTracer#startSession(SessionOptions)}.
 * <pre class="code">
 * SessionOptions.builder("chat")
 *     .sessionId(conversationId)
 *     .inputs(Map.of("question", question))
 *     .userProperty("user", userId)
 *     .build();
 * </pre>
 *
 * @param name the session's name
 * @param sessionId the session id, a UUID ({@link IllegalArgumentException} otherwise);
 * {@code null} for a new random id
 * @param inputs the session's inputs
 * @param metadata the session's metadata
 * @param userProperties properties of the user
 * @since 0.1.0
 */
public record SessionOptions(String name, @Nullable String sessionId, Map<String, @Nullable Object> inputs,
		Map<String, @Nullable Object> metadata, Map<String, @Nullable Object> userProperties) {

	public SessionOptions {
		Assert.hasText(name, "'name' must not be empty");
		Assert.notNull(inputs, "'inputs' must not be null");
		Assert.notNull(metadata, "'metadata' must not be null");
		Assert.notNull(userProperties, "'userProperties' must not be null");
		if (sessionId != null && !EventIds.isUuid(sessionId)) {
			// HoneyHive replaces an id that is not a UUID by a new one: the session's
			// events,
			// sent with the caller's id, would belong to no session
			throw new IllegalArgumentException("HoneyHive session id '"
					+ ((sessionId.length() > 64) ? sessionId.substring(0, 64) + "..." : sessionId)
					+ "' is not a UUID (such as 3f2b8c1e-9d4a-4e7b-8c2d-5a6f7e8d9c0b): HoneyHive would replace it"
					+ " and detach the session's events; use a UUID, or none for a new one");
		}
	}

	/**
	 * Return a new builder.
	 * @param name the session's name
	 * @return a new builder
	 */
	public static Builder builder(String name) {
		return new Builder(name);
	}

	/**
	 * Builder for {@link SessionOptions}.
	 */
	public static final class Builder {

		private final String name;

		private @Nullable String sessionId;

		private final Map<String, @Nullable Object> inputs = new LinkedHashMap<>();

		private final Map<String, @Nullable Object> metadata = new LinkedHashMap<>();

		private final Map<String, @Nullable Object> userProperties = new LinkedHashMap<>();

		private Builder(String name) {
			this.name = name;
		}

		/**
		 * Set the session id, so the requests of one conversation share a session. It
		 * must be a UUID: HoneyHive replaces other ids by generated ones, so
		 * {@link #build()} refuses them with an {@link IllegalArgumentException}.
		 * @param sessionId the session id
		 * @return this builder
		 */
		public Builder sessionId(@Nullable String sessionId) {
			this.sessionId = sessionId;
			return this;
		}

		/**
		 * Add an input.
		 * @param key the key
		 * @param value the value
		 * @return this builder
		 */
		public Builder input(String key, @Nullable Object value) {
			this.inputs.put(key, value);
			return this;
		}

		/**
		 * Add inputs.
		 * @param inputs the inputs
		 * @return this builder
		 */
		public Builder inputs(Map<String, ?> inputs) {
			this.inputs.putAll(inputs);
			return this;
		}

		/**
		 * Add a metadata entry.
		 * @param key the key
		 * @param value the value
		 * @return this builder
		 */
		public Builder metadata(String key, @Nullable Object value) {
			this.metadata.put(key, value);
			return this;
		}

		/**
		 * Add metadata entries.
		 * @param metadata the entries
		 * @return this builder
		 */
		public Builder metadata(Map<String, ?> metadata) {
			this.metadata.putAll(metadata);
			return this;
		}

		/**
		 * Add a property of the user.
		 * @param key the key
		 * @param value the value
		 * @return this builder
		 */
		public Builder userProperty(String key, @Nullable Object value) {
			this.userProperties.put(key, value);
			return this;
		}

		/**
		 * Add properties of the user.
		 * @param userProperties the properties
		 * @return this builder
		 */
		public Builder userProperties(Map<String, ?> userProperties) {
			this.userProperties.putAll(userProperties);
			return this;
		}

		/**
		 * Build the options.
		 * @return the options
		 */
		public SessionOptions build() {
			return new SessionOptions(this.name, this.sessionId, new LinkedHashMap<>(this.inputs),
					new LinkedHashMap<>(this.metadata), new LinkedHashMap<>(this.userProperties));
		}

	}

}
