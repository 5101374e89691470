package ai.honeyhive.spring.tracing;

/**
 * An open session, current on the thread that started it until closed. Use it in a
 * try-with-resources block: <pre class="code">
 * try (SessionScope session = tracer.startSession("chat")) {
 *     return assistant.answer(question);
 * }
 * </pre>
 *
 * @since 0.1.0
 */
public interface SessionScope extends AutoCloseable {

	/**
	 * Return the session's id (also the id of its root event).
	 * @return the session id
	 */
	String sessionId();

	/**
	 * Return the enrichment of this session: additions are sent when it closes.
	 * @return the session's enrichment
	 */
	Enrichment enrichment();

	/**
	 * Close the session: record its end and restore the context that was current when it
	 * started. It may be closed on another thread (a completion callback) or out of
	 * order: a finished session is never current anywhere afterwards, and the thread that
	 * opened it falls back to the open context that enclosed it. Idempotent; never
	 * throws.
	 */
	@Override
	void close();

}
