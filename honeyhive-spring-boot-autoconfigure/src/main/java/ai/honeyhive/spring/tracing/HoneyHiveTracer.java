package ai.honeyhive.spring.tracing;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import ai.honeyhive.spring.client.CreateEventRequest;
import ai.honeyhive.spring.client.EventType;
import ai.honeyhive.spring.client.SessionStartRequest;
import ai.honeyhive.spring.client.UpdateEventRequest;
import ai.honeyhive.spring.publisher.EventPublisher;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Records HoneyHive sessions and the events of {@link TraceEvent @TraceEvent} calls, and
 * lets application code enrich them. Everything it records is handed to an
 * {@link EventPublisher}, which sends it from its own thread: no method of the tracer
 * calls the network or throws because of tracing. <pre class="code">
 * try (SessionScope session = tracer.startSession(SessionOptions.builder("chat")
 *         .sessionId(conversationId).build())) {
 *     return assistant.answer(question);
 * }
 * // inside a traced method
 * tracer.enrichCurrentEvent((event) -&gt; event.metadata("k", v).metrics("score", 0.9));
 * </pre>
 *
 * @since 0.1.0
 */
public final class HoneyHiveTracer implements AutoCloseable {

	private static final String[] NO_NAMES = {};

	private static final boolean[] NO_FLAGS = {};

	private final EventRecorder recorder;

	private final AsyncResults asyncResults;

	/**
	 * Create a tracer.
	 * @param publisher the publisher events are handed to
	 * @param settings the settings
	 */
	public HoneyHiveTracer(EventPublisher publisher, TracingSettings settings) {
		this(publisher, settings, List.of());
	}

	/**
	 * Create a tracer whose records pass through processors before they are handed to the
	 * publisher.
	 * @param publisher the publisher events are handed to
	 * @param settings the settings
	 * @param processors the processors, applied in this order
	 * @since 0.1.0
	 */
	public HoneyHiveTracer(EventPublisher publisher, TracingSettings settings,
			List<? extends HoneyHiveEventProcessor> processors) {
		Assert.notNull(publisher, "'publisher' must not be null");
		Assert.notNull(settings, "'settings' must not be null");
		Assert.noNullElements(processors, "'processors' must not contain null elements");
		this.recorder = new EventRecorder(publisher, settings, processors);
		this.asyncResults = new AsyncResults(this.recorder);
	}

	/**
	 * Create a tracer on the given recorder (tests that make recording fail).
	 */
	HoneyHiveTracer(EventRecorder recorder) {
		this.recorder = recorder;
		this.asyncResults = new AsyncResults(recorder);
	}

	/**
	 * Return a tracer that records nothing, for code that starts sessions and must also
	 * run when HoneyHive is disabled (no {@code HoneyHiveTracer} bean): sessions open and
	 * close and their ids are current, but nothing they record is kept or sent.
	 * <pre class="code">
	 * this.tracer = tracerProvider.getIfAvailable(HoneyHiveTracer::disabled);
	 * </pre>
	 * @return a tracer that sends nothing
	 */
	public static HoneyHiveTracer disabled() {
		return new HoneyHiveTracer(DiscardingPublisher.INSTANCE, TracingSettings.defaults());
	}

	/**
	 * Return the settings.
	 * @return the settings
	 */
	public TracingSettings getSettings() {
		return this.recorder.settings();
	}

	/**
	 * Start a session with a new id and make it current on this thread.
	 * @param name the session's name
	 * @return the open session, to close when the work ends
	 */
	public SessionScope startSession(String name) {
		return startSession(SessionOptions.builder(name).build());
	}

	/**
	 * Start a session and make it current on this thread: traced calls made until it is
	 * closed become its events. Starting a session with the id of an earlier one (a
	 * conversation's id) adds the new events to that session.
	 * @param options the session's name, id, inputs, metadata and user properties
	 * @return the open session, to close when the work ends
	 * @throws IllegalArgumentException if the session id is not a UUID (checked by
	 * {@link SessionOptions})
	 */
	public SessionScope startSession(SessionOptions options) {
		Assert.notNull(options, "'options' must not be null");
		boolean resumed = options.sessionId() != null;
		String sessionId = resumed ? options.sessionId() : this.recorder.nextId();
		TraceNode previous = HoneyHiveContext.current();
		SessionNode node = this.recorder.openSession(sessionId, options.name(), false, resumed, previous,
				this.recorder.captureMap(options.inputs()), this.recorder.captureMap(options.metadata()),
				this.recorder.captureMap(options.userProperties()));
		HoneyHiveContext.set(node);
		return new Scope(node, previous);
	}

	/**
	 * Add to the current session; the same as
	 * {@link HoneyHiveContext#enrichSession(Consumer)}, which needs no bean.
	 * @param enrichment what to add
	 * @return whether a session was open
	 */
	public boolean enrichSession(Consumer<? super Enrichment> enrichment) {
		return HoneyHiveContext.enrichSession(enrichment);
	}

