package ai.honeyhive.spring.client;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * A model event to create, the body of {@code POST /events/model} (inside
 * {@code {"model_event": ...}}) and the item of {@code POST /events/model/batch}. The
 * linkage fields ({@code event_id}, {@code session_id}, {@code parent_id}) and times go
 * beyond the original contract; current servers accept them.
 *
 * @param project the project name
 * @param model the model's name
 * @param provider the model's provider
 * @param messages the messages sent to the model
 * @param response the model's response
 * @param duration the duration in milliseconds
 * @param usage token usage
 * @param cost the cost
 * @param error the error
 * @param source the source
 * @param eventName the event's name
 * @param hyperparameters hyperparameters such as temperature
 * @param template the prompt template
 * @param templateInputs the template's inputs
 * @param tools the tools offered to the model
 * @param toolChoice the tool choice
 * @param responseFormat the response format
 * @param eventId the event id
 * @param sessionId the session id
 * @param parentId the parent event's id
 * @param startTime the start time in epoch milliseconds
 * @param endTime the end time in epoch milliseconds
 * @param metadata metadata
 * @since 0.1.0
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "project", "model", "provider", "messages", "response", "duration", "usage", "cost", "error",
		"source", "event_name", "hyperparameters", "template", "template_inputs", "tools", "tool_choice",
		"response_format", "event_id", "session_id", "parent_id", "start_time", "end_time", "metadata" })
