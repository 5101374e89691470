package ai.honeyhive.spring.sample.assistant;

/**
 * A message of a chat with the model.
 *
 * @param role {@code system}, {@code user} or {@code assistant}
 * @param content the text
 */
public record ChatMessage(String role, String content) {

	static ChatMessage system(String content) {
		return new ChatMessage("system", content);
	}

	static ChatMessage user(String content) {
		return new ChatMessage("user", content);
	}

}
