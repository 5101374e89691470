package ai.honeyhive.spring.client;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import tools.jackson.databind.annotation.JsonDeserialize;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * An event as the server returns it from an events query.
 *
 * @param projectId the project's id
 * @param source the source
 * @param eventName the event's name
 * @param eventType the event's type
 * @param eventId the event's id
 * @param sessionId the session's id
 * @param parentId the parent's id
 * @param childrenIds the children's ids
 * @param config configuration
 * @param inputs the inputs
 * @param outputs the outputs
 * @param error the error
 * @param startTime the start time in epoch milliseconds
 * @param endTime the end time in epoch milliseconds
 * @param duration the duration in milliseconds
 * @param metadata metadata
 * @param feedback feedback
 * @param metrics metrics
 * @param userProperties properties of the user
 * @since 0.1.0
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Event(@Nullable String projectId, @Nullable String source, @Nullable String eventName,
		@Nullable EventType eventType, @Nullable String eventId, @Nullable String sessionId, @Nullable String parentId,
		@Nullable List<String> childrenIds, @Nullable Map<String, @Nullable Object> config,
		@Nullable Map<String, @Nullable Object> inputs, @Nullable Map<String, @Nullable Object> outputs,
		@Nullable String error, @JsonDeserialize(using = LenientEpochMillisDeserializer.class) @Nullable Long startTime,
		@JsonDeserialize(using = LenientEpochMillisDeserializer.class) @Nullable Long endTime,
		@Nullable Double duration, @Nullable Map<String, @Nullable Object> metadata,
		@Nullable Map<String, @Nullable Object> feedback, @Nullable Map<String, @Nullable Object> metrics,
		@Nullable Map<String, @Nullable Object> userProperties) {

}
