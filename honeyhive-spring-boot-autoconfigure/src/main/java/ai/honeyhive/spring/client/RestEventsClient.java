package ai.honeyhive.spring.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.lang.Contract;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * {@link EventsClient} over Spring's {@link RestClient}. Bodies are written and read with
 * a JSON mapper of its own, so an application's message converters and Jackson settings
 * never change the wire format. Retryable failures (408, 429, 500 other than a partial
 * batch answer, 502, 503, 504, I/O errors and timeouts) are retried by Spring's
 * {@link RetryTemplate} with exponential backoff and jitter, honouring
 * {@code Retry-After}; all others raise at once.
 *
 * @since 0.1.0
 */
public final class RestEventsClient implements EventsClient {

	/** The {@code User-Agent} this client sends. */
	public static final String USER_AGENT = "honeyhive-spring-boot-starter/" + starterVersion();

	private static final int MAX_ERROR_BODY_BYTES = 64 * 1024;

	/**
	 * A partial batch answer lists the ids created and one error per event not created:
	 * cutting it would turn it into an unreadable 500 and the whole batch, created events
	 * included, would be sent again.
	 */
	private static final int MAX_BATCH_ERROR_BODY_BYTES = 4 * 1024 * 1024;

	private static final byte[] EMPTY = new byte[0];

	private final RestClient restClient;

	private final @Nullable String apiKey;

	private final String exportPath;

	private final ClientRetryPolicy.Settings retry;

	private final JsonMapper jsonMapper;

	private RestEventsClient(Builder builder) {
		this.apiKey = StringUtils.hasText(builder.apiKey) ? builder.apiKey : null;
		this.exportPath = builder.exportPath;
		this.retry = new ClientRetryPolicy.Settings(builder.maxAttempts, builder.initialInterval, builder.multiplier,
				builder.maxInterval, builder.maxElapsedTime);
		this.jsonMapper = JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
		ClientHttpRequestFactory requestFactory = (builder.requestFactory != null) ? builder.requestFactory
				: defaultRequestFactory(builder.connectTimeout, builder.readTimeout);
		RestClient.Builder restClientBuilder = (builder.restClientBuilder != null) ? builder.restClientBuilder.clone()
				: RestClient.builder();
		this.restClient = restClientBuilder.baseUrl(builder.baseUrl)
			.requestFactory(requestFactory)
			.defaultStatusHandler((status) -> true, (request, response) -> {
				// Statuses are handled in exchange(); never let a user's handler throw
			})
			.build();
	}

	private RestEventsClient(RestEventsClient source, ClientRetryPolicy.Settings retry) {
		this.apiKey = source.apiKey;
		this.exportPath = source.exportPath;
		this.retry = retry;
		this.jsonMapper = source.jsonMapper;
		this.restClient = source.restClient;
	}

	private static ClientHttpRequestFactory defaultRequestFactory(Duration connectTimeout, Duration readTimeout) {
		HttpClient httpClient = HttpClient.newBuilder().connectTimeout(connectTimeout).build();
		JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory(httpClient);
		requestFactory.setReadTimeout(readTimeout);
		return requestFactory;
	}

	/**
	 * Return a new builder.
	 * @return the builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	@Override
	public StartSessionResponse startSession(SessionStartRequest session) {
		Assert.notNull(session, "'session' must not be null");
		return call(HttpMethod.POST, "/session/start", Map.of("session", session), StartSessionResponse.class, false);
	}

	@Override
	public CreateEventResponse createEvent(CreateEventRequest event) {
		Assert.notNull(event, "'event' must not be null");
		return call(HttpMethod.POST, "/events", Map.of("event", event), CreateEventResponse.class, false);
	}

	@Override
	public void updateEvent(UpdateEventRequest update) {
		Assert.notNull(update, "'update' must not be null");
		call(HttpMethod.PUT, "/events", update, Void.class, false);
	}

	/**
	 * Return a client like this one (same HTTP client, key and paths) that makes a single
	 * attempt per call: for a caller that owns its retries, such as the publisher.
	 * @return the client
	 */
	public RestEventsClient withoutRetries() {
		return new RestEventsClient(this, new ClientRetryPolicy.Settings(1, this.retry.initialInterval(),
				this.retry.multiplier(), this.retry.maxInterval(), this.retry.maxElapsedTime()));
	}

	@Override
	public GetEventsResponse getEvents(GetEventsRequest query) {
		Assert.notNull(query, "'query' must not be null");
		GetEventsResponse response = call(HttpMethod.POST, this.exportPath, query, GetEventsResponse.class, false);
		if (response.events() == null) {
			throw new HoneyHiveApiException(200, null, "events query answered without an 'events' list", null, null);
		}
		return response;
	}

