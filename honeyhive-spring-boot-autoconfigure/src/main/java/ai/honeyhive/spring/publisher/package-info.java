/**
 * Delivery of finished events to HoneyHive:
 * {@link ai.honeyhive.spring.publisher.EventPublisher} and its implementations.
 */
@NullMarked
package ai.honeyhive.spring.publisher;

import org.jspecify.annotations.NullMarked;
