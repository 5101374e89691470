package ai.honeyhive.spring.tracing;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import ai.honeyhive.spring.client.EventType;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.aspectj.lang.ProceedingJoinPoint;
import org.aspectj.lang.annotation.Around;
import org.aspectj.lang.annotation.Aspect;
import org.aspectj.lang.reflect.MethodSignature;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.support.AopUtils;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.Assert;

/**
 * The aspect that records {@link TraceEvent @TraceEvent} calls through a
 * {@link HoneyHiveTracer}: public methods annotated with {@code @TraceEvent} or declared
 * in a type annotated with it. A call with no open session opens one for itself. The
 * user's exception is rethrown unchanged; a failure of the tracing itself never reaches
 * the caller.
 *
 * @since 0.1.0
 */
@Aspect
public final class TraceEventAspect {

	private static final Log logger = LogFactory.getLog(TraceEventAspect.class);

	private static final MethodInfo NOT_TRACED = new MethodInfo("", EventType.TOOL, false, false, new String[0],
			new boolean[0], new boolean[0], MethodInfo.AsyncKind.NONE, true);

	private final EventRecorder recorder;

	private final AsyncResults asyncResults;

	// Classes compiled without -parameters already warned about: one WARN per class
	private final Set<Class<?>> namesMissingWarned = ConcurrentHashMap.newKeySet();

	// Per target class, then per method as the join point names it: the resolution
	// (most specific method, annotation lookup, parameter names) runs once
	private final ClassValue<Map<Method, MethodInfo>> methods = new ClassValue<>() {

		@Override
		protected Map<Method, MethodInfo> computeValue(Class<?> type) {
			return new ConcurrentHashMap<>();
		}

	};

	/**
	 * Create the aspect.
	 * @param tracer the tracer that records the calls
	 */
	public TraceEventAspect(HoneyHiveTracer tracer) {
		Assert.notNull(tracer, "'tracer' must not be null");
		this.recorder = tracer.recorder();
		this.asyncResults = tracer.asyncResults();
	}

	/**
	 * Record the call as an event of the current session.
	 * @param joinPoint the call
	 * @return the method's result, or for asynchronous results one that ends the event
	 * when it completes
	 * @throws Throwable the method's own exception, unchanged
	 */
	// Annotation patterns inside execution(): AspectJ matches them statically, once per
	// method. "@annotation(..) || @within(..)" needed a runtime test, with its
	// allocations, on every call.
	@Around("execution(@ai.honeyhive.spring.tracing.TraceEvent public * *(..))"
			+ " || execution(public * (@ai.honeyhive.spring.tracing.TraceEvent *).*(..))")
	public @Nullable Object traceEvent(ProceedingJoinPoint joinPoint) throws Throwable {
		TraceNode previous = HoneyHiveContext.current();
		SessionNode implicitSession = null;
		EventNode node;
		EventNode absorbing = null;
		MethodInfo info;
		try {
			info = methodInfo(joinPoint);
		}
		catch (Throwable ex) { // NOSONAR tracing must not break the call
			EventRecorder.rethrowIfFatal(ex);
			this.recorder.logFailure(ex);
			return joinPoint.proceed();
		}
		if (info == NOT_TRACED) {
			// Outside the guard: the method's own exception must reach the caller once,
			// never be taken for a tracing failure and the method run again
			return joinPoint.proceed();
		}
		try {
			// Only events an integration opened can absorb a traced call: no lock
			// otherwise
			if (previous instanceof EventNode current && current.instrumented && current.claimTracedCall(info)) {
				absorbing = current;
				absorbing.putUnredacted(TraceNode.METADATA, "traced_method", info.eventName);
				if (info.captureInputs) {
					absorbing.putAll(TraceNode.INPUTS, this.recorder.captureArguments(info, joinPoint.getArgs()));
				}
			}
		}
		catch (Throwable ex) { // NOSONAR tracing must not break the call
			EventRecorder.rethrowIfFatal(ex);
			this.recorder.logFailure(ex);
			return joinPoint.proceed();
		}
		if (absorbing != null) {
			return proceedInside(joinPoint, absorbing, info);
		}
		try {
			TraceNode parent = previous;
			if (parent == null) {
				implicitSession = this.recorder.openImplicitSession();
				parent = implicitSession;
			}
			node = this.recorder.startEvent(info, parent, joinPoint.getArgs());
			HoneyHiveContext.set(node);
		}
		catch (Throwable ex) { // NOSONAR tracing must not break the call
			EventRecorder.rethrowIfFatal(ex);
			this.recorder.logFailure(ex);
			HoneyHiveContext.restore(previous);
			if (implicitSession != null) {
				// Its start was handed over: end it rather than leave it open forever
				this.recorder.closeSession(implicitSession, null);
			}
			return joinPoint.proceed();
		}
		Object result;
		try {
			result = joinPoint.proceed();
		}
		catch (Throwable ex) {
			HoneyHiveContext.restore(previous);
			this.recorder.endEvent(node, null, ex, implicitSession);
			throw ex;
		}
		HoneyHiveContext.restore(previous);
		if (result != null && node.info.asyncKind != MethodInfo.AsyncKind.NONE) {
			return this.asyncResults.endLater(node, result, implicitSession);
		}
		this.recorder.endEvent(node, result, null, implicitSession);
		return result;
	}

