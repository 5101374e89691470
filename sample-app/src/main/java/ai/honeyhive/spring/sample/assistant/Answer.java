package ai.honeyhive.spring.sample.assistant;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The assistant's answer to a question.
 *
 * @param text the answer
 * @param sources the titles of the documents it draws on
 * @param eventId the id of the turn's event, the one feedback is recorded on
 */
public record Answer(String text, List<String> sources, @Nullable String eventId) {

}
