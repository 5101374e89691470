package ai.honeyhive.spring.client;

import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.JdkClientHttpRequestFactory;
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
 * {@code Retry-After}; all others raise at once. A failure that is neither an HTTP answer
 * nor an I/O error (an interceptor's or converter's exception, a bug) is not retried and
 * propagates unchanged.
 * <p>
 * Requests are checked before they leave ({@link IllegalArgumentException} naming the
 * missing field). A 2xx answer is not taken for success when it says
 * {@code "success": false} ({@link HoneyHiveApiException}, not retryable) or when a batch
 * answer lists fewer {@code event_ids} than events were sent
 * ({@link HoneyHivePartialBatchException}). Unless an export path is set, the events
 * query tries {@code /events/export} and, after a 404, {@code /v1/events/export}, and
 * keeps the one that answered.
 *
 * @since 0.1.0
 */
public final class RestEventsClient implements EventsClient {

	/** The {@code User-Agent} this client sends. */
	public static final String USER_AGENT = "honeyhive-spring-boot-starter/" + StarterVersion.get();

	private static final Pattern BEARER_PREFIX = Pattern.compile("(?i)^bearer(\\s+|$)");

	private final RestClient restClient;

	private final @Nullable String apiKey;

	private final ExportPath exportPath;

	private final ClientRetryPolicy.Settings retry;

	private final JsonMapper jsonMapper;

	private final Answers answers;

	/** Scheme, host and port of the base URL, named in transport failures. */
	private final String host;

	private RestEventsClient(Builder builder) {
		this.apiKey = normalizeApiKey(builder.apiKey);
		this.exportPath = new ExportPath(builder.exportPath);
		this.retry = new ClientRetryPolicy.Settings(builder.maxAttempts, builder.initialInterval, builder.multiplier,
				builder.maxInterval, builder.maxElapsedTime);
		this.jsonMapper = JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
		this.answers = new Answers(this.jsonMapper, this.apiKey);
		URI base = URI.create(builder.baseUrl);
		this.host = base.getScheme() + "://" + base.getHost() + ((base.getPort() != -1) ? ":" + base.getPort() : "");
		ClientHttpRequestFactory requestFactory = (builder.requestFactory != null) ? builder.requestFactory
				: defaultRequestFactory(builder.connectTimeout, builder.readTimeout);
		RestClient.Builder restClientBuilder = (builder.restClientBuilder != null) ? builder.restClientBuilder.clone()
				: RestClient.builder();
		restClientBuilder.baseUrl(builder.baseUrl).requestFactory(requestFactory);
		for (HoneyHiveRestClientCustomizer customizer : builder.customizers) {
			customizer.customize(restClientBuilder);
		}
		this.restClient = restClientBuilder.defaultStatusHandler((status) -> true, (request, response) -> {
			// Statuses are handled in exchange(); never let a user's handler throw
		}).build();
	}

	/**
	 * A key is sent as {@code Authorization: Bearer <key>}: a key configured with the
	 * prefix, or with surrounding blanks, must not be sent as {@code Bearer Bearer ...}.
	 */
	private static @Nullable String normalizeApiKey(@Nullable String apiKey) {
		if (!StringUtils.hasText(apiKey)) {
			return null;
		}
		String key = BEARER_PREFIX.matcher(apiKey.strip()).replaceFirst("").strip();
		return StringUtils.hasText(key) ? key : null;
	}

	private RestEventsClient(RestEventsClient source, ClientRetryPolicy.Settings retry) {
		this.apiKey = source.apiKey;
		this.exportPath = source.exportPath;
		this.retry = retry;
		this.jsonMapper = source.jsonMapper;
		this.answers = source.answers;
		this.host = source.host;
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
		RequestChecks.check(event, "event");
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
		RequestChecks.check(query);
		GetEventsResponse response = this.exportPath
			.query((path) -> call(HttpMethod.POST, path, query, GetEventsResponse.class, false));
		if (response.events() == null) {
			throw new HoneyHiveApiException(200, null, "events query answered without an 'events' list", null, null);
		}
		return response;
	}

	@Override
	public CreateEventResponse createModelEvent(CreateModelEventRequest modelEvent) {
		Assert.notNull(modelEvent, "'modelEvent' must not be null");
		RequestChecks.check(modelEvent, "model_event");
		return call(HttpMethod.POST, "/events/model", Map.of("model_event", modelEvent), CreateEventResponse.class,
				false);
	}

	@Override
	public CreateEventBatchResponse createEventBatch(CreateEventBatchRequest batch) {
		Assert.notNull(batch, "'batch' must not be null");
		RequestChecks.check(batch);
		return call(HttpMethod.POST, "/events/batch", batch, CreateEventBatchResponse.class, batch.events().size());
	}

