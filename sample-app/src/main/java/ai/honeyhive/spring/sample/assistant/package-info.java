/**
 * The support assistant: a chat pipeline of traced beans (retrieval on two sources in
 * parallel, an offline chat model) and its HTTP API.
 */
@NullMarked
package ai.honeyhive.spring.sample.assistant;

import org.jspecify.annotations.NullMarked;