	@Override
	public CreateEventResponse createModelEvent(CreateModelEventRequest modelEvent) {
		Assert.notNull(modelEvent, "'modelEvent' must not be null");
		return call(HttpMethod.POST, "/events/model", Map.of("model_event", modelEvent), CreateEventResponse.class,
				false);
	}

	@Override
	public CreateEventBatchResponse createEventBatch(CreateEventBatchRequest batch) {
		Assert.notNull(batch, "'batch' must not be null");
		return call(HttpMethod.POST, "/events/batch", batch, CreateEventBatchResponse.class, true);
	}

	@Override
	public CreateEventBatchResponse createModelEventBatch(CreateModelEventBatchRequest batch) {
		Assert.notNull(batch, "'batch' must not be null");
		return call(HttpMethod.POST, "/events/model/batch", batch, CreateEventBatchResponse.class, true);
	}

	private void requireApiKey() {
		if (this.apiKey == null) {
			throw new HoneyHiveConfigurationException(
					"No HoneyHive API key is configured: set 'honeyhive.api-key' or the HH_API_KEY environment variable");
		}
	}

	private <T> T call(HttpMethod method, String path, Object body, Class<T> responseType, boolean batch) {
		requireApiKey();
		byte[] json = this.jsonMapper.writeValueAsBytes(body);
		ClientRetryPolicy policy = new ClientRetryPolicy(this.retry);
		try {
			return new RetryTemplate(policy).execute(() -> exchange(method, path, json, responseType, batch));
		}
		catch (RetryException ex) {
			Throwable last = ex.getCause();
			if (last instanceof HoneyHiveException honeyHiveException) {
				throw honeyHiveException;
			}
			throw new HoneyHiveTransportException(
					"HoneyHive call " + method + " " + path + " failed: " + describe(last), false, last);
		}
	}

	private <T> T exchange(HttpMethod method, String path, byte[] json, Class<T> responseType, boolean batch) {
		try {
			return this.restClient.method(method).uri(path).headers((headers) -> {
				headers.setBearerAuth(this.apiKey);
				headers.setContentType(MediaType.APPLICATION_JSON);
				headers.setAccept(List.of(MediaType.APPLICATION_JSON));
				headers.set("User-Agent", USER_AGENT);
			}).body(json).exchange((request, response) -> {
				int status = response.getStatusCode().value();
				if (status >= 200 && status < 300) {
					byte[] content = readAll(response.getBody());
					return readSuccess(content, responseType, status);
				}
				byte[] content = readAtMost(response.getBody(),
						(batch && status == 500) ? MAX_BATCH_ERROR_BODY_BYTES : MAX_ERROR_BODY_BYTES);
				throw toException(status, content, response.getHeaders().getFirst("Retry-After"), batch);
			});
		}
		catch (ResourceAccessException ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			throw new HoneyHiveTransportException(
					"HoneyHive call " + method + " " + path + " failed: " + describe(cause), isTimeout(cause), ex);
		}
	}

