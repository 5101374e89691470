package ai.honeyhive.spring.client;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * The answer to an events query.
 *
 * @param events the events of the page
 * @param totalEvents the number of matching events ({@code totalEvents}, or {@code count}
 * on newer servers)
 * @since 0.1.0
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record GetEventsResponse(@Nullable List<Event> events,
		@JsonProperty("totalEvents") @JsonAlias("count") @Nullable Long totalEvents) {

}
