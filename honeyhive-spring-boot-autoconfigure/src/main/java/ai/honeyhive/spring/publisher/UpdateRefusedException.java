package ai.honeyhive.spring.publisher;

import ai.honeyhive.spring.client.HoneyHiveException;

/**
 * Raised by the application's {@link ai.honeyhive.spring.client.EventsClient#updateEvent}
 * when the publisher still holds the event or session to update but cannot take the
 * update: its queue is full, or it is shutting down. The update was not sent; it is
 * counted as dropped.
 *
 * @since 0.1.0
 */
public final class UpdateRefusedException extends HoneyHiveException {

	private final String eventId;

	/**
	 * Create a new instance.
	 * @param eventId the id of the event or session the update was for
	 */
	public UpdateRefusedException(String eventId) {
		super("HoneyHive publisher could not take the update of event " + eventId
				+ ": its queue is full or it is shutting down", null);
		this.eventId = eventId;
	}

	/**
	 * Return the id of the event or session the update was for.
	 * @return the event id
	 */
	public String getEventId() {
		return this.eventId;
	}

	@Override
	public boolean isRetryable() {
		return true;
	}

}
