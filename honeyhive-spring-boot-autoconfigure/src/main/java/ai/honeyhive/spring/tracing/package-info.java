/**
 * {@code @TraceEvent} tracing: the annotation, its aspect, the current-event context and
 * session handling.
 */
@NullMarked
package ai.honeyhive.spring.tracing;

import org.jspecify.annotations.NullMarked;
