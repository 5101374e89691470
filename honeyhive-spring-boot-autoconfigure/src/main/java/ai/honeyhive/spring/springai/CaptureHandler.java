package ai.honeyhive.spring.springai;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import ai.honeyhive.spring.tracing.EventHandle;
import ai.honeyhive.spring.tracing.HoneyHiveTracer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationView;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;
import org.springframework.util.function.SingletonSupplier;

/**
 * The common part of the Spring AI observation handlers: finds the parent event, keeps
 * the state on the observation's context, makes the event current inside the
 * observation's scopes, and guards every callback, since Spring AI lets an exception a
 * handler throws reach the application's call.
 *
 * @param <C> the observation context
 */
abstract class CaptureHandler<C extends Observation.Context> implements ObservationHandler<C> {

	private static final Log logger = LogFactory.getLog(CaptureHandler.class);

	private static final int MAX_PARENT_DEPTH = 64;

	private final AtomicBoolean failureLogged = new AtomicBoolean();

	// Resolved on first use: the handlers are created with the ObservationRegistry, which
	// the tracer's own dependencies (the HTTP client) may need
	private final SingletonSupplier<HoneyHiveTracer> tracer;

	final SpringAiCaptureSettings settings;

	final SpringAiValues values;

	CaptureHandler(Supplier<HoneyHiveTracer> tracer, SpringAiCaptureSettings settings) {
		Assert.notNull(tracer, "'tracer' must not be null");
		Assert.notNull(settings, "'settings' must not be null");
		this.tracer = SingletonSupplier.of(tracer);
		this.settings = settings;
		this.values = new SpringAiValues(settings);
	}

	HoneyHiveTracer tracer() {
		return this.tracer.obtain();
	}

	/**
	 * Open the event of an observation (or choose the event it records on).
	 * @param context the observation's context
	 * @param parent the nearest enclosing HoneyHive event or session, or {@code null}
	 * @return the state, or {@code null} to record nothing
	 */
	abstract @Nullable CaptureState start(C context, @Nullable EventHandle parent);

	/**
	 * Record the observation's request and response on {@code state.target()}.
	 */
	abstract void record(C context, CaptureState state);

	/**
	 * Return whether the observation stopped without a result or an error (a cancelled
	 * stream).
	 */
	boolean cancelled(C context) {
		return false;
	}

	@Override
	public final void onStart(C context) {
		try {
			CaptureState state = start(context, parentOf(context));
			if (state != null) {
				context.put(CaptureState.class, state);
			}
		}
		catch (Throwable ex) { // NOSONAR capture must not break the call
			failed(ex);
		}
	}

	@Override
	public final void onStop(C context) {
		CaptureState state;
		try {
			state = context.get(CaptureState.class);
		}
		catch (Throwable ex) { // NOSONAR
			failed(ex);
			return;
		}
		if (state == null) {
			return;
		}
		try {
			record(context, state);
		}
		catch (Throwable ex) { // NOSONAR capture must not break the call
			failed(ex);
		}
		// Even when recording failed, so the event and its implicit session are not
		// left open
		try {
			EventHandle event = state.event();
			Throwable error = context.getError();
			if (event == null) {
				if (error != null) {
					state.target().enrichment().metadata("spring_ai_error", describe(error));
				}
			}
			else if (error == null && cancelled(context)) {
				event.endCancelled();
			}
			else {
				event.end(error);
			}
		}
		catch (Throwable ex) { // NOSONAR
			failed(ex);
		}
	}

	@Override
	public final void onScopeOpened(C context) {
		try {
			CaptureState state = context.get(CaptureState.class);
			if (state != null) {
				state.openScope();
			}
		}
		catch (Throwable ex) { // NOSONAR
			failed(ex);
		}
	}

	@Override
	public final void onScopeClosed(C context) {
		try {
			CaptureState state = context.get(CaptureState.class);
			if (state != null) {
				state.closeScope();
			}
		}
		catch (Throwable ex) { // NOSONAR
			failed(ex);
		}
	}

	@Override
	public final void onScopeReset(C context) {
		try {
			CaptureState state = context.get(CaptureState.class);
			if (state != null) {
				state.resetScopes();
			}
		}
		catch (Throwable ex) { // NOSONAR
			failed(ex);
		}
	}

	/**
	 * The nearest enclosing event: the closest enclosing observation that records one, or
	 * the event current on this thread when there is none or when that one lies inside it
	 * (a {@code @TraceEvent} method called within a tool, calling a model).
	 */
	private @Nullable EventHandle parentOf(Observation.Context context) {
		EventHandle observed = null;
		ObservationView parent = context.getParentObservation();
		for (int depth = 0; parent != null && depth < MAX_PARENT_DEPTH; depth++) {
			Observation.ContextView view = parent.getContextView();
			CaptureState state = view.get(CaptureState.class);
			if (state != null) {
				observed = state.target();
				break;
			}
			parent = view.getParentObservation();
		}
		EventHandle current = tracer().currentEvent().orElse(null);
		if (observed == null) {
			return current;
		}
		return (current != null && current.isWithin(observed)) ? current : observed;
	}

	static String describe(Throwable error) {
		String message = error.getMessage();
		return (message != null) ? error.getClass().getName() + ": " + message : error.getClass().getName();
	}

	private void failed(Throwable ex) {
		if (ex instanceof VirtualMachineError && !(ex instanceof StackOverflowError)) {
			throw (VirtualMachineError) ex;
		}
		if (this.failureLogged.compareAndSet(false, true)) {
			logger.warn("HoneyHive could not record a Spring AI call; the call is unaffected (further failures are"
					+ " logged at debug level)", ex);
		}
		else if (logger.isDebugEnabled()) {
			logger.debug("HoneyHive could not record a Spring AI call; the call is unaffected", ex);
		}
	}

}
