package ai.honeyhive.spring.publisher;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

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
 * An {@link EventsClient} that records the calls the publisher makes, in order, and
 * answers batches through a replaceable handler.
 */
class FakeEventsClient implements EventsClient {

	/** Every call, in order: "session:<id>", "batch:<id>,<id>", "update:<id>". */
	final List<String> calls = new CopyOnWriteArrayList<>();

	final List<CreateEventBatchRequest> batches = new CopyOnWriteArrayList<>();

	volatile Function<CreateEventBatchRequest, CreateEventBatchResponse> batchHandler = (
			batch) -> new CreateEventBatchResponse(ids(batch), null, true);

	volatile Runnable beforeEachCall = () -> {
	};

	static List<String> ids(CreateEventBatchRequest batch) {
		List<String> ids = new ArrayList<>();
		for (CreateEventRequest event : batch.events()) {
			ids.add(event.eventId());
		}
		return ids;
	}

	List<String> deliveredEventIds() {
		List<String> ids = new ArrayList<>();
		for (CreateEventBatchRequest batch : this.batches) {
			ids.addAll(ids(batch));
		}
		return ids;
	}

	@Override
	public StartSessionResponse startSession(SessionStartRequest session) {
		this.beforeEachCall.run();
		this.calls.add("session:" + session.sessionId());
		return new StartSessionResponse(session.sessionId());
	}

	@Override
	public CreateEventResponse createEvent(CreateEventRequest event) {
		throw new UnsupportedOperationException();
	}

	@Override
	public void updateEvent(UpdateEventRequest update) {
		this.beforeEachCall.run();
		this.calls.add("update:" + update.eventId());
	}

	@Override
	public GetEventsResponse getEvents(GetEventsRequest query) {
		throw new UnsupportedOperationException();
	}

	@Override
	public CreateEventResponse createModelEvent(CreateModelEventRequest modelEvent) {
		throw new UnsupportedOperationException();
	}

	@Override
	public CreateEventBatchResponse createEventBatch(CreateEventBatchRequest batch) {
		this.beforeEachCall.run();
		this.calls.add("batch:" + String.join(",", ids(batch)));
		CreateEventBatchResponse response = this.batchHandler.apply(batch);
		this.batches.add(batch);
		return response;
	}

	@Override
	public CreateEventBatchResponse createModelEventBatch(CreateModelEventBatchRequest batch) {
		throw new UnsupportedOperationException();
	}

}
