package ai.honeyhive.spring.collector;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import jakarta.servlet.http.HttpServletRequest;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The HoneyHive Events API paths the starter uses, served under {@code {base-path}/api}:
 * bodies are checked against the API's required fields and types, and errors are answered
 * in the API's error shape {@code {"statusCode", "message", "success": false,
 * "errorCode"}}.
 */
@RestController
@RequestMapping(path = "${" + CollectorProperties.BASE_PATH + ":" + CollectorProperties.DEFAULT_BASE_PATH + "}"
		+ CollectorProperties.API_PATH, produces = MediaType.APPLICATION_JSON_VALUE)
@ConditionalOnBooleanProperty(name = CollectorProperties.ENABLED, matchIfMissing = true)
class CollectorController {

	private static final Log logger = LogFactory.getLog(CollectorController.class);

	private static final String AUTHORIZATION = "Authorization";

	private final CollectorStore store;

	private final JsonMapper jsonMapper;

	CollectorController(CollectorStore store, JsonMapper jsonMapper) {
		this.store = store;
		this.jsonMapper = jsonMapper;
	}

	@PostMapping("/session/start")
	Map<String, Object> startSession(@RequestHeader(name = AUTHORIZATION, required = false) @Nullable String auth,
			@RequestBody(required = false) @Nullable String body) {
		Map<String, @Nullable Object> request = read(auth, body);
		Map<String, @Nullable Object> session = RequestValidator.requireObject(request, "session");
		RequestValidator.validate(session, RequestValidator.SESSION_START, "session.");
		String sessionId = this.store.startSession(EventDocuments.session(session, this.store.now()));
		return Map.of("session_id", sessionId);
	}

	@PostMapping("/events")
	Map<String, Object> createEvent(@RequestHeader(name = AUTHORIZATION, required = false) @Nullable String auth,
			@RequestBody(required = false) @Nullable String body) {
		Map<String, @Nullable Object> request = read(auth, body);
		Map<String, @Nullable Object> event = RequestValidator.requireObject(request, "event");
		validateEvent(event, "event.");
		String eventId = this.store.addEvent(EventDocuments.event(event, this.store.now()), null);
		return created(eventId);
	}

	@PutMapping("/events")
	ResponseEntity<Void> updateEvent(@RequestHeader(name = AUTHORIZATION, required = false) @Nullable String auth,
			@RequestBody(required = false) @Nullable String body) {
		Map<String, @Nullable Object> update = read(auth, body);
		RequestValidator.validate(update, RequestValidator.UPDATE_EVENT, "");
		if (!this.store.updateEvent(update)) {
			throw new CollectorApiException(HttpStatus.NOT_FOUND, "EVENT_NOT_FOUND",
					"Event '" + update.get("event_id") + "' not found");
		}
		// The API answers an update with an empty body.
		return ResponseEntity.ok().build();
	}

	@PostMapping("/events/batch")
	Map<String, Object> createEventBatch(@RequestHeader(name = AUTHORIZATION, required = false) @Nullable String auth,
			@RequestBody(required = false) @Nullable String body) {
		Map<String, @Nullable Object> request = read(auth, body);
		List<Map<String, @Nullable Object>> events = RequestValidator.requireObjectArray(request, "events");
		for (int i = 0; i < events.size(); i++) {
			validateEvent(events.get(i), "events[" + i + "].");
		}
		return storeBatch(request, events, EventDocuments::event);
	}

	@PostMapping("/events/model")
	Map<String, Object> createModelEvent(@RequestHeader(name = AUTHORIZATION, required = false) @Nullable String auth,
			@RequestBody(required = false) @Nullable String body) {
		Map<String, @Nullable Object> request = read(auth, body);
		Map<String, @Nullable Object> modelEvent = RequestValidator.requireObject(request, "model_event");
		RequestValidator.validate(modelEvent, RequestValidator.CREATE_MODEL_EVENT, "model_event.");
		String eventId = this.store.addEvent(EventDocuments.modelEvent(modelEvent, this.store.now()), null);
		return created(eventId);
	}

	@PostMapping("/events/model/batch")
	Map<String, Object> createModelEventBatch(
			@RequestHeader(name = AUTHORIZATION, required = false) @Nullable String auth,
			@RequestBody(required = false) @Nullable String body) {
		Map<String, @Nullable Object> request = read(auth, body);
		List<Map<String, @Nullable Object>> events = RequestValidator.requireObjectArray(request, "model_events");
		for (int i = 0; i < events.size(); i++) {
			RequestValidator.validate(events.get(i), RequestValidator.CREATE_MODEL_EVENT, "model_events[" + i + "].");
		}
		return storeBatch(request, events, EventDocuments::modelEvent);
	}

	@PostMapping({ "/events/export", "/v1/events/export" })
	Map<String, Object> exportEvents(@RequestHeader(name = AUTHORIZATION, required = false) @Nullable String auth,
			@RequestBody(required = false) @Nullable String body) {
		Map<String, @Nullable Object> request = read(auth, body);
		CollectorStore.ExportResult result = this.store.export(EventQuery.parse(request));
		Map<String, Object> response = new LinkedHashMap<>();
		response.put("events", result.events());
		response.put("totalEvents", result.totalEvents());
		return response;
	}

