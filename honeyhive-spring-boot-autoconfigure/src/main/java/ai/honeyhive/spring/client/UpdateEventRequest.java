package ai.honeyhive.spring.client;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

import org.springframework.util.Assert;

/**
 * An update of an existing event, the flat body of {@code PUT /events}. The server merges
 * {@code metadata}, {@code feedback}, {@code metrics}, {@code config} and
 * {@code userProperties} into the stored event and replaces its {@code outputs}. The maps
 * are not copied, so a caller must not change them after building the request.
 *
 * @param eventId the id of the event to update (a session id updates the session)
 * @param metadata metadata to merge
 * @param feedback feedback to merge
 * @param metrics metrics to merge
 * @param outputs outputs that replace the stored ones
 * @param config configuration to merge
 * @param userProperties user properties to merge
 * @param duration the duration in milliseconds
 * @param endTime the end time in epoch milliseconds
 * @param childrenIds ids of children to record (an empty list is ignored by the server)
 * @since 0.1.0
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "event_id", "metadata", "feedback", "metrics", "outputs", "config", "user_properties", "duration",
		"end_time", "children_ids" })
public record UpdateEventRequest(String eventId, @Nullable Map<String, @Nullable Object> metadata,
		@Nullable Map<String, @Nullable Object> feedback, @Nullable Map<String, @Nullable Object> metrics,
		@Nullable Map<String, @Nullable Object> outputs, @Nullable Map<String, @Nullable Object> config,
		@Nullable Map<String, @Nullable Object> userProperties, @Nullable Double duration, @Nullable Long endTime,
		@Nullable List<String> childrenIds) {

	public UpdateEventRequest {
		Assert.hasText(eventId, "'eventId' must not be empty");
	}

	/**
	 * Return a new builder for an update of the given event.
	 * @param eventId the id of the event to update
	 * @return a new builder
	 */
	public static Builder builder(String eventId) {
		return new Builder(eventId);
	}

	/**
	 * Builder for {@link UpdateEventRequest}.
	 */
	public static final class Builder {

		private final String eventId;

		private @Nullable Map<String, @Nullable Object> metadata;

		private @Nullable Map<String, @Nullable Object> feedback;

		private @Nullable Map<String, @Nullable Object> metrics;

		private @Nullable Map<String, @Nullable Object> outputs;

		private @Nullable Map<String, @Nullable Object> config;

		private @Nullable Map<String, @Nullable Object> userProperties;

		private @Nullable Double duration;

		private @Nullable Long endTime;

		private @Nullable List<String> childrenIds;

		private Builder(String eventId) {
			this.eventId = eventId;
		}

		public Builder metadata(@Nullable Map<String, @Nullable Object> metadata) {
			this.metadata = metadata;
			return this;
		}

		public Builder feedback(@Nullable Map<String, @Nullable Object> feedback) {
			this.feedback = feedback;
			return this;
		}

		public Builder metrics(@Nullable Map<String, @Nullable Object> metrics) {
			this.metrics = metrics;
			return this;
		}

		public Builder outputs(@Nullable Map<String, @Nullable Object> outputs) {
			this.outputs = outputs;
			return this;
		}

		public Builder config(@Nullable Map<String, @Nullable Object> config) {
			this.config = config;
			return this;
		}

		public Builder userProperties(@Nullable Map<String, @Nullable Object> userProperties) {
			this.userProperties = userProperties;
			return this;
		}

		public Builder duration(@Nullable Double duration) {
			this.duration = duration;
			return this;
		}

		public Builder endTime(@Nullable Long endTime) {
			this.endTime = endTime;
			return this;
		}

		public Builder childrenIds(@Nullable List<String> childrenIds) {
			this.childrenIds = childrenIds;
			return this;
		}

		/**
		 * Build the request.
		 * @return the request
		 */
		public UpdateEventRequest build() {
			return new UpdateEventRequest(this.eventId, this.metadata, this.feedback, this.metrics, this.outputs,
					this.config, this.userProperties, this.duration, this.endTime, this.childrenIds);
		}

	}

}
