package ai.honeyhive.spring.client;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * A session to start, the body of {@code POST /session/start} (inside {@code {"session":
 * ...}}). The session is the root event of a trace; its id is also its event id. The maps
 * are not copied, so a caller must not change them after building the request.
 *
 * @param project the project name
 * @param sessionName the session's name
 * @param source the source, such as {@code production} or {@code dev}
 * @param sessionId the session id, a UUIDv4 (the server generates one when absent)
 * @param childrenIds the ids of the session's children
 * @param config configuration
 * @param inputs the inputs
 * @param outputs the outputs
 * @param error the error, when the session failed
 * @param duration the duration in milliseconds
 * @param userProperties properties of the user
 * @param metrics metrics
 * @param feedback feedback
 * @param metadata metadata
 * @param startTime the start time in epoch milliseconds
 * @param endTime the end time in epoch milliseconds
 * @since 0.1.0
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "project", "session_name", "source", "session_id", "children_ids", "config", "inputs", "outputs",
		"error", "duration", "user_properties", "metrics", "feedback", "metadata", "start_time", "end_time" })
public record SessionStartRequest(@Nullable String project, @Nullable String sessionName, @Nullable String source,
		@Nullable String sessionId, @Nullable List<String> childrenIds, @Nullable Map<String, @Nullable Object> config,
		@Nullable Map<String, @Nullable Object> inputs, @Nullable Map<String, @Nullable Object> outputs,
		@Nullable String error, @Nullable Double duration, @Nullable Map<String, @Nullable Object> userProperties,
		@Nullable Map<String, @Nullable Object> metrics, @Nullable Map<String, @Nullable Object> feedback,
		@Nullable Map<String, @Nullable Object> metadata, @Nullable Long startTime, @Nullable Long endTime) {

	/**
	 * Return a new builder.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Return a builder initialised with the values of this request.
	 * @return a new builder
	 */
	public Builder toBuilder() {
		Builder builder = new Builder();
		builder.project = this.project;
		builder.sessionName = this.sessionName;
		builder.source = this.source;
		builder.sessionId = this.sessionId;
		builder.childrenIds = this.childrenIds;
		builder.config = this.config;
		builder.inputs = this.inputs;
		builder.outputs = this.outputs;
		builder.error = this.error;
		builder.duration = this.duration;
		builder.userProperties = this.userProperties;
		builder.metrics = this.metrics;
		builder.feedback = this.feedback;
		builder.metadata = this.metadata;
		builder.startTime = this.startTime;
		builder.endTime = this.endTime;
		return builder;
	}

	/**
	 * Builder for {@link SessionStartRequest}.
	 */
	public static final class Builder {

		private @Nullable String project;

		private @Nullable String sessionName;

		private @Nullable String source;

		private @Nullable String sessionId;

		private @Nullable List<String> childrenIds;

		private @Nullable Map<String, @Nullable Object> config;

		private @Nullable Map<String, @Nullable Object> inputs;

		private @Nullable Map<String, @Nullable Object> outputs;

		private @Nullable String error;

		private @Nullable Double duration;

		private @Nullable Map<String, @Nullable Object> userProperties;

		private @Nullable Map<String, @Nullable Object> metrics;

		private @Nullable Map<String, @Nullable Object> feedback;

		private @Nullable Map<String, @Nullable Object> metadata;

		private @Nullable Long startTime;

		private @Nullable Long endTime;

		private Builder() {
		}

		public Builder project(@Nullable String project) {
			this.project = project;
			return this;
		}

		public Builder sessionName(@Nullable String sessionName) {
			this.sessionName = sessionName;
			return this;
		}

		public Builder source(@Nullable String source) {
			this.source = source;
			return this;
		}

		public Builder sessionId(@Nullable String sessionId) {
			this.sessionId = sessionId;
			return this;
		}

		public Builder childrenIds(@Nullable List<String> childrenIds) {
			this.childrenIds = childrenIds;
			return this;
		}

		public Builder config(@Nullable Map<String, @Nullable Object> config) {
			this.config = config;
			return this;
		}

		public Builder inputs(@Nullable Map<String, @Nullable Object> inputs) {
			this.inputs = inputs;
			return this;
		}

		public Builder outputs(@Nullable Map<String, @Nullable Object> outputs) {
			this.outputs = outputs;
			return this;
		}

		public Builder error(@Nullable String error) {
			this.error = error;
			return this;
		}

		public Builder duration(@Nullable Double duration) {
			this.duration = duration;
			return this;
		}

		public Builder userProperties(@Nullable Map<String, @Nullable Object> userProperties) {
			this.userProperties = userProperties;
			return this;
		}

		public Builder metrics(@Nullable Map<String, @Nullable Object> metrics) {
			this.metrics = metrics;
			return this;
		}

		public Builder feedback(@Nullable Map<String, @Nullable Object> feedback) {
			this.feedback = feedback;
			return this;
		}

		public Builder metadata(@Nullable Map<String, @Nullable Object> metadata) {
			this.metadata = metadata;
			return this;
		}

		public Builder startTime(@Nullable Long startTime) {
			this.startTime = startTime;
			return this;
		}

		public Builder endTime(@Nullable Long endTime) {
			this.endTime = endTime;
			return this;
		}

		/**
		 * Build the request.
		 * @return the request
		 */
		public SessionStartRequest build() {
			return new SessionStartRequest(this.project, this.sessionName, this.source, this.sessionId,
					this.childrenIds, this.config, this.inputs, this.outputs, this.error, this.duration,
					this.userProperties, this.metrics, this.feedback, this.metadata, this.startTime, this.endTime);
		}

	}

}
