package ai.honeyhive.spring.sample.assistant;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;

import ai.honeyhive.spring.client.Event;
import ai.honeyhive.spring.client.EventFilter;
import ai.honeyhive.spring.client.EventsClient;
import ai.honeyhive.spring.client.GetEventsRequest;
import ai.honeyhive.spring.client.HoneyHiveApiException;
import ai.honeyhive.spring.client.HoneyHiveException;
import ai.honeyhive.spring.client.UpdateEventRequest;
import ai.honeyhive.spring.tracing.HoneyHiveTracer;
import ai.honeyhive.spring.tracing.SessionOptions;
import ai.honeyhive.spring.tracing.SessionScope;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The assistant's HTTP API: chat turns (each a HoneyHive session, or a turn of one when
 * the client sends its conversation's {@code sessionId}), streamed answers, feedback on
 * an answer, and the events of a session read back from HoneyHive.
 */
@RestController
@RequestMapping("/api")
public class ChatController {

	private static final String SESSION_NAME = "support-chat";

	private final AssistantService assistant;

	private final HoneyHiveTracer tracer;

	private final ObjectProvider<EventsClient> events;

	private final @Nullable String project;

	// With honeyhive.enabled=false the starter defines no beans: a disabled tracer still
	// opens sessions (recording nothing), so the assistant answers the same way.
	public ChatController(AssistantService assistant, ObjectProvider<HoneyHiveTracer> tracer,
			ObjectProvider<EventsClient> events, @Value("${honeyhive.project:}") String project) {
		this.assistant = assistant;
		this.tracer = tracer.getIfAvailable(HoneyHiveTracer::disabled);
		this.events = events;
		this.project = StringUtils.hasText(project) ? project : null;
	}

	/**
	 * Answer a message. The answer names the session (send it back to continue the
	 * conversation in the same session) and the turn's event to rate.
	 * @param request the message and, optionally, the conversation's session id
	 * @return the answer
	 */
	@PostMapping("/chat")
	public ChatResponse chat(@RequestBody ChatRequest request) {
		String message = requireText(request.message(), "message");
		String sessionId = StringUtils.hasText(request.sessionId()) ? request.sessionId()
				: UUID.randomUUID().toString();
		SessionOptions options = SessionOptions.builder(SESSION_NAME)
			.sessionId(sessionId)
			.input("message", message)
			.metadata("channel", "api")
			.userProperty("client", "sample-app")
			.build();
		try (SessionScope session = this.tracer.startSession(options)) {
			Answer answer = this.assistant.answer(message);
			session.enrichment().outputs("answer", answer.text());
			return new ChatResponse(session.sessionId(), answer.eventId(), answer.text(), answer.sources());
		}
	}

	/**
	 * Stream the answer to a message as server-sent events, one per token. The stream is
	 * a session of its own, which ends when the stream does.
	 * @param message the message
	 * @return the tokens
	 */
	@GetMapping(path = "/chat/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	public Flux<String> stream(@RequestParam String message) {
		return this.assistant.streamAnswer(requireText(message, "message"));
	}

	/**
	 * Record a user's rating of an answer on its event.
	 * @param request the event's id, the rating and an optional comment
	 * @return 202 once the update is handed over
	 */
	@PostMapping("/feedback")
	public ResponseEntity<Map<String, Object>> feedback(@RequestBody FeedbackRequest request) {
		String eventId = requireText(request.eventId(), "eventId");
		if (request.rating() == null) {
			throw new IllegalArgumentException("'rating' is required");
		}
		Map<String, @Nullable Object> feedback = new LinkedHashMap<>();
		feedback.put("rating", request.rating());
		if (StringUtils.hasText(request.comment())) {
			feedback.put("comment", request.comment());
		}
		eventsClient().updateEvent(UpdateEventRequest.builder(eventId).feedback(feedback).build());
		return ResponseEntity.accepted().body(Map.of("eventId", eventId, "feedback", feedback));
	}

	/**
	 * Read a session's events back from HoneyHive. Events reach HoneyHive within the
	 * publisher's schedule delay (a second by default) of their end.
	 * @param sessionId the session's id
	 * @return the events, the session's root event included
	 */
	@GetMapping("/sessions/{sessionId}/events")
	public List<Event> sessionEvents(@PathVariable String sessionId) {
		return eventsClient().getEvents(GetEventsRequest.of(this.project, EventFilter.is("session_id", sessionId)))
			.events();
	}

	private EventsClient eventsClient() {
		return this.events.getIfAvailable(() -> {
			throw new IllegalStateException("HoneyHive is disabled (honeyhive.enabled=false)");
		});
	}

	@ExceptionHandler(IllegalArgumentException.class)
	ProblemDetail badRequest(IllegalArgumentException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
	}

	@ExceptionHandler(IllegalStateException.class)
	ProblemDetail unavailable(IllegalStateException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, ex.getMessage());
	}

	@ExceptionHandler(HoneyHiveException.class)
	ProblemDetail honeyHiveFailure(HoneyHiveException ex) {
		HttpStatus status = (ex instanceof HoneyHiveApiException api && api.getStatusCode() == 404)
				? HttpStatus.NOT_FOUND : HttpStatus.BAD_GATEWAY;
		return ProblemDetail.forStatusAndDetail(status, ex.getMessage());
	}

	private static String requireText(@Nullable String value, String name) {
		if (!StringUtils.hasText(value)) {
			throw new IllegalArgumentException("'" + name + "' is required");
		}
		return value.strip();
	}

	/**
	 * A chat turn.
	 *
	 * @param sessionId the conversation's session id, to continue it
	 * @param message the user's message
	 */
	public record ChatRequest(@Nullable String sessionId, @Nullable String message) {

	}

	/**
	 * The answer to a chat turn.
	 *
	 * @param sessionId the session the turn belongs to
	 * @param eventId the turn's event to rate with {@code POST /api/feedback}
	 * @param answer the answer
	 * @param sources the titles of the documents used
	 */
	public record ChatResponse(String sessionId, @Nullable String eventId, String answer, List<String> sources) {

	}

	/**
	 * Feedback on an answer.
	 *
	 * @param eventId the turn's event
	 * @param rating the rating, such as 1 to 5
	 * @param comment an optional comment
	 */
	public record FeedbackRequest(@Nullable String eventId, @Nullable Integer rating, @Nullable String comment) {

	}

}
