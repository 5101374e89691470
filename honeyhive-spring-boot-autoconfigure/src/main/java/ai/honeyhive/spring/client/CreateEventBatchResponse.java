package ai.honeyhive.spring.client;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * The answer to {@code POST /events/batch} and {@code POST /events/model/batch}.
 *
 * @param eventIds the ids of the events created
 * @param sessionId the session id, when the server reports one
 * @param success whether the whole batch was created
 * @since 0.1.0
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
public record CreateEventBatchResponse(@Nullable List<String> eventIds, @Nullable String sessionId,
		@Nullable Boolean success) {

}