	@Override
	public CreateEventBatchResponse createModelEventBatch(CreateModelEventBatchRequest batch) {
		Assert.notNull(batch, "'batch' must not be null");
		RequestChecks.check(batch);
		return call(HttpMethod.POST, "/events/model/batch", batch, CreateEventBatchResponse.class,
				batch.modelEvents().size());
	}

	private void requireApiKey() {
		if (this.apiKey == null) {
			throw new HoneyHiveConfigurationException(
					"No HoneyHive API key is configured: set 'honeyhive.api-key' or the HH_API_KEY environment variable");
		}
	}

	private <T> T call(HttpMethod method, String path, Object body, Class<T> responseType, boolean batch) {
		// Batch calls pass the number of events they send instead
		Assert.isTrue(!batch, "batch calls pass their size");
		return call(method, path, body, responseType, -1);
	}

	/**
	 * Make the call, with retries.
	 * @param batchSize the number of events sent in a batch call, {@code -1} for a call
	 * that is not a batch
	 */
	private <T> T call(HttpMethod method, String path, Object body, Class<T> responseType, int batchSize) {
		requireApiKey();
		byte[] json = this.jsonMapper.writeValueAsBytes(body);
		ClientRetryPolicy policy = new ClientRetryPolicy(this.retry);
		try {
			return new RetryTemplate(policy).execute(() -> exchange(method, path, json, responseType, batchSize));
		}
		catch (RetryException ex) {
			Throwable last = ex.getCause();
			if (last instanceof HoneyHiveException honeyHiveException) {
				throw honeyHiveException;
			}
			// Neither an HTTP answer nor an I/O error: an interceptor's or converter's
			// failure, a bug. Trying again gives the same result, so it is not dressed up
			// as a (retryable) transport failure.
			if (last instanceof RuntimeException runtimeException) {
				throw runtimeException;
			}
			if (last instanceof Error error) {
				throw error;
			}
			throw new IllegalStateException("HoneyHive call " + method + " " + path + " failed: " + describe(last),
					last);
		}
	}

	private <T> T exchange(HttpMethod method, String path, byte[] json, Class<T> responseType, int batchSize) {
		boolean batch = batchSize >= 0;
		try {
			return this.restClient.method(method).uri(path).headers((headers) -> {
				headers.setBearerAuth(this.apiKey);
				headers.setContentType(MediaType.APPLICATION_JSON);
				headers.setAccept(List.of(MediaType.APPLICATION_JSON));
				headers.set("User-Agent", USER_AGENT);
			}).body(json).exchange((request, response) -> {
				int status = response.getStatusCode().value();
				if (status >= 200 && status < 300) {
					return this.answers.success(response.getBody(), responseType, status, batchSize);
				}
				throw this.answers.failure(response.getBody(), status, response.getHeaders().getFirst("Retry-After"),
						batch);
			});
		}
		catch (ResourceAccessException ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			throw new HoneyHiveTransportException(
					"HoneyHive call " + method + " " + this.host + path + " failed: " + describe(cause),
					isTimeout(cause), ex);
		}
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

	@Override
	public String toString() {
		return "RestEventsClient[apiKey=" + ((this.apiKey != null) ? "******" : "none") + "]";
	}

	/**
	 * Builds a {@link RestEventsClient}.
	 */
	public static final class Builder {

		// Package-visible so a test can hold them equal to the honeyhive.* defaults

		String baseUrl = "https://api.honeyhive.ai";

		private @Nullable String apiKey;

		Duration connectTimeout = Duration.ofSeconds(5);

		Duration readTimeout = Duration.ofSeconds(30);

		@Nullable String exportPath;

		int maxAttempts = 3;

		Duration initialInterval = Duration.ofMillis(500);

		double multiplier = 2.0;

		Duration maxInterval = Duration.ofSeconds(5);

		Duration maxElapsedTime = Duration.ofSeconds(15);

		private RestClient.@Nullable Builder restClientBuilder;

		private @Nullable ClientHttpRequestFactory requestFactory;

		private final List<HoneyHiveRestClientCustomizer> customizers = new ArrayList<>();

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
		 * Pin the path of the events query. Unset, {@code /events/export} is tried first
		 * and {@code /v1/events/export} (the current server's path) after a 404, and
		 * whichever answered is used from then on.
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
		 * Add customizers of the {@link RestClient.Builder}, applied in this order after
		 * the base URL and the request factory are set.
		 * @param customizers the customizers
		 * @return this builder
		 */
		public Builder customizers(List<? extends HoneyHiveRestClientCustomizer> customizers) {
			Assert.noNullElements(customizers, "'customizers' must not contain null elements");
			this.customizers.addAll(customizers);
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
