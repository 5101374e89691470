package ai.honeyhive.spring.publisher;

import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import ai.honeyhive.spring.client.CreateEventBatchRequest;
import ai.honeyhive.spring.client.CreateEventBatchResponse;
import ai.honeyhive.spring.client.CreateEventRequest;
import ai.honeyhive.spring.client.CreateEventResponse;
import ai.honeyhive.spring.client.CreateModelEventBatchRequest;
import ai.honeyhive.spring.client.CreateModelEventRequest;
import ai.honeyhive.spring.client.EventsClient;
import ai.honeyhive.spring.client.GetEventsRequest;
import ai.honeyhive.spring.client.GetEventsResponse;
import ai.honeyhive.spring.client.HoneyHiveConfigurationException;
import ai.honeyhive.spring.client.SessionStartRequest;
import ai.honeyhive.spring.client.StartSessionResponse;
import ai.honeyhive.spring.client.UpdateEventRequest;

/**
 * The {@link EventsClient} an application uses next to a {@link BatchingEventPublisher}:
 * every call goes straight to the publisher's client, except an {@link #updateEvent
 * update} of an event or session the publisher still holds, which is merged into it (or
 * sent once it is acknowledged) instead of reaching the server before the record it
 * updates. Without an API key an update, like the publisher's own records, is counted as
 * dropped (reason {@link DropReason#NO_API_KEY}) instead of throwing; calls that must
 * return data ({@link #getEvents}) still throw.
 *
 * @since 0.1.0
 */
final class PublishingEventsClient implements EventsClient {

	private final EventsClient delegate;

	private final Supplier<@Nullable BatchingEventPublisher> publisher;

	PublishingEventsClient(EventsClient delegate, Supplier<@Nullable BatchingEventPublisher> publisher) {
		this.delegate = delegate;
		this.publisher = publisher;
	}

	/**
	 * Update an event or a session. When the publisher still holds the target, the update
	 * is merged into it and this method returns at once. Without an API key it is dropped
	 * and counted as the publisher's records are.
	 * @throws UpdateRefusedException if the publisher holds the target but could not take
	 * the update (its queue is full, or it is closing)
	 */
	@Override
	public void updateEvent(UpdateEventRequest update) {
		BatchingEventPublisher publisher = this.publisher.get();
		if (publisher == null) {
			this.delegate.updateEvent(update);
			return;
		}
		switch (publisher.takeOver(update)) {
			case TAKEN -> {
			}
			case NOT_PENDING -> send(publisher, update);
			case REFUSED -> throw new UpdateRefusedException(update.eventId());
		}
	}

	private void send(BatchingEventPublisher publisher, UpdateEventRequest update) {
		try {
			this.delegate.updateEvent(update);
		}
		catch (HoneyHiveConfigurationException ex) {
			// No API key: a fire-and-forget call follows the publisher's path, where the
			// update is counted as dropped (no_api_key) and logged once, rather than
			// failing the application's request
			publisher.update(update);
		}
	}

	@Override
	public StartSessionResponse startSession(SessionStartRequest session) {
		return this.delegate.startSession(session);
	}

	@Override
	public CreateEventResponse createEvent(CreateEventRequest event) {
		return this.delegate.createEvent(event);
	}

	@Override
	public GetEventsResponse getEvents(GetEventsRequest query) {
		return this.delegate.getEvents(query);
	}

	@Override
	public CreateEventResponse createModelEvent(CreateModelEventRequest modelEvent) {
		return this.delegate.createModelEvent(modelEvent);
	}

	@Override
	public CreateEventBatchResponse createEventBatch(CreateEventBatchRequest batch) {
		return this.delegate.createEventBatch(batch);
	}

	@Override
	public CreateEventBatchResponse createModelEventBatch(CreateModelEventBatchRequest batch) {
		return this.delegate.createModelEventBatch(batch);
	}

	@Override
	public String toString() {
		return "PublishingEventsClient{" + this.delegate + "}";
	}

}
