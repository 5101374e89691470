package ai.honeyhive.spring.sample.assistant;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.ai.document.Document;

/**
 * The help center the assistant answers from: the product manual and the FAQ, loaded into
 * a vector store at startup.
 */
public final class KnowledgeBase {

	/** The metadata key of a document's title. */
	public static final String TITLE = "title";

	/** The metadata key of a document's source, "manual" or "faq". */
	public static final String SOURCE = "source";

	private static final Set<String> STOP_WORDS = Set.of("a", "an", "the", "i", "my", "do", "does", "how", "to", "is",
			"can", "of", "in", "on", "for", "and", "or", "what", "it", "me", "you", "your", "with", "be", "are",
			"where", "when", "why", "which", "not", "get", "did");

	private KnowledgeBase() {
	}

	/**
	 * Return the help center's documents.
	 * @return the documents
	 */
	public static List<Document> documents() {
		return List.of(
				document("manual-1", "manual", "Resetting your password",
						"Open Settings, choose Security and press Reset password; the reset link emailed to you "
								+ "stays valid for 30 minutes."),
				document("manual-2", "manual", "Exporting your data",
						"Choose Account, then Export data; the export is a ZIP of CSV files, ready within an hour."),
				document("manual-3", "manual", "Inviting team members",
						"Admins invite members from Team settings; each invitation email expires after 7 days."),
				document("manual-4", "manual", "Two-factor authentication",
						"Enable two-factor authentication under Security with any authenticator app and keep the "
								+ "recovery codes safe."),
				document("faq-1", "faq", "Why did I not get the reset email?",
						"Check the spam folder for the password reset email from no-reply@example.com and request a "
								+ "new link after 30 minutes."),
				document("faq-2", "faq", "Which plans include data export?",
						"Every plan includes data export; the Business plan adds scheduled exports."),
				document("faq-3", "faq", "How do I cancel my subscription?",
						"Cancel the subscription under Billing at any time; the plan stays active until the end of "
								+ "the period."),
				document("faq-4", "faq", "Where is my order?",
						"Orders ship within two business days; the order status shows the carrier and the tracking "
								+ "number once shipped."));
	}

	private static Document document(String id, String source, String title, String text) {
		return new Document(id, text, Map.of(TITLE, title, SOURCE, source));
	}

	/**
	 * Return the significant words of a text, lower case, plurals folded.
	 * @param text the text
	 * @return its words
	 */
	static Set<String> words(String text) {
		return Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^a-z0-9-]+"))
			.filter((word) -> word.length() > 1 && !STOP_WORDS.contains(word))
			.map((word) -> word.endsWith("s") && word.length() > 3 ? word.substring(0, word.length() - 1) : word)
			.collect(Collectors.toSet());
	}

}
