package ai.honeyhive.spring.sample.assistant;

/**
 * A document of the knowledge base.
 *
 * @param id the document's id
 * @param source the source it belongs to
 * @param title the title
 * @param text the text
 */
public record Document(String id, String source, String title, String text) {

}
