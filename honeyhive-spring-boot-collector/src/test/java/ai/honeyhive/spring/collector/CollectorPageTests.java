package ai.honeyhive.spring.collector;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.web.context.WebApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The page at {@code /} and {@code /sessions/{id}}: sessions as trees, escaped, with
 * linkage problems made visible.
 */
@SpringBootTest(properties = { "honeyhive.enabled=false", "honeyhive.collector.enabled=true" })
class CollectorPageTests {

	static final String SESSION = "5e550000-0000-4000-8000-000000000001";

	private static final long T0 = 1714978800000L;

	@Autowired
	private WebApplicationContext context;

	@Autowired
	private CollectorStore store;

	private CollectorClient client;

	@BeforeEach
	void setUp() {
		this.store.clear();
		this.client = new CollectorClient(this.context);
	}

	@Test
	void shouldDrawSessionAsTreeOfNestedEvents() {
		seedConversation();
		CollectorClient.Response page = this.client.get("/");
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.contentType()).startsWith("text/html");
		String html = page.body();
		String session = subtree(html, SESSION);
		String chain = subtree(html, "chain-1");
		String faq = subtree(html, "tool-faq");
		assertThat(session).contains("support chat").contains("assistant.answer");
		assertThat(chain).contains("faq.search", "docs.search", "chat.model");
		assertThat(faq).doesNotContain("docs.search").doesNotContain("chat.model");
		assertThat(subtree(html, "tool-docs")).contains("docs.rerank").doesNotContain("chat.model");
		assertThat(depthOf(html, "chain-1")).isEqualTo(1);
		assertThat(depthOf(html, "tool-faq")).isEqualTo(2);
		assertThat(depthOf(html, "rerank")).isEqualTo(3);
		assertThat(depthOf(html, "model-1")).isEqualTo(2);
		// Children in start-time order, whatever order they arrived in.
		assertThat(eventOrder(chain)).containsExactly("chain-1", "tool-faq", "tool-docs", "rerank", "model-1");
	}

	@Test
	void shouldShowTypesDurationsModelUsageErrorsAndFeedback() {
		seedConversation();
		String html = this.client.get("/sessions/" + SESSION).body();
		String model = subtree(html, "model-1");
		assertThat(model).contains("badge b-model").contains("30 ms");
		assertThat(model).contains("model <b>offline-support-1</b>")
			.contains("provider sample")
			.contains("tokens 120 prompt + 30 completion = 150")
			.contains("cost $0.00042");
		assertThat(model).contains("<summary>inputs").contains("<summary>outputs").contains("&quot;role&quot;");
		assertThat(subtree(html, "chain-1")).contains("badge b-chain").contains("feedback").contains("rating: 5");
		assertThat(subtree(html, "tool-docs")).contains("class=\"node has-error\"")
			.contains("<div class=\"error\">IllegalStateException: index offline</div>");
		// The session lasts from its start to the end of its last event.
		assertThat(subtree(html, SESSION)).contains("<span class=\"badge b-session\">session</span>"
				+ "<span class=\"name\">support chat</span><span class=\"dur\">46 ms</span>");
	}

	@Test
	void shouldEscapeEventValues() {
		seedConversation();
		String html = this.client.get("/").body();
		assertThat(html).doesNotContain("<script>alert(1)</script>")
			.doesNotContain("<img src=x>")
			.contains("&lt;script&gt;alert(1)&lt;/script&gt;")
			.contains("&lt;img src=x&gt;");
	}

	@Test
	void shouldFlagEventsWhoseParentIsUnknownAsOrphans() {
		seedConversation();
		this.client.post("/events", """
				{"event": {"project": "support", "source": "dev", "event_name": "lost.step", "event_type": "tool",
				 "config": {}, "inputs": {}, "duration": 3, "event_id": "orphan-1", "session_id": "%s",
				 "parent_id": "no-such-parent", "start_time": %d}}
				""".formatted(SESSION, T0 + 50));
		String html = this.client.get("/sessions/" + SESSION).body();
		String orphan = subtree(html, "orphan-1");
		assertThat(depthOf(html, "orphan-1")).isEqualTo(1);
		assertThat(orphan).contains("lost.step").contains("flag orphan").contains("no-such-parent");
		assertThat(subtree(html, "chain-1")).doesNotContain("orphan");
		assertThat(subtree(html, SESSION)).contains("orphan-1");
	}

	@Test
	void shouldListSessionsNewestFirstWithSummary() {
		seedConversation();
		this.client.post("/session/start", """
				{"session": {"project": "support", "session_name": "later chat", "source": "prod",
				 "session_id": "5e550000-0000-4000-8000-000000000002", "start_time": %d}}
				""".formatted(T0 + 60_000));
		String html = this.client.get("/").body();
		String table = html.substring(html.indexOf("<table>"), html.indexOf("</table>"));
		assertThat(table.indexOf("later chat")).isPositive().isLessThan(table.indexOf("support chat"));
		assertThat(table).contains("<td>prod</td>").contains("2024-05-06 07:00:00.000").contains("<td>5</td>");
		assertThat(table).contains("href=\"/honeyhive/sessions/" + SESSION + "\"");
		assertThat(html).contains("2 sessions · 5 events").contains("href=\"/honeyhive?refresh=5\"");
	}

	@Test
	void shouldTruncateHugeValues() {
		String huge = "x".repeat(SessionPage.MAX_JSON_CHARS + 5000);
		this.client.post("/events", """
				{"event": {"project": "p", "source": "dev", "event_name": "big.input", "event_type": "tool",
				 "config": {}, "inputs": {"text": "%s"}, "duration": 1, "event_id": "big", "session_id": "s-big"}}
				""".formatted(huge));
		String node = subtree(this.client.get("/sessions/s-big").body(), "big");
		assertThat(node).contains("(truncated, ").doesNotContain(huge);
		assertThat(node.length()).isLessThan(SessionPage.MAX_JSON_CHARS + 2000);
	}

	@Test
	void shouldFlagSessionsThatWereNeverStarted() {
		this.client.post("/events", """
				{"event": {"project": "p", "source": "dev", "event_name": "no.session", "event_type": "tool",
				 "config": {}, "inputs": {}, "duration": 1, "session_id": "implicit-session"}}
				""");
		String html = this.client.get("/").body();
		assertThat(html).contains("href=\"/honeyhive/sessions/implicit-session\">unknown</a> <span class=\"flag\"");
		assertThat(html).contains("not started");
	}

	@Test
	void shouldAutoRefreshWhenAsked() {
		assertThat(this.client.get("/?refresh=5").body()).contains("<meta http-equiv=\"refresh\" content=\"5\">");
		assertThat(this.client.get("/").body()).doesNotContain("http-equiv=\"refresh\"");
	}

	@Test
	void shouldSayWhenThereAreNoSessions() {
		CollectorClient.Response page = this.client.get("/");
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains("No sessions yet").doesNotContain("<table>");
	}

	@Test
	void shouldAnswerNotFoundForUnknownSession() {
		CollectorClient.Response page = this.client.get("/sessions/<nope>");
		assertThat(page.status()).isEqualTo(404);
		assertThat(page.body()).contains("&lt;nope&gt;").doesNotContain("<nope>");
	}

	@Test
	void shouldExportOneSessionAsJsonDocument() {
		seedConversation();
		CollectorClient.Response export = this.client.get("/sessions/" + SESSION + "/export");
		assertThat(export.status()).isEqualTo(200);
		assertThat(export.contentType()).startsWith("application/json");
		Map<String, Object> document = export.json();
		assertThat(document).containsOnlyKeys("session_id", "session", "events").containsEntry("session_id", SESSION);
		assertThat(document.get("session")).asInstanceOf(InstanceOfAssertFactories.MAP)
			.containsEntry("event_type", "session")
			.containsEntry("event_name", "support chat");
		assertThat(document.get("events")).asInstanceOf(InstanceOfAssertFactories.list(Map.class))
			.extracting((event) -> event.get("event_id"))
			// by start time, then as received (rerank and docs.search start together)
			.containsExactly("chain-1", "tool-faq", "rerank", "tool-docs", "model-1");
		assertThat(this.client.get("/sessions/" + SESSION).body())
			.contains("href=\"/honeyhive/sessions/" + SESSION + "/export\">JSON</a>");
	}

	@Test
	void shouldAnswerNotFoundWhenExportingUnknownSession() {
		CollectorClient.Response export = this.client.get("/sessions/nope/export");
		CollectorControllerTests.assertApiError(export, 404, "SESSION_NOT_FOUND", "nope");
	}

	@Test
	void shouldDrawOnlyOnePageOfTreesWithHundredsOfSessions() {
		// honeyhive.collector.page-size defaults to 20.
		for (int batch = 0; batch < 10; batch++) {
			StringBuilder events = new StringBuilder();
			for (int i = 0; i < 50; i++) {
				int n = batch * 50 + i;
				events.append((i > 0) ? "," : "").append("""
						{"project": "p", "source": "dev", "event_name": "step-%1$d", "event_type": "chain",
						 "config": {}, "inputs": {"n": %1$d}, "duration": 1, "session_id": "s-%1$d",
						 "start_time": %2$d}
						""".formatted(n, T0 + n));
			}
			assertThat(this.client.post("/events/batch", "{\"events\": [" + events + "]}").status()).isEqualTo(200);
		}
		CollectorClient.Response first = this.client.get("/");
		assertThat(first.status()).isEqualTo(200);
		assertThat(count(first.body(), "<section class=\"session\"")).isEqualTo(20);
		assertThat(count(first.body(), "<tr><td>")).isEqualTo(500);
		assertThat(first.body()).contains("step-499").contains("page 1 of 25").contains("href=\"/honeyhive?page=2\"");
		String last = this.client.get("/?page=25").body();
		assertThat(count(last, "<section class=\"session\"")).isEqualTo(20);
		assertThat(subtreeOrEmpty(last, "s-0")).contains("step-0");
	}

	/**
	 * A chat turn as the starter would send it: a session, a chain with two tools (one
	 * failing, with a nested step) and a model call, sent out of start order.
	 */
	private void seedConversation() {
		seedConversation(this.client);
	}

	static void seedConversation(CollectorClient client) {
		assertThat(client.post("/session/start", """
				{"session": {"project": "support", "session_name": "support chat", "source": "dev",
				 "session_id": "%s", "start_time": %d}}
				""".formatted(SESSION, T0)).status()).isEqualTo(200);
		assertThat(client
			.post("/events/batch",
					"""
							{"events": [
							 {"project": "support", "source": "dev", "event_name": "chat.model", "event_type": "model",
							  "config": {"model": "offline-support-1", "provider": "sample"},
							  "inputs": {"chat_history": [{"role": "user", "content": "refund?"}]},
							  "outputs": {"role": "assistant", "content": "Refunds take 5 days."}, "duration": 30,
							  "event_id": "model-1", "session_id": "%1$s", "parent_id": "chain-1", "start_time": %5$d,
							  "metadata": {"prompt_tokens": 120, "completion_tokens": 30, "total_tokens": 150, "cost": 0.00042}},
							 {"project": "support", "source": "dev", "event_name": "docs.rerank", "event_type": "tool",
							  "config": {}, "inputs": {}, "duration": 2, "event_id": "rerank", "session_id": "%1$s",
							  "parent_id": "tool-docs", "start_time": %4$d},
							 {"project": "support", "source": "dev", "event_name": "assistant.answer", "event_type": "chain",
							  "config": {}, "inputs": {"message": "<script>alert(1)</script>"}, "duration": 45,
							  "event_id": "chain-1", "session_id": "%1$s", "start_time": %2$d, "feedback": {"rating": 5}},
							 {"project": "support", "source": "dev", "event_name": "faq.search", "event_type": "tool",
							  "config": {}, "inputs": {"query": "refund"}, "outputs": {"result": "<img src=x>"}, "duration": 5,
							  "event_id": "tool-faq", "session_id": "%1$s", "parent_id": "chain-1", "start_time": %3$d},
							 {"project": "support", "source": "dev", "event_name": "docs.search", "event_type": "tool",
							  "config": {}, "inputs": {"query": "refund"}, "duration": 6, "error": "IllegalStateException: index offline",
							  "event_id": "tool-docs", "session_id": "%1$s", "parent_id": "chain-1", "start_time": %4$d}
							]}
							"""
						.formatted(SESSION, T0 + 1, T0 + 2, T0 + 3, T0 + 12))
			.status()).isEqualTo(200);
	}

	/**
	 * The HTML of the {@code
	 *
	<li>} of the given event, up to its matching {@code </li>}.
	 */
	static String subtree(String html, String eventId) {
		String subtree = subtreeOrEmpty(html, eventId);
		assertThat(subtree).as("node of %s", eventId).isNotEmpty();
		return subtree;
	}

	private static String subtreeOrEmpty(String html, String eventId) {
		Matcher matcher = Pattern.compile("<li [^>]*data-event-id=\"" + Pattern.quote(eventId) + "\"").matcher(html);
		if (!matcher.find()) {
			return "";
		}
		int start = matcher.start();
		int depth = 0;
		Matcher tags = Pattern.compile("<li[ >]|</li>").matcher(html);
		tags.region(start, html.length());
		while (tags.find()) {
			depth += tags.group().startsWith("</") ? -1 : 1;
			if (depth == 0) {
				return html.substring(start, tags.end());
			}
		}
		throw new AssertionError("Unbalanced <li> for " + eventId);
	}

	private static int depthOf(String html, String eventId) {
		Matcher matcher = Pattern.compile("data-depth=\"(\\d+)\"[^>]*data-event-id=\"" + Pattern.quote(eventId) + "\"")
			.matcher(html);
		assertThat(matcher.find()).as("node of %s", eventId).isTrue();
		return Integer.parseInt(matcher.group(1));
	}

	private static List<String> eventOrder(String html) {
		Matcher matcher = Pattern.compile("data-event-id=\"([^\"]+)\"").matcher(html);
		List<String> ids = new ArrayList<>();
		while (matcher.find()) {
			ids.add(matcher.group(1));
		}
		return ids;
	}

	private static int count(String text, String part) {
		int count = 0;
		for (int index = text.indexOf(part); index >= 0; index = text.indexOf(part, index + part.length())) {
			count++;
		}
		return count;
	}

}
