package ai.honeyhive.spring.client;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * An events query, the body of {@code POST /events/export}.
 *
 * @param project the project name
 * @param filters the filters, all of which must match (may be empty)
 * @param dateRange the time range
 * @param projections the fields to return
 * @param limit the maximum number of events (server default 1000, maximum 7500)
 * @param page the page, from 1
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "project", "filters", "dateRange", "projections", "limit", "page" })
public record GetEventsRequest(@Nullable String project, List<EventFilter> filters,
		@JsonProperty("dateRange") @Nullable DateRange dateRange, @Nullable List<String> projections,
		@Nullable Integer limit, @Nullable Integer page) {

	public GetEventsRequest {
		Assert.notNull(filters, "'filters' must not be null");
	}

	/**
	 * Return a query for the given project and filters.
	 * @param project the project name
	 * @param filters the filters
	 * @return the request
	 */
	public static GetEventsRequest of(@Nullable String project, EventFilter... filters) {
		return new GetEventsRequest(project, List.of(filters), null, null, null, null);
	}

}
