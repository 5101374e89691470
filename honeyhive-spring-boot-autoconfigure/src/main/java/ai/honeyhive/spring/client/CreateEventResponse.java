package ai.honeyhive.spring.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * The answer to {@code POST /events} and {@code POST /events/model}.
 *
 * @param eventId the id of the event created
 * @param success whether the event was created
 * @since 0.1.0
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
public record CreateEventResponse(@Nullable String eventId, @Nullable Boolean success) {

}