public record CreateModelEventRequest(@Nullable String project, @Nullable String model, @Nullable String provider,
		@Nullable List<Map<String, @Nullable Object>> messages, @Nullable Map<String, @Nullable Object> response,
		@Nullable Double duration, @Nullable Map<String, @Nullable Object> usage, @Nullable Double cost,
		@Nullable String error, @Nullable String source, @Nullable String eventName,
		@Nullable Map<String, @Nullable Object> hyperparameters, @Nullable List<Map<String, @Nullable Object>> template,
		@Nullable Map<String, @Nullable Object> templateInputs, @Nullable List<Map<String, @Nullable Object>> tools,
		@Nullable String toolChoice, @Nullable Map<String, @Nullable Object> responseFormat, @Nullable String eventId,
		@Nullable String sessionId, @Nullable String parentId, @Nullable Long startTime, @Nullable Long endTime,
		@Nullable Map<String, @Nullable Object> metadata) {

	/**
	 * Return a new builder.
	 * @return the builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Builds a {@link CreateModelEventRequest}.
	 */
	public static final class Builder {

		private @Nullable String project;

		private @Nullable String model;

		private @Nullable String provider;

		private @Nullable List<Map<String, @Nullable Object>> messages;

		private @Nullable Map<String, @Nullable Object> response;

		private @Nullable Double duration;

		private @Nullable Map<String, @Nullable Object> usage;

		private @Nullable Double cost;

		private @Nullable String error;

		private @Nullable String source;

		private @Nullable String eventName;

		private @Nullable Map<String, @Nullable Object> hyperparameters;

		private @Nullable List<Map<String, @Nullable Object>> template;

		private @Nullable Map<String, @Nullable Object> templateInputs;

		private @Nullable List<Map<String, @Nullable Object>> tools;

		private @Nullable String toolChoice;

		private @Nullable Map<String, @Nullable Object> responseFormat;

		private @Nullable String eventId;

		private @Nullable String sessionId;

		private @Nullable String parentId;

		private @Nullable Long startTime;

		private @Nullable Long endTime;

		private @Nullable Map<String, @Nullable Object> metadata;

		private Builder() {
		}

		/**
		 * Set the project.
		 * @param project the value
		 * @return this builder
		 */
		public Builder project(@Nullable String project) {
			this.project = project;
			return this;
		}

		/**
		 * Set the model.
		 * @param model the value
		 * @return this builder
		 */
		public Builder model(@Nullable String model) {
			this.model = model;
			return this;
		}

		/**
		 * Set the provider.
		 * @param provider the value
		 * @return this builder
		 */
		public Builder provider(@Nullable String provider) {
			this.provider = provider;
			return this;
		}

		/**
		 * Set the messages.
		 * @param messages the value
		 * @return this builder
		 */
		public Builder messages(@Nullable List<Map<String, @Nullable Object>> messages) {
			this.messages = messages;
			return this;
		}

		/**
		 * Set the response.
		 * @param response the value
		 * @return this builder
		 */
		public Builder response(@Nullable Map<String, @Nullable Object> response) {
			this.response = response;
			return this;
		}

		/**
		 * Set the duration.
		 * @param duration the value
		 * @return this builder
		 */
		public Builder duration(@Nullable Double duration) {
			this.duration = duration;
			return this;
		}

		/**
		 * Set the usage.
		 * @param usage the value
		 * @return this builder
		 */
		public Builder usage(@Nullable Map<String, @Nullable Object> usage) {
			this.usage = usage;
			return this;
		}

		/**
		 * Set the cost.
		 * @param cost the value
		 * @return this builder
		 */
		public Builder cost(@Nullable Double cost) {
			this.cost = cost;
			return this;
		}

		/**
		 * Set the error.
		 * @param error the value
		 * @return this builder
		 */
		public Builder error(@Nullable String error) {
			this.error = error;
			return this;
		}

		/**
		 * Set the source.
		 * @param source the value
		 * @return this builder
		 */
		public Builder source(@Nullable String source) {
			this.source = source;
			return this;
		}

		/**
		 * Set the eventName.
		 * @param eventName the value
		 * @return this builder
		 */
		public Builder eventName(@Nullable String eventName) {
			this.eventName = eventName;
			return this;
		}

		/**
		 * Set the hyperparameters.
		 * @param hyperparameters the value
		 * @return this builder
		 */
		public Builder hyperparameters(@Nullable Map<String, @Nullable Object> hyperparameters) {
			this.hyperparameters = hyperparameters;
			return this;
		}

		/**
		 * Set the template.
		 * @param template the value
		 * @return this builder
		 */
		public Builder template(@Nullable List<Map<String, @Nullable Object>> template) {
			this.template = template;
			return this;
		}

		/**
		 * Set the templateInputs.
		 * @param templateInputs the value
		 * @return this builder
		 */
		public Builder templateInputs(@Nullable Map<String, @Nullable Object> templateInputs) {
			this.templateInputs = templateInputs;
			return this;
		}

		/**
		 * Set the tools.
		 * @param tools the value
		 * @return this builder
		 */
		public Builder tools(@Nullable List<Map<String, @Nullable Object>> tools) {
			this.tools = tools;
			return this;
		}

		/**
		 * Set the toolChoice.
		 * @param toolChoice the value
		 * @return this builder
		 */
		public Builder toolChoice(@Nullable String toolChoice) {
			this.toolChoice = toolChoice;
			return this;
		}

		/**
		 * Set the responseFormat.
		 * @param responseFormat the value
		 * @return this builder
		 */
		public Builder responseFormat(@Nullable Map<String, @Nullable Object> responseFormat) {
			this.responseFormat = responseFormat;
			return this;
		}

		/**
		 * Set the eventId.
		 * @param eventId the value
		 * @return this builder
		 */
		public Builder eventId(@Nullable String eventId) {
			this.eventId = eventId;
			return this;
		}

		/**
		 * Set the sessionId.
		 * @param sessionId the value
		 * @return this builder
		 */
		public Builder sessionId(@Nullable String sessionId) {
			this.sessionId = sessionId;
			return this;
		}

		/**
		 * Set the parentId.
		 * @param parentId the value
		 * @return this builder
		 */
		public Builder parentId(@Nullable String parentId) {
			this.parentId = parentId;
			return this;
		}

		/**
		 * Set the startTime.
		 * @param startTime the value
		 * @return this builder
		 */
		public Builder startTime(@Nullable Long startTime) {
			this.startTime = startTime;
			return this;
		}

		/**
		 * Set the endTime.
		 * @param endTime the value
		 * @return this builder
		 */
		public Builder endTime(@Nullable Long endTime) {
			this.endTime = endTime;
			return this;
		}

		/**
		 * Set the metadata.
		 * @param metadata the value
		 * @return this builder
		 */
		public Builder metadata(@Nullable Map<String, @Nullable Object> metadata) {
			this.metadata = metadata;
			return this;
		}

		/**
		 * Build the request.
		 * @return the request
		 */
		public CreateModelEventRequest build() {
			return new CreateModelEventRequest(this.project, this.model, this.provider, this.messages, this.response,
					this.duration, this.usage, this.cost, this.error, this.source, this.eventName, this.hyperparameters,
					this.template, this.templateInputs, this.tools, this.toolChoice, this.responseFormat, this.eventId,
					this.sessionId, this.parentId, this.startTime, this.endTime, this.metadata);
		}

	}

}
