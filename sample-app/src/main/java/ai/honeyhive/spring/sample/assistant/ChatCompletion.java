package ai.honeyhive.spring.sample.assistant;

import org.jspecify.annotations.Nullable;

/**
 * The model's answer.
 *
 * @param text the answer
 * @param eventId the id of the model call's HoneyHive event, for feedback
 * @param promptTokens tokens of the prompt
 * @param completionTokens tokens of the answer
 */
public record ChatCompletion(String text, @Nullable String eventId, long promptTokens, long completionTokens) {

}
