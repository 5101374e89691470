package ai.honeyhive.spring.collector;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.util.HtmlUtils;
import org.springframework.web.util.UriUtils;

/**
 * Renders the collector's pages as plain HTML: a table of sessions and each session as a
 * tree of events nested under their {@code parent_id}. Every value from an event is
 * HTML-escaped.
 */
final class SessionPage {

	/**
	 * Longest JSON value shown in full; the rest is cut, since one huge input must not
	 * stall the page.
	 */
	static final int MAX_JSON_CHARS = 20_000;

	private static final int MAX_DEPTH = 200;

	private static final int PREVIEW_CHARS = 120;

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
		.withZone(ZoneOffset.UTC);

	private static final String STYLE = """
			body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0;color:#1f2328;background:#f6f8fa}
			header{background:#24292f;color:#fff;padding:12px 24px;display:flex;gap:16px;align-items:baseline;flex-wrap:wrap}
			header h1{font-size:18px;margin:0}header a{color:#9ecbff}main{padding:16px 24px;max-width:1200px}
			.muted{color:#656d76}header .muted{color:#c9d1d9}
			table{border-collapse:collapse;width:100%;background:#fff;border:1px solid #d0d7de;margin-bottom:24px}
			th,td{text-align:left;padding:6px 10px;border-bottom:1px solid #eaeef2;vertical-align:top}th{background:#f6f8fa;font-weight:600}
			section.session{background:#fff;border:1px solid #d0d7de;border-radius:6px;padding:12px 16px;margin-bottom:16px}
			section.session h2{font-size:16px;margin:0 0 4px}
			ul.tree{list-style:none;margin:0;padding-left:22px;border-left:1px dashed #d0d7de}ul.tree.root{padding-left:0;border:0}
			li.node{margin:6px 0}.head{display:flex;gap:8px;align-items:baseline;flex-wrap:wrap}.name{font-weight:600}
			.badge{font-size:11px;font-weight:600;text-transform:uppercase;border-radius:10px;padding:1px 8px;color:#fff}
			.b-session{background:#8250df}.b-chain{background:#0969da}.b-tool{background:#1a7f37}.b-model{background:#bc4c00}.b-other{background:#6e7781}
			code,pre{font:12px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}code.id{color:#656d76}
			pre{background:#f6f8fa;border:1px solid #eaeef2;padding:8px;overflow:auto;max-height:400px;margin:4px 0;white-space:pre-wrap;word-break:break-word}
			details{margin:2px 0 2px 4px}summary{cursor:pointer;color:#0969da}.preview{color:#656d76;font:12px ui-monospace,monospace}
			.error{background:#ffebe9;border:1px solid #ff8182;color:#82071e;padding:4px 8px;border-radius:4px;margin:4px 0;white-space:pre-wrap}
			li.has-error>.head .name{color:#cf222e}.model{color:#57606a;font-size:13px}
			.chip{display:inline-block;background:#ddf4ff;border-radius:4px;padding:0 6px;margin-right:4px;font-size:12px}
			.flag{background:#fff8c5;border:1px solid #d4a72c;border-radius:4px;padding:0 6px;font-size:12px;color:#7d4e00}
			.pager a{margin-right:8px}a.export{font-size:12px;font-weight:400;margin-left:8px}
			""";

	private final JsonMapper jsonMapper;

	private final ObjectWriter prettyWriter;

	SessionPage(JsonMapper jsonMapper) {
		this.jsonMapper = jsonMapper;
		this.prettyWriter = jsonMapper.writerWithDefaultPrettyPrinter();
	}

	/**
	 * The index: a table of every session and the trees of those on the current page.
	 * @param root the page's path, context path included, which every link starts with
	 */
	String index(String root, List<CollectorStore.SessionSummary> summaries, List<CollectedSession> shown, int page,
			int pageCount, int eventCount, long evictedSessions, @Nullable Integer refreshSeconds) {
		StringBuilder html = new StringBuilder(16_384);
		String home = escape(root);
		String refreshLink = (refreshSeconds != null) ? "<a href=\"" + home + "\">Stop auto-refresh</a>"
				: "<a href=\"" + home + "?refresh=5\">Auto-refresh every 5 s</a>";
		open(html, "HoneyHive collector", refreshSeconds);
		html.append("<header><h1>HoneyHive collector</h1><span class=\"muted\">")
			.append(summaries.size())
			.append(" sessions · ")
			.append(eventCount)
			.append(" events");
		if (evictedSessions > 0) {
			html.append(" · ").append(evictedSessions).append(" older sessions evicted");
		}
		html.append("</span><a href=\"")
			.append(home)
			.append("\">Refresh</a>")
			.append(refreshLink)
			.append("</header><main>");
		if (summaries.isEmpty()) {
			html.append("<p>No sessions yet. Traced calls of the application show up here; the starter sends them to ")
				.append("<code>")
				.append(escape(root + CollectorProperties.API_PATH))
				.append("</code>.</p>");
		}
		else {
			sessionTable(html, root, summaries);
			for (CollectedSession session : shown) {
				sessionSection(html, root, session, false);
			}
			pager(html, home, page, pageCount);
		}
		return close(html);
	}

