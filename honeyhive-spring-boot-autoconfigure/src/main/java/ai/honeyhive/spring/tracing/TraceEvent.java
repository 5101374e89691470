package ai.honeyhive.spring.tracing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import ai.honeyhive.spring.client.EventType;

/**
 * Records each call of the annotated method, or of every public method of the annotated
 * type, as a HoneyHive event of the current session. A method annotation wins over a type
 * annotation. Works on Spring beans through Spring AOP proxies, so a call from the bean
 * to itself (self-invocation) and non-public methods are not recorded.
 *
 * @since 0.1.0
 */
@Target({ ElementType.METHOD, ElementType.TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@Documented
public @interface TraceEvent {

	/**
	 * The event's name; the method's name when empty.
	 * @return the event name
	 */
	String name() default "";

	/**
	 * The event's type. {@link EventType#SESSION} is reserved for sessions and recorded
	 * as {@link EventType#CHAIN}.
	 * @return the event type
	 */
	EventType type() default EventType.TOOL;

	/**
	 * Whether to capture the arguments as the event's inputs.
	 * @return whether to capture the inputs
	 */
	boolean captureInputs() default true;

	/**
	 * Whether to capture the return value as the event's {@code outputs.result}.
	 * @return whether to capture the output
	 */
	boolean captureOutput() default true;

}
