/**
 * Automatic capture of Spring AI calls (ChatClient, chat and embedding models, tools and
 * vector store queries) as HoneyHive events, from Spring AI's Micrometer observations.
 */
@NullMarked
package ai.honeyhive.spring.springai;

import org.jspecify.annotations.NullMarked;