	String session(String root, CollectedSession session) {
		StringBuilder html = new StringBuilder(8_192);
		open(html, "Session " + session.name(), null);
		html.append("<header><h1>HoneyHive collector</h1><a href=\"")
			.append(escape(root))
			.append("\">All sessions</a><a href=\"")
			.append(escape(sessionPath(root, session.sessionId())))
			.append("\">Refresh</a></header><main>");
		sessionSection(html, root, session, true);
		return close(html);
	}

	String notFound(String root, String sessionId) {
		StringBuilder html = new StringBuilder();
		open(html, "Session not found", null);
		html.append("<header><h1>HoneyHive collector</h1><a href=\"")
			.append(escape(root))
			.append("\">All sessions</a></header><main><p>No session ")
			.append("<code>")
			.append(escape(sessionId))
			.append("</code> (it may have been evicted).</p>");
		return close(html);
	}

	private void open(StringBuilder html, String title, @Nullable Integer refreshSeconds) {
		html.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
			.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
		if (refreshSeconds != null) {
			html.append("<meta http-equiv=\"refresh\" content=\"").append(refreshSeconds).append("\">");
		}
		html.append("<title>")
			.append(escape(title))
			.append("</title><style>")
			.append(STYLE)
			.append("</style></head><body>");
	}

	private String close(StringBuilder html) {
		return html.append("</main></body></html>").toString();
	}

	private void sessionTable(StringBuilder html, String root, List<CollectorStore.SessionSummary> summaries) {
		html.append("<table><thead><tr><th>Session</th><th>Source</th><th>Started (UTC)</th><th>Duration</th>")
			.append("<th>Events</th><th>Errors</th></tr></thead><tbody>");
		for (CollectorStore.SessionSummary summary : summaries) {
			html.append("<tr><td><a href=\"")
				.append(escape(sessionPath(root, summary.sessionId())))
				.append("\">")
				.append(escape(summary.name()))
				.append("</a>");
			if (!summary.started()) {
				html.append(" <span class=\"flag\" title=\"No POST /session/start for this id\">not started</span>");
			}
			html.append("</td><td>")
				.append(escape(String.valueOf(summary.source())))
				.append("</td><td>")
				.append(TIME.format(Instant.ofEpochMilli(summary.startTime())))
				.append("</td><td>")
				.append(duration(summary.duration()))
				.append("</td><td>")
				.append(summary.eventCount())
				.append("</td><td>")
				.append((summary.errorCount() > 0) ? "<span class=\"flag\">" + summary.errorCount() + "</span>" : "0")
				.append("</td></tr>");
		}
		html.append("</tbody></table>");
	}

	private void pager(StringBuilder html, String home, int page, int pageCount) {
		if (pageCount <= 1) {
			return;
		}
		html.append("<p class=\"pager\">");
		if (page > 1) {
			html.append("<a href=\"").append(home).append("?page=").append(page - 1).append("\">Newer sessions</a>");
		}
		html.append("<span class=\"muted\">page ").append(page).append(" of ").append(pageCount).append("</span> ");
		if (page < pageCount) {
			html.append("<a href=\"").append(home).append("?page=").append(page + 1).append("\">Older sessions</a>");
		}
		html.append("</p>");
	}

	private void sessionSection(StringBuilder html, String root, CollectedSession session, boolean single) {
		CollectedEvent sessionEvent = session.session();
		html.append("<section class=\"session\" id=\"s-").append(escape(session.sessionId())).append("\"><h2>");
		if (single) {
			html.append(escape(session.name()));
		}
		else {
			html.append("<a href=\"")
				.append(escape(sessionPath(root, session.sessionId())))
				.append("\">")
				.append(escape(session.name()))
				.append("</a>");
		}
		html.append(" <a class=\"export\" href=\"")
			.append(escape(sessionPath(root, session.sessionId()) + "/export"))
			.append("\">JSON</a>");
		html.append("</h2><p class=\"muted\">session <code>")
			.append(escape(session.sessionId()))
			.append("</code> · source ")
			.append(escape(String.valueOf(sessionEvent.source())))
			.append(" · project ")
			.append(escape(String.valueOf(sessionEvent.projectId())))
			.append(" · started ")
			.append(TIME.format(Instant.ofEpochMilli(sessionEvent.startTime())))
			.append(" UTC · ")
			.append(session.events().size())
			.append(" events</p>");
		new Tree(session).render(html);
		html.append("</section>");
	}

