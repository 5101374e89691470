package ai.honeyhive.spring.client;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * Session properties of a batch call ({@code session_properties}), applied to the session
 * of the batch's events.
 *
 * @param sessionName the session's name
 * @param source the source
 * @param sessionId the session id
 * @param config configuration
 * @param inputs the inputs
 * @param outputs the outputs
 * @param error the error
 * @param userProperties properties of the user
 * @param metrics metrics
 * @param feedback feedback
 * @param metadata metadata
 * @since 0.1.0
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "session_name", "source", "session_id", "config", "inputs", "outputs", "error", "user_properties",
		"metrics", "feedback", "metadata" })
public record SessionProperties(@Nullable String sessionName, @Nullable String source, @Nullable String sessionId,
		@Nullable Map<String, @Nullable Object> config, @Nullable Map<String, @Nullable Object> inputs,
		@Nullable Map<String, @Nullable Object> outputs, @Nullable String error,
		@Nullable Map<String, @Nullable Object> userProperties, @Nullable Map<String, @Nullable Object> metrics,
		@Nullable Map<String, @Nullable Object> feedback, @Nullable Map<String, @Nullable Object> metadata) {

}
