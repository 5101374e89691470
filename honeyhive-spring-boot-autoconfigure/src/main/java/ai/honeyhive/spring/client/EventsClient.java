package ai.honeyhive.spring.client;

/**
 * Client for HoneyHive's Events API. Every method is a synchronous HTTP call; a non-2xx
 * answer raises a {@link HoneyHiveApiException}, a transport failure a
 * {@link HoneyHiveTransportException}, and a call without an API key a
 * {@link HoneyHiveConfigurationException}.
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
	 * Query events ({@code POST /events/export} by default).
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
	 * events
	 */
	CreateEventBatchResponse createEventBatch(CreateEventBatchRequest batch);

	/**
	 * Create a batch of model events ({@code POST /events/model/batch}).
	 * @param batch the batch
	 * @return the answer, with the created events' ids
	 * @throws HoneyHivePartialBatchException if the server created only some of the
	 * events
	 */
	CreateEventBatchResponse createModelEventBatch(CreateModelEventBatchRequest batch);

}