	/**
	 * One session's events as nested lists, children under their parent and ordered by
	 * start time (the snapshot's order); events whose parent is unknown are drawn under
	 * the session and flagged, since that is a linkage bug worth seeing.
	 */
	private final class Tree {

		private final CollectedSession session;

		private final Map<String, List<CollectedEvent>> childrenByParent = new LinkedHashMap<>();

		private final Set<String> visited = new HashSet<>();

		private final long sessionStart;

		/** The declared duration, or the span of the session's events when longer. */
		private final double sessionDuration;

		Tree(CollectedSession session) {
			this.session = session;
			this.sessionStart = session.session().startTime();
			long start = this.sessionStart;
			long end = session.session().endTime();
			for (CollectedEvent event : session.events()) {
				start = Math.min(start, event.startTime());
				end = Math.max(end, event.endTime());
			}
			this.sessionDuration = Math.max(session.session().duration(), end - start);
			for (CollectedEvent event : session.events()) {
				String parentId = event.parentId();
				if (parentId != null) {
					this.childrenByParent.computeIfAbsent(parentId, (key) -> new ArrayList<>()).add(event);
				}
			}
		}

		void render(StringBuilder html) {
			CollectedEvent root = this.session.session();
			html.append("<ul class=\"tree root\">");
			openNode(html, root, 0, null);
			List<CollectedEvent> children = new ArrayList<>(
					this.childrenByParent.getOrDefault(this.session.sessionId(), List.of()));
			html.append("<ul class=\"tree\">");
			for (CollectedEvent child : children) {
				node(html, child, 1, null);
			}
			Set<String> ids = new HashSet<>();
			this.session.events().forEach((event) -> ids.add(event.eventId()));
			for (CollectedEvent event : this.session.events()) {
				String parentId = event.parentId();
				if (parentId == null || (!parentId.equals(this.session.sessionId()) && !ids.contains(parentId))) {
					node(html, event, 1,
							"orphan: parent " + ((parentId != null) ? parentId : "(none)") + " is not in this session");
				}
			}
			for (CollectedEvent event : this.session.events()) {
				if (!this.visited.contains(event.eventId())) {
					// Only events on a parent cycle (or nested too deep) are left here.
					node(html, event, 1, "orphan: not reachable from the session (parent cycle or too deep)");
				}
			}
			html.append("</ul></li></ul>");
		}

		private void node(StringBuilder html, CollectedEvent event, int depth, @Nullable String flag) {
			if (!this.visited.add(event.eventId())) {
				return;
			}
			openNode(html, event, depth, flag);
			List<CollectedEvent> children = this.childrenByParent.getOrDefault(event.eventId(), List.of());
			if (!children.isEmpty() && depth < MAX_DEPTH) {
				html.append("<ul class=\"tree\">");
				for (CollectedEvent child : children) {
					node(html, child, depth + 1, null);
				}
				html.append("</ul>");
			}
			html.append("</li>");
		}

		private void openNode(StringBuilder html, CollectedEvent event, int depth, @Nullable String flag) {
			String type = event.eventType();
			String badge = switch (type) {
				case "session", "chain", "tool", "model" -> type;
				default -> "other";
			};
			html.append("<li class=\"node")
				.append((event.error() != null) ? " has-error" : "")
				.append("\" data-depth=\"")
				.append(depth)
				.append("\" data-type=\"")
				.append(escape(type))
				.append("\" data-event-id=\"")
				.append(escape(event.eventId()))
				.append("\"><div class=\"head\"><span class=\"badge b-")
				.append(badge)
				.append("\">")
				.append(escape(type))
				.append("</span><span class=\"name\">")
				.append(escape(event.eventName()))
				.append("</span><span class=\"dur\">")
				.append(duration((depth == 0) ? this.sessionDuration : event.duration()))
				.append("</span>");
			if (depth > 0) {
				html.append("<span class=\"muted\">+")
					.append(duration(event.startTime() - this.sessionStart))
					.append("</span>");
			}
			if (flag != null) {
				html.append("<span class=\"flag orphan\">").append(escape(flag)).append("</span>");
			}
			html.append("<code class=\"id\" title=\"event_id\">")
				.append(escape(event.eventId()))
				.append("</code></div>");
			modelLine(html, event);
			if (event.error() != null) {
				html.append("<div class=\"error\">").append(escape(truncate(event.error()))).append("</div>");
			}
			if (!event.feedback().isEmpty()) {
				html.append("<div>feedback ");
				event.feedback()
					.forEach((key, value) -> html.append("<span class=\"chip\">")
						.append(escape(key))
						.append(": ")
						.append(escape(preview(value)))
						.append("</span>"));
				html.append("</div>");
			}
			values(html, "inputs", event.inputs());
			values(html, "outputs", event.outputs());
			values(html, "config", event.config());
			values(html, "metadata", event.metadata());
			values(html, "metrics", event.metrics());
			values(html, "user_properties", event.userProperties());
		}