	/**
	 * Add to the event of the traced call running on this thread; the same as
	 * {@link HoneyHiveContext#enrichCurrentEvent(Consumer)}, which needs no bean.
	 * @param enrichment what to add, such as
	 * {@code (event) -> event.metadata("k", v).metrics("score", 0.9)}
	 * @return whether a traced call was running
	 */
	public boolean enrichCurrentEvent(Consumer<? super Enrichment> enrichment) {
		return HoneyHiveContext.enrichCurrentEvent(enrichment);
	}

	/**
	 * Record a model call on the event of the traced call running on this thread; the
	 * same as {@link HoneyHiveContext#recordModelCall(ModelCall)}, which needs no bean.
	 * @param modelCall the model call
	 * @return whether a traced call was running
	 */
	public boolean recordModelCall(ModelCall modelCall) {
		return HoneyHiveContext.recordModelCall(modelCall);
	}

	/**
	 * Return the id of the event of the traced call running on this thread; the same as
	 * {@link HoneyHiveContext#currentEventId()}, which needs no bean.
	 * @return the current event's id
	 */
	public Optional<String> currentEventId() {
		return HoneyHiveContext.currentEventId();
	}

	/**
	 * Return the id of the current session; the same as
	 * {@link HoneyHiveContext#currentSessionId()}, which needs no bean.
	 * @return the current session's id
	 */
	public Optional<String> currentSessionId() {
		return HoneyHiveContext.currentSessionId();
	}

	/**
	 * Return the traced call or session current on this thread, for integrations that
	 * record library calls ({@link EventHandle}).
	 * @return the current event or session
	 * @since 0.1.0
	 */
	public Optional<EventHandle> currentEvent() {
		TraceNode current = HoneyHiveContext.current();
		return (current != null) ? Optional.of(new EventHandle(this.recorder, current, null, false)) : Optional.empty();
	}

	/**
	 * Open an event for a call an integration observed, such as a model call made through
	 * Spring AI. It is a child of {@code parent}, or, when that is {@code null}, of a
	 * session opened for it alone, as a traced call with no session gets. End it with
	 * {@link EventHandle#end} or {@link EventHandle#endCancelled}, on any thread.
	 * @param name the event's name
	 * @param type the event's type ({@link EventType#SESSION} is recorded as
	 * {@link EventType#CHAIN})
	 * @param parent the parent event or session, or {@code null}
	 * @return the open event
	 * @since 0.1.0
	 */
	public EventHandle openEvent(String name, EventType type, @Nullable EventHandle parent) {
		Assert.notNull(name, "'name' must not be null");
		Assert.notNull(type, "'type' must not be null");
		SessionNode implicitSession = null;
		TraceNode parentNode;
		if (parent != null) {
			parentNode = parent.node();
		}
		else {
			implicitSession = this.recorder.openImplicitSession();
			parentNode = implicitSession;
		}
		MethodInfo info = new MethodInfo(name, type, false, false, NO_NAMES, NO_FLAGS, NO_FLAGS,
				MethodInfo.AsyncKind.NONE, true);
		EventNode node = new EventNode(this.recorder.capture(), this.recorder.nextId(), parentNode, info,
				System.currentTimeMillis(), System.nanoTime(), true);
		return new EventHandle(this.recorder, node, implicitSession, true);
	}

	/**
	 * Return how many records (events, session starts, updates) the
	 * {@link HoneyHiveEventProcessor}s dropped, on purpose or because they threw.
	 * @return the number of records dropped by processors
	 * @since 0.1.0
	 */
	public long getProcessorDroppedCount() {
		return this.recorder.processorDroppedCount();
	}

	/**
	 * Stop the timer of asynchronous results. Events still open are not recorded.
	 */
	@Override
	public void close() {
		this.asyncResults.close();
	}

	// ---- the package seam: TraceEventAspect records through these

	EventRecorder recorder() {
		return this.recorder;
	}

	AsyncResults asyncResults() {
		return this.asyncResults;
	}

	private final class Scope implements SessionScope {

		private final SessionNode node;

		private final @Nullable TraceNode previous;

		private final Thread owner;

		private final AtomicBoolean closed = new AtomicBoolean();

		Scope(SessionNode node, @Nullable TraceNode previous) {
			this.node = node;
			this.previous = previous;
			this.owner = Thread.currentThread();
		}

		@Override
		public String sessionId() {
			return this.node.id;
		}

		@Override
		public Enrichment enrichment() {
			return this.node;
		}

		@Override
		public void close() {
			if (!this.closed.compareAndSet(false, true)) {
				return;
			}
			if (Thread.currentThread() == this.owner && HoneyHiveContext.current() == this.node) {
				HoneyHiveContext.restore(this.previous);
			}
			HoneyHiveTracer.this.recorder.closeSession(this.node, null);
		}

		@Override
		public String toString() {
			return "HoneyHive session " + this.node.id;
		}

	}

	private static final class DiscardingPublisher implements EventPublisher {

		static final DiscardingPublisher INSTANCE = new DiscardingPublisher();

		@Override
		public boolean startSession(SessionStartRequest session) {
			return false;
		}

		@Override
		public boolean publish(CreateEventRequest event) {
			return false;
		}

		@Override
		public boolean update(UpdateEventRequest update) {
			return false;
		}

		@Override
		public boolean flush(Duration timeout) {
			return true;
		}

		@Override
		public void close() {
		}

	}

}
