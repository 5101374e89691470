package ai.honeyhive.spring.tracing;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.concurrent.CompletionStage;

import ai.honeyhive.spring.client.EventType;
import org.jspecify.annotations.Nullable;

import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.ParameterNameDiscoverer;
import org.springframework.util.ClassUtils;

/**
 * What the aspect needs to know about one traced method, computed once: the event's name
 * and type, the parameter names and which of them are captured or redacted, and how the
 * result completes.
 */
final class MethodInfo {

	private static final ParameterNameDiscoverer PARAMETER_NAMES = new DefaultParameterNameDiscoverer();

	private static final boolean REACTOR_PRESENT = ClassUtils.isPresent("reactor.core.publisher.Mono",
			MethodInfo.class.getClassLoader());

	final String eventName;

	final EventType eventType;

	final boolean captureInputs;

	final boolean captureOutput;

	final String[] parameterNames;

	/** Whether each parameter is captured (not {@link NotCaptured}). */
	final boolean[] captured;

	/** Whether each parameter's name matches a redaction pattern. */
	final boolean[] redacted;

	final AsyncKind asyncKind;

	final boolean returnsVoid;

	/**
	 * Whether the method's parameter names were not compiled in (no {@code -parameters}),
	 * so its inputs are named {@code arg0}, {@code arg1}...
	 */
	final boolean parameterNamesMissing;

	MethodInfo(String eventName, EventType eventType, boolean captureInputs, boolean captureOutput,
			String[] parameterNames, boolean[] captured, boolean[] redacted, AsyncKind asyncKind, boolean returnsVoid) {
		this.eventName = eventName;
		this.eventType = (eventType != EventType.SESSION) ? eventType : EventType.CHAIN;
		this.captureInputs = captureInputs;
		this.captureOutput = captureOutput;
		this.parameterNames = parameterNames;
		this.captured = captured;
		this.redacted = redacted;
		this.asyncKind = asyncKind;
		this.returnsVoid = returnsVoid;
		this.parameterNamesMissing = false;
	}

	private MethodInfo(MethodInfo info, boolean[] redacted) {
		this.eventName = info.eventName;
		this.eventType = info.eventType;
		this.captureInputs = info.captureInputs;
		this.captureOutput = info.captureOutput;
		this.parameterNames = info.parameterNames;
		this.captured = info.captured;
		this.redacted = redacted;
		this.asyncKind = info.asyncKind;
		this.returnsVoid = info.returnsVoid;
		this.parameterNamesMissing = true;
	}

	static MethodInfo of(Method method, TraceEvent annotation, TracingSettings settings, Redaction redaction) {
		String name = annotation.name().isEmpty() ? method.getName() : annotation.name();
		int count = method.getParameterCount();
		String[] discovered = PARAMETER_NAMES.getParameterNames(method);
		boolean namesMissing = count > 0 && (discovered == null || discovered.length != count);
		String[] names = new String[count];
		boolean[] captured = new boolean[count];
		boolean[] redacted = new boolean[count];
		Annotation[][] parameterAnnotations = method.getParameterAnnotations();
		for (int i = 0; i < count; i++) {
			names[i] = namesMissing ? "arg" + i : discovered[i];
			captured[i] = !hasNotCaptured(parameterAnnotations[i]);
			// Without names, redaction by name cannot tell a password from a question:
			// while any pattern is configured, no value is recorded
			redacted[i] = (namesMissing) ? redaction.isActive() : redaction.matches(names[i]);
		}
		Class<?> returnType = method.getReturnType();
		MethodInfo info = new MethodInfo(name, annotation.type(),
				annotation.captureInputs() && settings.captureInputs(),
				annotation.captureOutput() && settings.captureOutputs(), names, captured, redacted,
				AsyncKind.of(returnType), returnType == void.class || returnType == Void.class);
		return namesMissing ? new MethodInfo(info, redacted) : info;
	}

	private static boolean hasNotCaptured(Annotation[] annotations) {
		for (Annotation annotation : annotations) {
			if (annotation.annotationType() == NotCaptured.class) {
				return true;
			}
		}
		return false;
	}

	/**
	 * How a method's result completes.
	 */
	enum AsyncKind {

		/** The event ends when the method returns. */
		NONE,

		/** A {@link CompletionStage}: the event ends when it completes. */
		COMPLETION_STAGE,

		/** A Reactor {@code Mono}. */
		MONO,

		/** A Reactor {@code Flux}. */
		FLUX;

		static AsyncKind of(@Nullable Class<?> returnType) {
			if (returnType == null) {
				return NONE;
			}
			if (CompletionStage.class.isAssignableFrom(returnType)) {
				return COMPLETION_STAGE;
			}
			if (REACTOR_PRESENT) {
				if (ReactorSupport.isMono(returnType)) {
					return MONO;
				}
				if (ReactorSupport.isFlux(returnType)) {
					return FLUX;
				}
			}
			return NONE;
		}

	}

}
