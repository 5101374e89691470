package ai.honeyhive.spring.collector;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The collector's trace page at {@code {base-path}}: it lists the sessions newest first
 * and draws the newest ones as trees; {@code {base-path}/sessions/{id}} draws one session
 * and {@code {base-path}/sessions/{id}/export} downloads it as JSON.
 */
@Controller
@RequestMapping("${" + CollectorProperties.BASE_PATH + ":" + CollectorProperties.DEFAULT_BASE_PATH + "}")
@ConditionalOnBooleanProperty(name = CollectorProperties.ENABLED, matchIfMissing = true)
class CollectorPageController {

	private final CollectorStore store;

	private final CollectorProperties properties;

	private final SessionPage page;

	CollectorPageController(CollectorStore store, CollectorProperties properties, JsonMapper jsonMapper) {
		this.store = store;
		this.properties = properties;
		this.page = new SessionPage(jsonMapper);
	}

	@GetMapping(path = { "", "/" }, produces = MediaType.TEXT_HTML_VALUE)
	ResponseEntity<String> index(HttpServletRequest request, @RequestParam(defaultValue = "1") int page,
			@RequestParam(required = false) @Nullable Integer refresh) {
		List<CollectorStore.SessionSummary> summaries = this.store.summaries();
		int pageSize = this.properties.getPageSize();
		int pageCount = Math.max(1, (summaries.size() + pageSize - 1) / pageSize);
		int current = Math.min(Math.max(page, 1), pageCount);
		List<CollectedSession> shown = summaries.stream()
			.skip((long) (current - 1) * pageSize)
			.limit(pageSize)
			.flatMap((summary) -> this.store.session(summary.sessionId()).stream())
			.toList();
		Integer refreshSeconds = (refresh != null) ? Math.min(Math.max(refresh, 1), 3600) : null;
		return html(HttpStatus.OK, this.page.index(root(request), summaries, shown, current, pageCount,
				this.store.eventCount(), this.store.evictedSessionCount(), refreshSeconds));
	}

	@GetMapping(path = "/sessions/{sessionId}", produces = MediaType.TEXT_HTML_VALUE)
	ResponseEntity<String> session(HttpServletRequest request, @PathVariable String sessionId) {
		String root = root(request);
		return this.store.session(sessionId)
			.map((session) -> html(HttpStatus.OK, this.page.session(root, session)))
			.orElseGet(() -> html(HttpStatus.NOT_FOUND, this.page.notFound(root, sessionId)));
	}

	/**
	 * One session as a JSON document, to keep or to share: the session event and its
	 * other events, ordered by start time, in the API's event shape.
	 */
	@GetMapping(path = "/sessions/{sessionId}/export", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Map<String, Object>> export(@PathVariable String sessionId) {
		return this.store.session(sessionId).map((session) -> {
			Map<String, Object> body = new LinkedHashMap<>();
			body.put("session_id", session.sessionId());
			body.put("session", session.session().fields());
			body.put("events", session.events().stream().map(CollectedEvent::fields).toList());
			ContentDisposition disposition = ContentDisposition.attachment()
				.filename("honeyhive-session-" + sessionId + ".json", StandardCharsets.UTF_8)
				.build();
			return ResponseEntity.ok()
				.contentType(MediaType.APPLICATION_JSON)
				.cacheControl(CacheControl.noStore())
				.header(HttpHeaders.CONTENT_DISPOSITION, disposition.toString())
				.body(body);
		})
			.orElseGet(() -> CollectorController.error(HttpStatus.NOT_FOUND, "SESSION_NOT_FOUND",
					"Session '" + sessionId + "' not found"));
	}

	private String root(HttpServletRequest request) {
		return request.getContextPath() + this.properties.getBasePath();
	}

	private static ResponseEntity<String> html(HttpStatus status, String body) {
		return ResponseEntity.status(status)
			.contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
			.cacheControl(CacheControl.noStore())
			.body(body);
	}

}
