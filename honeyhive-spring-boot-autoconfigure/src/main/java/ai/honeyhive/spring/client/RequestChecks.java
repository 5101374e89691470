package ai.honeyhive.spring.client;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Checks of the requests an {@link EventsClient} sends, before they leave: the fields
 * both the original contract and the current server require. A request built by hand that
 * lacks one fails at once with an {@link IllegalArgumentException} that names the field,
 * instead of a 400 (or a 500 "partially created") from the server.
 */
final class RequestChecks {

	private RequestChecks() {
	}

	static void check(CreateEventRequest event, String name) {
		require(event, name);
		require(event.eventType(), name, "event_type");
		require(event.inputs(), name, "inputs");
	}

	static void check(CreateModelEventRequest modelEvent, String name) {
		require(modelEvent, name);
		require(modelEvent.model(), name, "model");
		require(modelEvent.provider(), name, "provider");
		require(modelEvent.messages(), name, "messages");
		require(modelEvent.response(), name, "response");
		require(modelEvent.usage(), name, "usage");
		require(modelEvent.duration(), name, "duration");
	}

	static void check(CreateEventBatchRequest batch) {
		List<CreateEventRequest> events = batch.events();
		for (int i = 0; i < events.size(); i++) {
			check(events.get(i), "events[" + i + "]");
		}
	}

	static void check(CreateModelEventBatchRequest batch) {
		List<CreateModelEventRequest> modelEvents = batch.modelEvents();
		for (int i = 0; i < modelEvents.size(); i++) {
			check(modelEvents.get(i), "model_events[" + i + "]");
		}
	}

	static void check(GetEventsRequest query) {
		DateRange dateRange = query.dateRange();
		if (dateRange != null) {
			require(dateRange.gte(), "dateRange", "$gte");
			require(dateRange.lte(), "dateRange", "$lte");
		}
		List<EventFilter> filters = query.filters();
		for (int i = 0; i < filters.size(); i++) {
			EventFilter filter = filters.get(i);
			String name = "filters[" + i + "]";
			require(filter, name);
			require(filter.field(), name, "field");
			require(filter.operator(), name, "operator");
			require(filter.type(), name, "type");
			if (filter.operator() != null && !filter.operator().takesNoValue()) {
				require(filter.value(), name, "value");
			}
		}
	}

	private static void require(@Nullable Object request, String name) {
		if (request == null) {
			throw new IllegalArgumentException("HoneyHive request: " + name + " must not be null");
		}
	}

	private static void require(@Nullable Object value, String name, String field) {
		if (value == null) {
			throw new IllegalArgumentException("HoneyHive request: " + name + " is missing '" + field
					+ "', which the Events API requires; nothing was sent");
		}
	}

}
