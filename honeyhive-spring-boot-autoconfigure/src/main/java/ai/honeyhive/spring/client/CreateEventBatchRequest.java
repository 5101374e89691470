package ai.honeyhive.spring.client;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

import org.springframework.util.Assert;

/**
 * The body of {@code POST /events/batch}.
 *
 * @param events the events to create
 * @param isSingleSession whether all events belong to one session (the server's default
 * is {@code false})
 * @param sessionProperties properties of that session
 * @since 0.1.0
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "events", "is_single_session", "session_properties" })
public record CreateEventBatchRequest(List<CreateEventRequest> events, @Nullable Boolean isSingleSession,
		@Nullable SessionProperties sessionProperties) {

	public CreateEventBatchRequest {
		Assert.notNull(events, "'events' must not be null");
	}

	/**
	 * Return a batch of events that may belong to several sessions.
	 * @param events the events
	 * @return the request
	 */
	public static CreateEventBatchRequest of(List<CreateEventRequest> events) {
		return new CreateEventBatchRequest(events, null, null);
	}

}
