package ai.honeyhive.spring.tracing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import ai.honeyhive.spring.client.CreateEventRequest;
import ai.honeyhive.spring.client.EventIds;
import ai.honeyhive.spring.client.SessionStartRequest;
import ai.honeyhive.spring.client.UpdateEventRequest;
import ai.honeyhive.spring.publisher.EventPublisher;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Opens sessions and events and, when they end, turns them into records that pass through
 * the {@link HoneyHiveEventProcessor}s to the {@link EventPublisher}. What
 * {@link HoneyHiveTracer}, {@link TraceEventAspect}, {@link EventHandle} and
 * {@link AsyncCompletion} share; it never throws because of tracing (except
 * {@link #startEvent}, whose caller guards it).
 */
final class EventRecorder {

	// The tracer's category: users configure its level by that name
	private static final Log logger = LogFactory.getLog(HoneyHiveTracer.class);

	private final EventPublisher publisher;

	private final TracingSettings settings;

	private final Redaction redaction;

	private final ValueCapture capture;

	private final EventProcessors processors;

	private final Supplier<String> ids;

	private final AtomicBoolean failureLogged = new AtomicBoolean();

	EventRecorder(EventPublisher publisher, TracingSettings settings,
			List<? extends HoneyHiveEventProcessor> processors) {
		this(publisher, settings, processors, EventIds::next);
	}

	EventRecorder(EventPublisher publisher, TracingSettings settings,
			List<? extends HoneyHiveEventProcessor> processors, Supplier<String> ids) {
		this.publisher = publisher;
		this.settings = settings;
		this.redaction = new Redaction(settings.redactionPatterns());
		this.capture = new ValueCapture(settings.maxValueSize(), this.redaction);
		this.processors = new EventProcessors(List.copyOf(processors));
		this.ids = ids;
	}

	TracingSettings settings() {
		return this.settings;
	}

	ValueCapture capture() {
		return this.capture;
	}

	Redaction redaction() {
		return this.redaction;
	}

	String nextId() {
		return this.ids.get();
	}

	long processorDroppedCount() {
		return this.processors.dropped();
	}

	// ---- opening

	SessionNode openImplicitSession() {
		return openSession(nextId(), this.settings.sessionName(), true, false, null, null, null, null);
	}

	SessionNode openSession(String sessionId, String name, boolean implicit, boolean resumed,
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
			handOverSessionStart(resumed,
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

	/**
	 * Open the event of a traced call. May throw (an argument that cannot be read): the
	 * aspect guards it.
	 */
	EventNode startEvent(MethodInfo info, TraceNode parent, @Nullable Object[] args) {
		long startNanos = System.nanoTime();
		EventNode node = new EventNode(this.capture, nextId(), parent, info, System.currentTimeMillis(), startNanos);
		if (info.captureInputs) {
			node.initField(TraceNode.INPUTS, captureArguments(info, args));
		}
		return node;
	}

	// ---- ending

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
			// and none that a processor dropped or the publisher refused
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

	// ---- hand-over to the publisher, through the processors

	private void handOverSessionStart(boolean resumed, SessionStartRequest session) {
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

	// ---- capture

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

	@Nullable Map<String, @Nullable Object> captureMap(Map<String, @Nullable Object> values) {
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

	// ---- failures

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

	private record Captured(Object value) {
	}

}