	@SuppressWarnings("unchecked")
	private <T> T readSuccess(byte[] content, Class<T> responseType, int status) {
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

	private static boolean isTimeout(Throwable ex) {
		int depth = 0;
		for (Throwable current = ex; current != null && depth < 10; current = current.getCause(), depth++) {
			if (current instanceof SocketTimeoutException || current instanceof HttpTimeoutException) {
				return true;
			}
		}
		return false;
	}

	private static String describe(@Nullable Throwable ex) {
		if (ex == null) {
			return "unknown error";
		}
		String message = ex.getMessage();
		return ex.getClass().getSimpleName() + (StringUtils.hasText(message) ? ": " + message : "");
	}

	private static String starterVersion() {
		try (InputStream in = RestEventsClient.class.getResourceAsStream("starter.properties")) {
			if (in != null) {
				Properties properties = new Properties();
				properties.load(in);
				String version = properties.getProperty("version");
				if (StringUtils.hasText(version) && !version.startsWith("$")) {
					return version;
				}
			}
		}
		catch (IOException ex) {
			// fall through
		}
		return "unknown";
	}

	@Override
	public String toString() {
		return "RestEventsClient[apiKey=" + ((this.apiKey != null) ? "******" : "none") + "]";
	}

	/**
	 * Builds a {@link RestEventsClient}.
	 */
	public static final class Builder {

		private String baseUrl = "https://api.honeyhive.ai";

		private @Nullable String apiKey;

		private Duration connectTimeout = Duration.ofSeconds(5);

		private Duration readTimeout = Duration.ofSeconds(30);

		private String exportPath = "/events/export";

		private int maxAttempts = 3;

		private Duration initialInterval = Duration.ofMillis(500);

		private double multiplier = 2.0;

		private Duration maxInterval = Duration.ofSeconds(5);

		private Duration maxElapsedTime = Duration.ofSeconds(15);

		private RestClient.@Nullable Builder restClientBuilder;

		private @Nullable ClientHttpRequestFactory requestFactory;

		private Builder() {
		}

		/**
		 * Set the API's base URL, {@code https://api.honeyhive.ai} by default.
		 * @param baseUrl the base URL
		 * @return this builder
		 */
		public Builder baseUrl(String baseUrl) {
			Assert.hasText(baseUrl, "'baseUrl' must not be empty");
			URI uri = URI.create(baseUrl);
			Assert.isTrue(uri.isAbsolute() && uri.getHost() != null, "'baseUrl' must be an absolute http(s) URL");
			this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
			return this;
		}

		/**
		 * Set the API key; without one every call fails with a
		 * {@link HoneyHiveConfigurationException}.
		 * @param apiKey the API key
		 * @return this builder
		 */
		public Builder apiKey(@Nullable String apiKey) {
			this.apiKey = apiKey;
			return this;
		}

		/**
		 * Set the connect timeout (unused when a request factory is given).
		 * @param connectTimeout the timeout
		 * @return this builder
		 */
		public Builder connectTimeout(Duration connectTimeout) {
			this.connectTimeout = positive(connectTimeout, "connectTimeout");
			return this;
		}

		/**
		 * Set the read timeout (unused when a request factory is given).
		 * @param readTimeout the timeout
		 * @return this builder
		 */
		public Builder readTimeout(Duration readTimeout) {
			this.readTimeout = positive(readTimeout, "readTimeout");
			return this;
		}

		/**
		 * Set the path of the events query, {@code /events/export} by default.
		 * @param exportPath the path
		 * @return this builder
		 */
		public Builder exportPath(String exportPath) {
			Assert.isTrue(StringUtils.hasText(exportPath) && exportPath.startsWith("/"),
					"'exportPath' must start with '/'");
			this.exportPath = exportPath;
			return this;
		}

		/**
		 * Set the most attempts of one call, the first included; 1 disables retries.
		 * @param maxAttempts the attempts
		 * @return this builder
		 */
		public Builder maxAttempts(int maxAttempts) {
			Assert.isTrue(maxAttempts >= 1, "'maxAttempts' must be at least 1");
			this.maxAttempts = maxAttempts;
			return this;
		}

		/**
		 * Set the delay before the first retry.
		 * @param initialInterval the delay
		 * @return this builder
		 */
		public Builder initialInterval(Duration initialInterval) {
			this.initialInterval = positive(initialInterval, "initialInterval");
			return this;
		}

		/**
		 * Set the factory applied to the delay after each retry.
		 * @param multiplier the multiplier, at least 1
		 * @return this builder
		 */
		public Builder multiplier(double multiplier) {
			Assert.isTrue(multiplier >= 1.0, "'multiplier' must be at least 1");
			this.multiplier = multiplier;
			return this;
		}

		/**
		 * Set the longest delay between two attempts.
		 * @param maxInterval the delay
		 * @return this builder
		 */
		public Builder maxInterval(Duration maxInterval) {
			this.maxInterval = positive(maxInterval, "maxInterval");
			return this;
		}

		/**
		 * Set the longest time spent retrying one call.
		 * @param maxElapsedTime the time
		 * @return this builder
		 */
		public Builder maxElapsedTime(Duration maxElapsedTime) {
			this.maxElapsedTime = positive(maxElapsedTime, "maxElapsedTime");
			return this;
		}

		/**
		 * Start from the given builder (cloned), so its customizations apply.
		 * @param restClientBuilder the builder
		 * @return this builder
		 */
		public Builder restClientBuilder(RestClient.Builder restClientBuilder) {
			this.restClientBuilder = restClientBuilder;
			return this;
		}

		/**
		 * Use the given request factory, which carries its own timeouts.
		 * @param requestFactory the request factory
		 * @return this builder
		 */
		public Builder requestFactory(ClientHttpRequestFactory requestFactory) {
			this.requestFactory = requestFactory;
			return this;
		}

		/**
		 * Build the client.
		 * @return the client
		 */
		public RestEventsClient build() {
			return new RestEventsClient(this);
		}

		private static Duration positive(Duration duration, String name) {
			Assert.isTrue(duration != null && !duration.isNegative() && !duration.isZero(),
					() -> "'" + name + "' must be positive");
			return duration;
		}

		@Override
		public String toString() {
			return "RestEventsClient.Builder[baseUrl=" + this.baseUrl + "]";
		}

	}

}