	/**
	 * Answers any other path under the prefix as the API does, rather than with the
	 * application's own error page.
	 */
	@RequestMapping("/**")
	void notFound(HttpServletRequest request) {
		throw new CollectorApiException(HttpStatus.NOT_FOUND, "NOT_FOUND",
				"No route for " + request.getMethod() + " " + request.getRequestURI());
	}

	@ExceptionHandler
	ResponseEntity<Map<String, Object>> handle(CollectorApiException ex) {
		if (logger.isDebugEnabled()) {
			logger.debug("Collector answered " + ex.getStatus().value() + ": " + ex.getMessage());
		}
		return error(ex.getStatus(), ex.getErrorCode(), String.valueOf(ex.getMessage()));
	}

	static ResponseEntity<Map<String, Object>> error(HttpStatus status, String errorCode, String message) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("statusCode", status.value());
		body.put("message", message);
		body.put("success", false);
		body.put("errorCode", errorCode);
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body);
	}

	private void validateEvent(Map<String, @Nullable Object> event, String prefix) {
		RequestValidator.validate(event, RequestValidator.CREATE_EVENT, prefix);
		RequestValidator.validateEventType(event, prefix);
	}

	/**
	 * Stores a validated batch. With {@code is_single_session} every event joins one
	 * session (that of {@code session_properties}, else a new one); otherwise events
	 * without a session join that of {@code session_properties} or get their own.
	 */
	private Map<String, Object> storeBatch(Map<String, @Nullable Object> request,
			List<Map<String, @Nullable Object>> events,
			BiFunction<Map<String, @Nullable Object>, Long, Map<String, @Nullable Object>> toDocument) {
		Object singleSession = request.get("is_single_session");
		if (singleSession != null && !(singleSession instanceof Boolean)) {
			throw CollectorApiException.invalid("is_single_session", RequestValidator.Kind.BOOLEAN.expectation());
		}
		Map<String, @Nullable Object> sessionProperties = null;
		if (request.get("session_properties") != null) {
			sessionProperties = RequestValidator.requireObject(request, "session_properties");
			RequestValidator.validate(sessionProperties, RequestValidator.SESSION_PROPERTIES, "session_properties.");
		}
		String batchSessionId = (sessionProperties != null) ? (String) sessionProperties.get("session_id") : null;
		if (Boolean.TRUE.equals(singleSession) && batchSessionId == null) {
			batchSessionId = EventDocuments.newId();
		}
		long now = this.store.now();
		List<String> eventIds = new ArrayList<>(events.size());
		String firstSessionId = batchSessionId;
		for (Map<String, @Nullable Object> event : events) {
			Map<String, @Nullable Object> doc = toDocument.apply(event, now);
			if (Boolean.TRUE.equals(singleSession) || (doc.get("session_id") == null && batchSessionId != null)) {
				doc.put("session_id", batchSessionId);
			}
			if (EventDocuments.SESSION.equals(doc.get("event_type"))) {
				// The current server takes sessions as session events in a batch: the
				// session's id is its event id, and it has no parent
				doc.put("session_id", doc.get("event_id"));
				doc.put("parent_id", null);
				eventIds.add(this.store.startSession(doc));
			}
			else {
				eventIds.add(this.store.addEvent(doc, sessionProperties));
			}
			if (firstSessionId == null) {
				firstSessionId = (String) doc.get("session_id");
			}
		}
		Map<String, Object> response = new LinkedHashMap<>();
		response.put("event_ids", eventIds);
		if (firstSessionId != null) {
			response.put("session_id", firstSessionId);
		}
		response.put("success", true);
		return response;
	}

	private static Map<String, Object> created(String eventId) {
		Map<String, Object> response = new LinkedHashMap<>();
		response.put("event_id", eventId);
		response.put("success", true);
		return response;
	}

	/**
	 * Checks the bearer token, then parses the body, which must be a JSON object.
	 */
	@SuppressWarnings("unchecked")
	private Map<String, @Nullable Object> read(@Nullable String authorization, @Nullable String body) {
		if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)
				|| authorization.substring(7).isBlank()) {
			throw new CollectorApiException(HttpStatus.UNAUTHORIZED, "UNAUTHORIZED",
					"Missing or malformed Authorization header, expected 'Bearer <api key>'");
		}
		if (body == null || body.isBlank()) {
			throw new CollectorApiException(HttpStatus.BAD_REQUEST, "INVALID_JSON", "Request body is required");
		}
		Object parsed;
		try {
			parsed = this.jsonMapper.readValue(body, Object.class);
		}
		catch (JacksonException ex) {
			throw new CollectorApiException(HttpStatus.BAD_REQUEST, "INVALID_JSON",
					"Malformed JSON in request body: " + ex.getOriginalMessage());
		}
		if (!(parsed instanceof Map)) {
			throw new CollectorApiException(HttpStatus.BAD_REQUEST, "INVALID_JSON",
					"Request body must be a JSON object");
		}
		return (Map<String, @Nullable Object>) parsed;
	}

}
