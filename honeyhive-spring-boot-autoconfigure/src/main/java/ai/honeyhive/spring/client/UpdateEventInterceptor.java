package ai.honeyhive.spring.client;

/**
 * Takes over an event update that must not reach the server yet, because the event it
 * updates has not been sent: the batching publisher implements it so that
 * {@link EventsClient#updateEvent} of an event still in its queue is delivered after that
 * event instead of failing with 404.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface UpdateEventInterceptor {

	/**
	 * Take over the update if its event has not reached the server yet.
	 * @param update the update
	 * @return {@code true} if the update was taken over and will be delivered later,
	 * {@code false} if the caller should send it now
	 */
	boolean intercept(UpdateEventRequest update);

}
