package ai.honeyhive.spring.client;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.lang.Contract;

/**
 * Turns the Events API's answers into results or exceptions: reads a 2xx body (leniently,
 * except for a query), refuses a 2xx that says it failed or acknowledges fewer events
 * than were sent, maps other statuses to {@link HoneyHiveApiException}s, and keeps the
 * API key out of every text taken from the server.
 */
final class Answers {

	private static final int MAX_ERROR_BODY_BYTES = 64 * 1024;

	/**
	 * A partial batch answer lists the ids created and one error per event not created:
	 * cutting it would turn it into an unreadable 500 and the whole batch, created events
	 * included, would be sent again.
	 */
	private static final int MAX_BATCH_ERROR_BODY_BYTES = 4 * 1024 * 1024;

	private static final byte[] EMPTY = new byte[0];

	private final JsonMapper jsonMapper;

	private final @Nullable String apiKey;

	Answers(JsonMapper jsonMapper, @Nullable String apiKey) {
		this.jsonMapper = jsonMapper;
		this.apiKey = apiKey;
	}

	/**
	 * Read a 2xx answer.
	 * @param batchSize the number of events sent in a batch call, {@code -1} for a call
	 * that is not a batch
	 */
	<T> T success(@Nullable InputStream body, Class<T> responseType, int status, int batchSize) throws IOException {
		byte[] content = readAll(body);
		return checkSuccess(read(content, responseType, status), content, status, batchSize);
	}

	/**
	 * Read an answer other than 2xx into the exception to raise.
	 */
	HoneyHiveApiException failure(@Nullable InputStream body, int status, @Nullable String retryAfterHeader,
			boolean batch) throws IOException {
		byte[] content = readAtMost(body, (batch && status == 500) ? MAX_BATCH_ERROR_BODY_BYTES : MAX_ERROR_BODY_BYTES);
		return toException(status, content, retryAfterHeader, batch);
	}

	@SuppressWarnings("unchecked")
	private <T> T read(byte[] content, Class<T> responseType, int status) {
		if (responseType == Void.class) {
			return (T) null;
		}
		if (content.length == 0) {
			return emptyResponse(responseType);
		}
		try {
			return this.jsonMapper.readValue(content, responseType);
		}
		catch (RuntimeException ex) {
			if (responseType == GetEventsResponse.class) {
				throw new HoneyHiveApiException(status, null, "the response is not valid JSON",
						withoutApiKey(new String(content, StandardCharsets.UTF_8)), null);
			}
			// The call succeeded; an unreadable acknowledgement must not turn it into a
			// failure that a caller would retry.
			return emptyResponse(responseType);
		}
	}

	/**
	 * A 2xx answer that says the call failed, or a batch answer that lists fewer ids than
	 * events were sent, is not a success: the events it does not acknowledge were not
	 * delivered.
	 */
	private <T> T checkSuccess(T response, byte[] content, int status, int batchSize) {
		Boolean success = null;
		if (response instanceof CreateEventBatchResponse batchResponse) {
			List<String> eventIds = batchResponse.eventIds();
			if (eventIds != null && eventIds.size() < batchSize) {
				throw new HoneyHivePartialBatchException(status, eventIds, List.of(), body(content),
						"batch answered HTTP " + status + " but acknowledged " + eventIds.size() + " of " + batchSize
								+ " events");
			}
			success = batchResponse.success();
		}
		else if (response instanceof CreateEventResponse eventResponse) {
			success = eventResponse.success();
		}
		if (Boolean.FALSE.equals(success)) {
			throw new HoneyHiveApiException(status, null, "the server answered \"success\": false", body(content),
					null);
		}
		return response;
	}

	private String body(byte[] content) {
		return withoutApiKey(new String(content, StandardCharsets.UTF_8));
	}

	@SuppressWarnings("unchecked")
	private static <T> T emptyResponse(Class<T> responseType) {
		if (responseType == StartSessionResponse.class) {
			return (T) new StartSessionResponse(null);
		}
		if (responseType == CreateEventResponse.class) {
			return (T) new CreateEventResponse(null, null);
		}
		if (responseType == CreateEventBatchResponse.class) {
			return (T) new CreateEventBatchResponse(null, null, null);
		}
		return (T) new GetEventsResponse(null, null);
	}

	private HoneyHiveApiException toException(int status, byte[] content, @Nullable String retryAfterHeader,
			boolean batch) {
		String body = withoutApiKey(new String(content, StandardCharsets.UTF_8));
		JsonNode json = parseJson(content);
		if (batch && status == 500 && json != null && json.path("event_ids").isArray()) {
			return new HoneyHivePartialBatchException(status, strings(json.path("event_ids")),
					strings(json.path("errors")).stream().map(this::withoutApiKey).toList(), body);
		}
		String errorCode = null;
		String message = null;
		if (json != null && json.isObject()) {
			errorCode = withoutApiKey(text(json, "errorCode", "error_code", "code"));
			message = withoutApiKey(text(json, "message", "error", "detail"));
		}
		return new HoneyHiveApiException(status, errorCode, message, (json != null && message != null) ? null : body,
				RetryAfter.parse(retryAfterHeader));
	}

	/**
	 * Mask the API key in text from the server: a server or proxy that echoes the
	 * request's headers must not put the key into exception messages and logs.
	 */
	@Contract("null -> null; !null -> !null")
	private @Nullable String withoutApiKey(@Nullable String text) {
		if (text == null || this.apiKey == null) {
			return text;
		}
		return text.replace(this.apiKey, "******");
	}

	private @Nullable JsonNode parseJson(byte[] content) {
		if (content.length == 0 || (content[0] != '{' && content[0] != '[')) {
			return null;
		}
		try {
			return this.jsonMapper.readTree(content);
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	private static @Nullable String text(JsonNode json, String... names) {
		for (String name : names) {
			JsonNode value = json.get(name);
			if (value != null && value.isString()) {
				return value.asString();
			}
		}
		return null;
	}

	private static List<String> strings(JsonNode array) {
		List<String> values = new ArrayList<>();
		if (array.isArray()) {
			for (JsonNode value : array) {
				values.add(value.isString() ? value.asString() : value.toString());
			}
		}
		return values;
	}

	private static byte[] readAll(@Nullable InputStream body) throws IOException {
		return (body != null) ? body.readAllBytes() : EMPTY;
	}

	private static byte[] readAtMost(@Nullable InputStream body, int limit) throws IOException {
		if (body == null) {
			return EMPTY;
		}
		// A huge error page is cut, not read in full; the connection is not reused then
		return body.readNBytes(limit);
	}

}