	/**
	 * Run a traced call that enriches the instrumented event it was called in (see
	 * {@link EventHandle#absorbTracedCall()}) instead of opening its own event.
	 */
	private @Nullable Object proceedInside(ProceedingJoinPoint joinPoint, EventNode event, MethodInfo info)
			throws Throwable {
		Object result = joinPoint.proceed();
		if (info.captureOutput && !info.returnsVoid) {
			try {
				event.put(TraceNode.OUTPUTS, "result", result);
			}
			catch (Throwable ex) { // NOSONAR tracing must not break the call
				EventRecorder.rethrowIfFatal(ex);
				this.recorder.logFailure(ex);
			}
		}
		return result;
	}

	private MethodInfo methodInfo(ProceedingJoinPoint joinPoint) {
		Method method = ((MethodSignature) joinPoint.getSignature()).getMethod();
		Object target = joinPoint.getTarget();
		Class<?> targetClass = (target != null) ? AopUtils.getTargetClass(target) : method.getDeclaringClass();
		Map<Method, MethodInfo> cache = this.methods.get(targetClass);
		MethodInfo info = cache.get(method);
		if (info == null) {
			info = cache.computeIfAbsent(method, (key) -> resolve(key, targetClass));
		}
		return info;
	}

	private MethodInfo resolve(Method method, Class<?> targetClass) {
		Method specific = AopUtils.getMostSpecificMethod(method, targetClass);
		TraceEvent annotation = AnnotatedElementUtils.findMergedAnnotation(specific, TraceEvent.class);
		if (annotation == null && specific != method) {
			annotation = AnnotatedElementUtils.findMergedAnnotation(method, TraceEvent.class);
		}
		if (annotation == null && Modifier.isPublic(specific.getModifiers())
				&& specific.getDeclaringClass() != Object.class) {
			annotation = AnnotatedElementUtils.findMergedAnnotation(specific.getDeclaringClass(), TraceEvent.class);
			if (annotation == null) {
				annotation = AnnotatedElementUtils.findMergedAnnotation(targetClass, TraceEvent.class);
			}
		}
		if (annotation == null) {
			return NOT_TRACED;
		}
		MethodInfo info = MethodInfo.of(specific, annotation, this.recorder.settings(), this.recorder.redaction());
		if (info.parameterNamesMissing && info.captureInputs && this.namesMissingWarned.add(targetClass)) {
			logger.warn("Parameter names of " + targetClass.getName() + " are not available (it was compiled without "
					+ "-parameters): the inputs of its @TraceEvent methods are named arg0, arg1..."
					+ (this.recorder.redaction().isActive()
							? " and, since redaction by name cannot see which hold secrets, recorded as [REDACTED]"
							: "")
					+ ". Compile with -parameters (Maven: maven-compiler-plugin <parameters>true</parameters>, which "
					+ "Boot's parent POM sets; Gradle: options.compilerArgs.add('-parameters'))");
		}
		return info;
	}

}
