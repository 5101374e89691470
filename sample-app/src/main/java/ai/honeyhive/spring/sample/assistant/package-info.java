/**
 * The support assistant: a Spring AI ChatClient with retrieval over a vector store and an
 * order tool (offline models unless OPENAI_API_KEY is set), recorded by the starter with
 * no tracing code, and its HTTP API.
 */
@NullMarked
package ai.honeyhive.spring.sample.assistant;

import org.jspecify.annotations.NullMarked;
