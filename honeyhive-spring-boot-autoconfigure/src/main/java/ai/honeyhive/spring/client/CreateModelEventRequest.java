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

}
