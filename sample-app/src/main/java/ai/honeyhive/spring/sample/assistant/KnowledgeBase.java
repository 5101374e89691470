package ai.honeyhive.spring.sample.assistant;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import ai.honeyhive.spring.client.EventType;
import ai.honeyhive.spring.tracing.TraceEvent;

import org.springframework.stereotype.Component;

/**
 * A small in-memory knowledge base with two sources, the product manual and the FAQ,
 * searched by word overlap. Each search is a {@code TOOL} event.
 */
@Component
public class KnowledgeBase {

	/** The product manual. */
	public static final String MANUAL = "manual";

	/** The frequently asked questions. */
	public static final String FAQ = "faq";

	private static final Set<String> STOP_WORDS = Set.of("a", "an", "the", "i", "my", "do", "does", "how", "to", "is",
			"can", "of", "in", "on", "for", "and", "or", "what", "it", "me", "you", "your", "with", "be", "are");

	private final Map<String, List<Document>> sources = Map.of(MANUAL, List.of(
			new Document("manual-1", MANUAL, "Resetting your password",
					"Open Settings, choose Security and press Reset password. A reset link is emailed to you "
							+ "and stays valid for 30 minutes."),
			new Document("manual-2", MANUAL, "Exporting your data",
					"Choose Account, then Export data. The export is a ZIP of CSV files, ready within an hour."),
			new Document("manual-3", MANUAL, "Inviting team members",
					"Admins invite members from Team settings; each invitation email expires after 7 days."),
			new Document("manual-4", MANUAL, "Two-factor authentication",
					"Enable two-factor authentication under Security with any authenticator app; keep the "
							+ "recovery codes somewhere safe.")),
			FAQ, List.of(
					new Document("faq-1", FAQ, "Why did I not get the reset email?",
							"Check the spam folder; reset emails come from no-reply@example.com. Request a new "
									+ "link if 30 minutes have passed."),
					new Document("faq-2", FAQ, "Which plans include data export?",
							"Every plan includes data export; the Business plan adds scheduled exports."),
					new Document("faq-3", FAQ, "How do I cancel my subscription?",
							"Cancel under Billing at any time; the plan stays active until the end of the period."),
					new Document("faq-4", FAQ, "I lost my two-factor device",
							"Sign in with a recovery code, then set up two-factor authentication again.")));

	/**
	 * Search one source for the documents sharing most words with the query.
	 * @param source the source, {@value #MANUAL} or {@value #FAQ}
	 * @param query the query
	 * @param limit the most documents returned
	 * @return the best documents, best first; none when no word matches
	 */
	@TraceEvent(name = "search_knowledge_base", type = EventType.TOOL)
	public List<Document> search(String source, String query, int limit) {
		Set<String> words = words(query);
		return this.sources.getOrDefault(source, List.of())
			.stream()
			.filter((document) -> score(document, words) > 0)
			.sorted(Comparator.comparingLong((Document document) -> score(document, words)).reversed())
			.limit(limit)
			.toList();
	}

	private static long score(Document document, Set<String> words) {
		Set<String> documentWords = words(document.title() + " " + document.text());
		return words.stream().filter(documentWords::contains).count();
	}

	static Set<String> words(String text) {
		return Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^a-z0-9-]+"))
			.filter((word) -> word.length() > 1 && !STOP_WORDS.contains(word))
			.map((word) -> word.endsWith("s") && word.length() > 3 ? word.substring(0, word.length() - 1) : word)
			.collect(Collectors.toSet());
	}

}
