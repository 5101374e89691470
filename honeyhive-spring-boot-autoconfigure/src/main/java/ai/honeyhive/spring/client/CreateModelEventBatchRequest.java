package ai.honeyhive.spring.client;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

import org.springframework.util.Assert;

/**
 * The body of {@code POST /events/model/batch}.
 *
 * @param modelEvents the model events to create
 * @param isSingleSession whether all events belong to one session
 * @param sessionProperties properties of that session
 * @since 0.1.0
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "model_events", "is_single_session", "session_properties" })
public record CreateModelEventBatchRequest(List<CreateModelEventRequest> modelEvents, @Nullable Boolean isSingleSession,
		@Nullable SessionProperties sessionProperties) {

	public CreateModelEventBatchRequest {
		Assert.notNull(modelEvents, "'modelEvents' must not be null");
	}

}
