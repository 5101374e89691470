package ai.honeyhive.spring.tracing;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import ai.honeyhive.spring.client.CreateEventRequest;
import ai.honeyhive.spring.client.EventIds;
import ai.honeyhive.spring.client.EventType;
import ai.honeyhive.spring.client.SessionStartRequest;
import ai.honeyhive.spring.client.UpdateEventRequest;
import ai.honeyhive.spring.publisher.EventPublisher;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;
import org.springframework.util.ClassUtils;

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
public class HoneyHiveTracer implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(HoneyHiveTracer.class);

	private static final boolean REACTOR_PRESENT = ClassUtils.isPresent("reactor.core.publisher.Mono",
			HoneyHiveTracer.class.getClassLoader());

	private static final String[] NO_NAMES = {};

	private static final boolean[] NO_FLAGS = {};

	private final EventPublisher publisher;

	private final TracingSettings settings;

	private final Redaction redaction;

	private final ValueCapture capture;

	private final EventProcessors processors;

	private final Object schedulerMonitor = new Object();

	private volatile @Nullable ScheduledThreadPoolExecutor scheduler;

	private volatile @Nullable Thread timeoutThread;

	private volatile boolean closed;

	private final AtomicBoolean failureLogged = new AtomicBoolean();

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
		this.publisher = publisher;
		this.settings = settings;
		this.redaction = new Redaction(settings.redactionPatterns());
		this.capture = new ValueCapture(settings.maxValueSize(), this.redaction);
		this.processors = new EventProcessors(List.copyOf(processors));
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
		return this.settings;
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
		String sessionId = resumed ? options.sessionId() : EventIds.next();
		TraceNode previous = HoneyHiveContext.current();
		SessionNode node = openSession(sessionId, options.name(), false, resumed, previous,
				captureMap(options.inputs()), captureMap(options.metadata()), captureMap(options.userProperties()));
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
		return (current != null) ? Optional.of(new EventHandle(this, current, null, false)) : Optional.empty();
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
			implicitSession = openImplicitSession();
			parentNode = implicitSession;
		}
		MethodInfo info = new MethodInfo(name, type, false, false, NO_NAMES, NO_FLAGS, NO_FLAGS,
				MethodInfo.AsyncKind.NONE, true);
		EventNode node = new EventNode(this.capture, EventIds.next(), parentNode, info, System.currentTimeMillis(),
				System.nanoTime(), true);
		return new EventHandle(this, node, implicitSession, true);
	}

	/**
	 * Return how many records (events, session starts, updates) the
	 * {@link HoneyHiveEventProcessor}s dropped, on purpose or because they threw.
	 * @return the number of records dropped by processors
	 * @since 0.1.0
	 */
	public long getProcessorDroppedCount() {
		return this.processors.dropped();
	}

	/**
	 * Stop the timer of asynchronous results. Events still open are not recorded.
	 */
	@Override
	public void close() {
		this.closed = true;
		ScheduledThreadPoolExecutor executor = this.scheduler;
		if (executor != null) {
			executor.shutdownNow();
			// its thread ends with the context, not some time after (the executor reads
			// as terminated a moment before its thread has ended, so join the thread)
			Thread thread = this.timeoutThread;
			if (thread != null) {
				try {
					thread.join(1000);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
		}
	}

	// ---- used by TraceEventAspect

	ValueCapture capture() {
		return this.capture;
	}

	Redaction redaction() {
		return this.redaction;
	}

	SessionNode openImplicitSession() {
		return openSession(EventIds.next(), this.settings.sessionName(), true, false, null, null, null, null);
	}

	EventNode startEvent(MethodInfo info, TraceNode parent, @Nullable Object[] args) {
		long startNanos = System.nanoTime();
		EventNode node = new EventNode(this.capture, EventIds.next(), parent, info, System.currentTimeMillis(),
				startNanos);
		if (info.captureInputs) {
			node.initField(TraceNode.INPUTS, captureArguments(info, args));
		}
		return node;
	}

	void endEvent(EventNode node, @Nullable Object result, @Nullable Throwable error,
			@Nullable SessionNode implicitSession) {
		boolean hasResult = error == null && node.info.captureOutput && !node.info.returnsVoid;
		finishEvent(node, hasResult, result, error, null, false, implicitSession);
	}

	void endEventWithCapturedResult(EventNode node, String capturedResult, @Nullable SessionNode implicitSession) {
		finishEvent(node, node.info.captureOutput, new Captured(capturedResult), null, null, false, implicitSession);
	}

	void endEventCancelled(EventNode node, @Nullable SessionNode implicitSession) {
		finishEvent(node, false, null, null, null, true, implicitSession);
	}

	void endEventTimedOut(EventNode node, @Nullable SessionNode implicitSession) {
		finishEvent(node, false, null, null, "timed out after " + this.settings.asyncTimeout(), false, implicitSession);
	}

	/**
	 * End the event when the asynchronous result completes, fails, is cancelled or times
	 * out; return the result the caller gets.
	 */
	Object endLater(EventNode node, Object result, @Nullable SessionNode implicitSession) {
		try {
			AsyncCompletion completion = new AsyncCompletion(this, node, implicitSession);
			if (node.info.asyncKind == MethodInfo.AsyncKind.COMPLETION_STAGE
					&& result instanceof CompletionStage<?> stage) {
				completion.scheduleTimeout(this.settings.asyncTimeout());
				stage.whenComplete(completion);
				return result;
			}
			if (REACTOR_PRESENT && ReactorSupport.isReactive(result)) {
				completion.scheduleTimeout(this.settings.asyncTimeout());
				return ReactorSupport.decorate(result, completion, node);
			}
		}
		catch (Throwable ex) { // NOSONAR tracing must not break the call
			rethrowIfFatal(ex);
			logFailure(ex);
		}
		endEvent(node, result, null, implicitSession);
		return result;
	}

	@Nullable ScheduledExecutorService timeoutScheduler() {
		if (this.closed) {
			return null;
		}
		ScheduledThreadPoolExecutor executor = this.scheduler;
		if (executor == null) {
			synchronized (this.schedulerMonitor) {
				executor = this.scheduler;
				if (executor == null) {
					executor = new ScheduledThreadPoolExecutor(1, (task) -> {
						Thread thread = new Thread(task, "honeyhive-tracing-timeout");
						thread.setDaemon(true);
						this.timeoutThread = thread;
						return thread;
					});
					executor.setRemoveOnCancelPolicy(true);
					this.scheduler = executor;
				}
			}
		}
		return executor;
	}

	// ---- internals

	private SessionNode openSession(String sessionId, String name, boolean implicit, boolean resumed,
			@Nullable TraceNode enclosing, @Nullable Map<String, @Nullable Object> inputs,
			@Nullable Map<String, @Nullable Object> metadata, @Nullable Map<String, @Nullable Object> userProperties) {
		long startNanos = System.nanoTime();
		SessionNode node = new SessionNode(this.capture, sessionId, name, implicit, enclosing,
				System.currentTimeMillis(), startNanos);
		try {
			// The session is handed to the publisher before any of its events, and its
			// end (time, duration, outputs, metrics, feedback) as an update with
			// event_id == session_id when it closes. The publisher sends the session in
			// the batch of its first events (or an earlier one) and merges the end into
			// it when it ends before it is sent. A caller-supplied id (a conversation)
			// is resumed: started by id, which the server merges into the existing
			// session.
			startSession(resumed,
					SessionStartRequest.builder()
						.project(this.settings.project())
						.sessionName(name)
						.source(this.settings.source())
						.sessionId(sessionId)
						.startTime(node.startEpochMillis)
						.inputs(inputs)
						.metadata(metadata)
						.userProperties(userProperties)
						.build());
		}
		catch (Throwable ex) { // NOSONAR
			rethrowIfFatal(ex);
			logFailure(ex);
		}
		return node;
	}

	void closeSession(SessionNode node, @Nullable Map<String, @Nullable Object> outputs) {
		try {
			long endNanos = System.nanoTime();
			List<String> children = node.finish();
			if (children == null) {
				return;
			}
			double duration = (endNanos - node.startNanos) / 1_000_000.0;
			Map<String, @Nullable Object> sessionOutputs = node.field(TraceNode.OUTPUTS);
			if (sessionOutputs == null) {
				sessionOutputs = outputs;
			}
			update(UpdateEventRequest.builder(node.id)
				.endTime(node.startEpochMillis + (long) duration)
				.duration(duration)
				.outputs(sessionOutputs)
				.metadata(node.field(TraceNode.METADATA))
				.metrics(node.field(TraceNode.METRICS))
				.feedback(node.field(TraceNode.FEEDBACK))
				.config(node.field(TraceNode.CONFIG))
				.userProperties(node.field(TraceNode.USER_PROPERTIES))
				.childrenIds(children.isEmpty() ? null : children)
				.build());
		}
		catch (Throwable ex) { // NOSONAR
			rethrowIfFatal(ex);
			logFailure(ex);
		}
	}

	private void finishEvent(EventNode node, boolean hasResult, @Nullable Object result, @Nullable Throwable error,
			@Nullable String unfinished, boolean cancelled, @Nullable SessionNode implicitSession) {
		Map<String, @Nullable Object> outputs = null;
		try {
			long endNanos = System.nanoTime();
			Object capturedResult = !hasResult ? null
					: (result instanceof Captured captured) ? captured.value() : this.capture.capture(result);
			List<String> children = node.finish();
			if (children == null) {
				return;
			}
			double duration = (endNanos - node.startNanos) / 1_000_000.0;
			outputs = node.field(TraceNode.OUTPUTS);
			if (hasResult) {
				if (outputs == null) {
					outputs = new LinkedHashMap<>(2);
				}
				outputs.put("result", capturedResult);
			}
			Map<String, @Nullable Object> metadata = node.field(TraceNode.METADATA);
			if (unfinished != null || cancelled) {
				metadata = (metadata != null) ? metadata : new LinkedHashMap<>(2);
				metadata.put((unfinished != null) ? "timed_out" : "cancelled", true);
			}
			Map<String, @Nullable Object> inputs = node.field(TraceNode.INPUTS);
			Map<String, @Nullable Object> config = node.field(TraceNode.CONFIG);
			MethodInfo info = node.info;
			boolean handedOver = publish(CreateEventRequest.builder()
				.project(this.settings.project())
				.source(this.settings.source())
				.eventName(info.eventName)
				.eventType(info.eventType)
				.eventId(node.id)
				.sessionId(node.session.id)
				.parentId(node.parent.id)
				.childrenIds(children)
				.config((config != null) ? config : Map.of())
				.inputs((inputs != null) ? inputs : Map.of())
				.outputs(outputs)
				.error((error != null) ? describe(error) : unfinished)
				.startTime(node.startEpochMillis)
				.endTime(node.startEpochMillis + (long) duration)
				.duration(duration)
				.metadata(metadata)
				.feedback(node.field(TraceNode.FEEDBACK))
				.metrics(node.field(TraceNode.METRICS))
				.userProperties(node.field(TraceNode.USER_PROPERTIES))
				.build());
			// After publishing, so a parent lists only children handed over before it,
			// and
			// none that a processor dropped or the publisher refused
			if (handedOver) {
				node.parent.addChild(node.id);
			}
		}
		catch (Throwable ex) { // NOSONAR tracing must not break the call
			rethrowIfFatal(ex);
			logFailure(ex);
		}
		// Even when the event could not be recorded, so the session is not left open
		if (implicitSession != null) {
			closeSession(implicitSession, outputs);
		}
	}

	private void startSession(boolean resumed, SessionStartRequest session) {
		SessionStartRequest processed = this.processors.isEmpty() ? session : this.processors.apply(session,
				String.valueOf(session.sessionId()), HoneyHiveEventProcessor::processSession);
		if (processed != null) {
			if (resumed) {
				this.publisher.resumeSession(processed);
			}
			else {
				this.publisher.startSession(processed);
			}
		}
	}

	private boolean publish(CreateEventRequest event) {
		CreateEventRequest processed = this.processors.isEmpty() ? event
				: this.processors.apply(event, String.valueOf(event.eventId()), HoneyHiveEventProcessor::process);
		return processed != null && this.publisher.publish(processed);
	}

	private void update(UpdateEventRequest update) {
		UpdateEventRequest processed = this.processors.isEmpty() ? update
				: this.processors.apply(update, update.eventId(), HoneyHiveEventProcessor::processUpdate);
		if (processed != null) {
			this.publisher.update(processed);
		}
	}

	@Nullable Map<String, @Nullable Object> captureArguments(MethodInfo info, @Nullable Object[] args) {
		int count = Math.min(args.length, info.parameterNames.length);
		Map<String, @Nullable Object> inputs = new LinkedHashMap<>((count < 3) ? 4 : count * 2);
		for (int i = 0; i < count; i++) {
			if (info.captured[i]) {
				inputs.put(info.parameterNames[i], info.redacted[i] ? Redaction.MARKER : this.capture.capture(args[i]));
			}
		}
		return inputs;
	}

	private @Nullable Map<String, @Nullable Object> captureMap(Map<String, @Nullable Object> values) {
		if (values.isEmpty()) {
			return null;
		}
		Map<String, @Nullable Object> captured = new LinkedHashMap<>();
		values.forEach((key, value) -> captured.put(key,
				this.redaction.matches(key) ? Redaction.MARKER : this.capture.capture(value)));
		return captured;
	}

	private String describe(Throwable error) {
		String type = error.getClass().getName();
		String message;
		try {
			message = error.getMessage();
		}
		catch (Throwable ex) { // NOSONAR a user's exception may fail to describe itself
			rethrowIfFatal(ex);
			return type + ": <message unavailable: " + ex.getClass().getName() + ">";
		}
		if (message == null) {
			return type;
		}
		return type + ": " + this.redaction.redactText(this.capture.truncate(message));
	}

	void logFailure(Throwable ex) {
		if (this.failureLogged.compareAndSet(false, true)) {
			logger.warn("HoneyHive tracing failed; the traced call is unaffected (further failures are logged at"
					+ " debug level)", ex);
		}
		else if (logger.isDebugEnabled()) {
			logger.debug("HoneyHive tracing failed; the traced call is unaffected", ex);
		}
	}

	static void rethrowIfFatal(Throwable ex) {
		if (ex instanceof VirtualMachineError && !(ex instanceof StackOverflowError)) {
			throw (VirtualMachineError) ex;
		}
	}

	Duration asyncTimeout() {
		return this.settings.asyncTimeout();
	}

	private record Captured(Object value) {
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
			closeSession(this.node, null);
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
