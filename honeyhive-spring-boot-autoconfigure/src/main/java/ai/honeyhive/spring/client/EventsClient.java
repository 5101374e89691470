package ai.honeyhive.spring.client;

/**
 * Client for HoneyHive's Events API. Every method is a synchronous HTTP call; a non-2xx
 * answer, or a 2xx whose body says {@code "success": false}, raises a
 * {@link HoneyHiveApiException}, a transport failure a
 * {@link HoneyHiveTransportException}, and a call without an API key a
 * {@link HoneyHiveConfigurationException}. A request that lacks a field the API requires
 * is refused before it is sent, with an {@link IllegalArgumentException} that names the
 * field: {@code event_type} and {@code inputs} of an event; {@code model},
 * {@code provider}, {@code messages}, {@code response}, {@code usage} and
 * {@code duration} of a model event; both bounds of a {@code dateRange}; the
 * {@code field}, {@code operator}, {@code type} and (except for {@code exists} and
 * {@code not exists}) {@code value} of a filter.
 *
 * @since 0.1.0
 */
public interface EventsClient {

	/**
	 * Start a session ({@code POST /session/start}).
	 * @param session the session
	 * @return the answer, with the session's id
	 */
	StartSessionResponse startSession(SessionStartRequest session);

	/**
	 * Create an event ({@code POST /events}).
	 * @param event the event
	 * @return the answer, with the event's id
	 */
	CreateEventResponse createEvent(CreateEventRequest event);

	/**
	 * Update an event or a session ({@code PUT /events}).
	 * @param update the update
	 */
	void updateEvent(UpdateEventRequest update);

	/**
	 * Query events ({@code POST /events/export}, or {@code POST /v1/events/export} on the
	 * current server).
	 * @param query the query
	 * @return the matching events
	 */
	GetEventsResponse getEvents(GetEventsRequest query);

	/**
	 * Create a model event ({@code POST /events/model}).
	 * @param modelEvent the model event
	 * @return the answer, with the event's id
	 */
	CreateEventResponse createModelEvent(CreateModelEventRequest modelEvent);

	/**
	 * Create a batch of events ({@code POST /events/batch}).
	 * @param batch the batch
	 * @return the answer, with the created events' ids
	 * @throws HoneyHivePartialBatchException if the server created only some of the
	 * events, or its answer lists fewer {@code event_ids} than events were sent
	 */
	CreateEventBatchResponse createEventBatch(CreateEventBatchRequest batch);

	/**
	 * Create a batch of model events ({@code POST /events/model/batch}).
	 * @param batch the batch
	 * @return the answer, with the created events' ids
	 * @throws HoneyHivePartialBatchException if the server created only some of the
	 * events, or its answer lists fewer {@code event_ids} than events were sent
	 */
	CreateEventBatchResponse createModelEventBatch(CreateModelEventBatchRequest batch);

}
