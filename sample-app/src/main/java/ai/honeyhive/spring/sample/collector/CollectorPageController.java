package ai.honeyhive.spring.sample.collector;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The collector's pages: {@code /} lists the sessions newest first and draws the newest
 * ones as trees, {@code /sessions/{id}} draws one session.
 */
@Controller
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

	@GetMapping(path = "/", produces = MediaType.TEXT_HTML_VALUE)
	ResponseEntity<String> index(@RequestParam(defaultValue = "1") int page,
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
		return html(HttpStatus.OK, this.page.index(summaries, shown, current, pageCount, this.store.eventCount(),
				this.store.evictedSessionCount(), refreshSeconds));
	}

	@GetMapping(path = "/sessions/{sessionId}", produces = MediaType.TEXT_HTML_VALUE)
	ResponseEntity<String> session(@PathVariable String sessionId) {
		return this.store.session(sessionId)
			.map((session) -> html(HttpStatus.OK, this.page.session(session)))
			.orElseGet(() -> html(HttpStatus.NOT_FOUND, this.page.notFound(sessionId)));
	}

	private static ResponseEntity<String> html(HttpStatus status, String body) {
		return ResponseEntity.status(status)
			.contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
			.cacheControl(CacheControl.noStore())
			.body(body);
	}

}
