/**
 * Client for HoneyHive's Events API: {@link ai.honeyhive.spring.client.EventsClient}, its
 * {@code RestClient} implementation, the request and response records and the exceptions.
 */
@NullMarked
package ai.honeyhive.spring.client;

import org.jspecify.annotations.NullMarked;
