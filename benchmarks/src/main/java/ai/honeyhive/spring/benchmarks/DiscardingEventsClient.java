package ai.honeyhive.spring.benchmarks;

import java.util.concurrent.atomic.AtomicLong;

import ai.honeyhive.spring.client.CreateEventBatchRequest;
import ai.honeyhive.spring.client.CreateEventBatchResponse;
import ai.honeyhive.spring.client.CreateEventRequest;
import ai.honeyhive.spring.client.CreateEventResponse;
import ai.honeyhive.spring.client.CreateModelEventBatchRequest;
import ai.honeyhive.spring.client.CreateModelEventRequest;
import ai.honeyhive.spring.client.EventsClient;
import ai.honeyhive.spring.client.GetEventsRequest;
import ai.honeyhive.spring.client.GetEventsResponse;
import ai.honeyhive.spring.client.SessionStartRequest;
import ai.honeyhive.spring.client.StartSessionResponse;
import ai.honeyhive.spring.client.UpdateEventRequest;

/**
 * An {@link EventsClient} that counts and discards: the publisher runs for real, the
 * network does not.
 */
final class DiscardingEventsClient implements EventsClient {

	private final AtomicLong events = new AtomicLong();

	@Override
	public StartSessionResponse startSession(SessionStartRequest session) {
		return new StartSessionResponse(session.sessionId());
	}

	@Override
	public CreateEventResponse createEvent(CreateEventRequest event) {
		this.events.incrementAndGet();
		return new CreateEventResponse(event.eventId(), true);
	}

	@Override
	public void updateEvent(UpdateEventRequest update) {
	}

	@Override
	public GetEventsResponse getEvents(GetEventsRequest query) {
		return new GetEventsResponse(java.util.List.of(), 0L);
	}

	@Override
	public CreateEventResponse createModelEvent(CreateModelEventRequest modelEvent) {
		return new CreateEventResponse(modelEvent.eventId(), true);
	}

	@Override
	public CreateEventBatchResponse createEventBatch(CreateEventBatchRequest batch) {
		this.events.addAndGet(batch.events().size());
		return new CreateEventBatchResponse(null, null, true);
	}

	@Override
	public CreateEventBatchResponse createModelEventBatch(CreateModelEventBatchRequest batch) {
		return new CreateEventBatchResponse(null, null, true);
	}

	long events() {
		return this.events.get();
	}

}
