package ai.honeyhive.spring.publisher;

/**
 * How a {@link BatchingEventPublisher} sends the sessions the tracer creates.
 *
 * @since 0.1.0
 */
public enum SessionTransport {

	/**
	 * A session is a {@code session} event inside {@code POST /events/batch}, carrying
	 * its end when it ended before it was sent: no call of its own. The default.
	 */
	BATCH,

	/**
	 * A session is started by {@code POST /session/start}, with its end merged into that
	 * call when it ended before it was sent. The choice for a server that refuses session
	 * records in batches.
	 */
	START_ENDPOINT

}