		private void modelLine(StringBuilder html, CollectedEvent event) {
			Object model = event.config().get("model");
			Object provider = event.config().get("provider");
			Object prompt = event.metadata().get("prompt_tokens");
			Object completion = event.metadata().get("completion_tokens");
			Object total = event.metadata().get("total_tokens");
			Object cost = event.metadata().get("cost");
			if (model == null && provider == null && prompt == null && completion == null && total == null
					&& cost == null) {
				return;
			}
			List<String> parts = new ArrayList<>();
			if (model != null) {
				parts.add("model <b>" + escape(preview(model)) + "</b>");
			}
			if (provider != null) {
				parts.add("provider " + escape(preview(provider)));
			}
			if (prompt != null && completion != null) {
				parts.add("tokens " + escape(preview(prompt)) + " prompt + " + escape(preview(completion))
						+ " completion" + ((total != null) ? " = " + escape(preview(total)) : ""));
			}
			else if (prompt != null || completion != null || total != null) {
				List<String> tokens = new ArrayList<>();
				if (prompt != null) {
					tokens.add(escape(preview(prompt)) + " prompt");
				}
				if (completion != null) {
					tokens.add(escape(preview(completion)) + " completion");
				}
				if (total != null) {
					tokens.add(escape(preview(total)) + " total");
				}
				parts.add("tokens " + String.join(", ", tokens));
			}
			if (cost != null) {
				parts.add("cost $" + escape(preview(cost)));
			}
			html.append("<div class=\"model\">").append(String.join(" · ", parts)).append("</div>");
		}

		private void values(StringBuilder html, String name, Map<String, @Nullable Object> value) {
			if (value.isEmpty()) {
				return;
			}
			String json = json(value);
			html.append("<details><summary>")
				.append(name)
				.append(" <span class=\"preview\">")
				.append(escape(preview(value)))
				.append("</span></summary><pre>")
				.append(escape(json))
				.append("</pre></details>");
		}

	}

	private String json(@Nullable Object value) {
		String json;
		try {
			json = this.prettyWriter.writeValueAsString(value);
		}
		catch (JacksonException ex) {
			json = String.valueOf(value);
		}
		return truncate(json);
	}

	private String preview(@Nullable Object value) {
		if (value == null) {
			return "–";
		}
		String text = (value instanceof Map || value instanceof List) ? compactJson(value) : JsonValues.text(value);
		return (text.length() > PREVIEW_CHARS) ? text.substring(0, PREVIEW_CHARS) + "…" : text;
	}

	private String compactJson(Object value) {
		try {
			return this.jsonMapper.writeValueAsString(value);
		}
		catch (JacksonException ex) {
			return String.valueOf(value);
		}
	}

	static String truncate(String text) {
		if (text.length() <= MAX_JSON_CHARS) {
			return text;
		}
		return text.substring(0, MAX_JSON_CHARS) + "\n… (truncated, " + text.length() + " characters in all)";
	}

	static String duration(double millis) {
		if (millis < 1000) {
			return String.format(Locale.ROOT, (millis < 10 && millis != Math.rint(millis)) ? "%.1f ms" : "%.0f ms",
					millis);
		}
		if (millis < 60_000) {
			return String.format(Locale.ROOT, "%.2f s", millis / 1000);
		}
		long seconds = Math.round(millis / 1000);
		return String.format(Locale.ROOT, "%d min %02d s", seconds / 60, seconds % 60);
	}

	static String sessionPath(String root, String sessionId) {
		return root + "/sessions/" + UriUtils.encodePathSegment(sessionId, StandardCharsets.UTF_8);
	}

	static String escape(String text) {
		return HtmlUtils.htmlEscape(text, StandardCharsets.UTF_8.name());
	}

}
