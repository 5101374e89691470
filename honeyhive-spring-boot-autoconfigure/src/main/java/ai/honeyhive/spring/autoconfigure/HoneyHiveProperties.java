package ai.honeyhive.spring.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import ai.honeyhive.spring.publisher.SessionTransport;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.StringUtils;
import org.springframework.util.unit.DataSize;

/**
 * Configuration properties for HoneyHive, under {@code honeyhive}. The environment
 * variables of HoneyHive's own SDKs work as well: {@code HH_API_KEY}, {@code HH_API_URL}
 * and {@code HH_PROJECT}.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("honeyhive")
public class HoneyHiveProperties {

	/**
	 * Whether to enable HoneyHive: the client, tracing and the publisher.
	 */
	private boolean enabled = true;

	/**
	 * API key of the HoneyHive project. Without one the application starts, but nothing
	 * is sent. Falls back to the HH_API_KEY environment variable. An unresolved
	 * placeholder, such as ${HH_API_KEY} with that variable unset, counts as no key.
	 */
	private @Nullable String apiKey;

	/**
	 * Base URL of the HoneyHive API. Falls back to the HH_API_URL environment variable.
	 */
	private String baseUrl = "https://api.honeyhive.ai";

	/**
	 * Name of the HoneyHive project events belong to. Falls back to the HH_PROJECT
	 * environment variable, then to spring.application.name.
	 */
	private @Nullable String project;

	/**
	 * Source recorded on every event and session, such as "production" or "dev".
	 */
	private String source = "dev";

	private final Client client = new Client();

	private final Tracing tracing = new Tracing();

	private final Publisher publisher = new Publisher();

	private final Health health = new Health();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public @Nullable String getApiKey() {
		return this.apiKey;
	}

	public void setApiKey(@Nullable String apiKey) {
		this.apiKey = apiKey;
	}

	/**
	 * Return the API key to send: the one place the key is resolved. A blank value, or
	 * one holding a placeholder left unresolved (such as {@code ${HH_API_KEY}} with that
	 * variable unset), is no key rather than a key sent as written.
	 * @return the key, or {@code null} when none is set
	 */
	@Nullable String resolvedApiKey() {
		return isApiKey(this.apiKey) ? this.apiKey.strip() : null;
	}

	/**
	 * Return whether {@code value} can be an API key: neither blank nor an unresolved
	 * placeholder.
	 * @param value the value
	 * @return whether it is a key
	 */
	static boolean isApiKey(@Nullable String value) {
		return StringUtils.hasText(value) && !isUnresolvedPlaceholder(value);
	}

	/**
	 * Return whether {@code value} holds a placeholder that was left unresolved.
	 * @param value the value
	 * @return whether it holds {@code ${...}}
	 */
	static boolean isUnresolvedPlaceholder(@Nullable String value) {
		return value != null && value.contains("${");
	}

	public String getBaseUrl() {
		return this.baseUrl;
	}

	public void setBaseUrl(String baseUrl) {
		this.baseUrl = baseUrl;
	}

	public @Nullable String getProject() {
		return this.project;
	}

	public void setProject(@Nullable String project) {
		this.project = project;
	}

	public String getSource() {
		return this.source;
	}

	public void setSource(String source) {
		this.source = source;
	}

	public Client getClient() {
		return this.client;
	}

	public Tracing getTracing() {
		return this.tracing;
	}

	public Publisher getPublisher() {
		return this.publisher;
	}

	public Health getHealth() {
		return this.health;
	}

	@Override
	public String toString() {
		// The API key must never appear in logs or actuator output.
		return "HoneyHiveProperties{enabled=" + this.enabled + ", apiKey=" + ((this.apiKey != null) ? "******" : null)
				+ ", baseUrl=" + this.baseUrl + ", project=" + this.project + ", source=" + this.source + "}";
	}

	/**
	 * Settings of the HTTP client.
	 */
	public static class Client {

		/**
		 * Connect timeout of calls to the HoneyHive API.
		 */
		private Duration connectTimeout = Duration.ofSeconds(5);

		/**
		 * Read timeout of calls to the HoneyHive API.
		 */
		private Duration readTimeout = Duration.ofSeconds(30);

		/**
		 * Path of the events query (getEvents), to pin one. When unset, "/events/export"
		 * is tried first and, after a 404, "/v1/events/export" (the current server's
		 * path); whichever answered is used from then on.
		 */
		private @Nullable String exportPath;

		private final Retry retry = new Retry();

		public Duration getConnectTimeout() {
			return this.connectTimeout;
		}

		public void setConnectTimeout(Duration connectTimeout) {
			this.connectTimeout = connectTimeout;
		}

		public Duration getReadTimeout() {
			return this.readTimeout;
		}

		public void setReadTimeout(Duration readTimeout) {
			this.readTimeout = readTimeout;
		}

		public @Nullable String getExportPath() {
			return this.exportPath;
		}

		public void setExportPath(@Nullable String exportPath) {
			this.exportPath = exportPath;
		}

		public Retry getRetry() {
			return this.retry;
		}

	}

	/**
	 * Retries of failed calls (408, 429, 500, 502, 503, 504 and I/O errors).
	 */
	public static class Retry {

		/**
		 * Maximum number of attempts of one call, the first included. 1 disables retries.
		 */
		private int maxAttempts = 3;

		/**
		 * Delay before the first retry; later delays grow by the multiplier.
		 */
		private Duration initialInterval = Duration.ofMillis(500);

		/**
		 * Factor by which the delay grows after each retry.
		 */
		private double multiplier = 2.0;

		/**
		 * Longest delay between two attempts. A longer Retry-After from the server ends
		 * the retries.
		 */
		private Duration maxInterval = Duration.ofSeconds(5);

		/**
		 * Longest total time spent retrying one call.
		 */
		private Duration maxElapsedTime = Duration.ofSeconds(15);

		public int getMaxAttempts() {
			return this.maxAttempts;
		}

		public void setMaxAttempts(int maxAttempts) {
			this.maxAttempts = maxAttempts;
		}

		public Duration getInitialInterval() {
			return this.initialInterval;
		}

		public void setInitialInterval(Duration initialInterval) {
			this.initialInterval = initialInterval;
		}

		public double getMultiplier() {
			return this.multiplier;
		}

		public void setMultiplier(double multiplier) {
			this.multiplier = multiplier;
		}

		public Duration getMaxInterval() {
			return this.maxInterval;
		}

		public void setMaxInterval(Duration maxInterval) {
			this.maxInterval = maxInterval;
		}

		public Duration getMaxElapsedTime() {
			return this.maxElapsedTime;
		}

		public void setMaxElapsedTime(Duration maxElapsedTime) {
			this.maxElapsedTime = maxElapsedTime;
		}

	}

	/**
	 * Settings of {@code @TraceEvent} tracing.
	 */
	public static class Tracing {

		/**
		 * Whether to record @TraceEvent calls.
		 */
		private boolean enabled = true;

		/**
		 * Whether to capture the arguments of traced calls as the event's inputs.
		 */
		private boolean captureInputs = true;

		/**
		 * Whether to capture the return value of traced calls as the event's outputs.
		 */
		private boolean captureOutputs = true;

		/**
		 * Largest captured value, in its JSON form; a larger value is truncated with a
		 * visible marker.
		 */
		private DataSize maxValueSize = DataSize.ofKilobytes(16);

		/**
		 * Regular expressions, matched case-insensitively anywhere in a map key or
		 * parameter name, whose values are replaced by a fixed marker before anything
		 * leaves the process.
		 */
		private List<String> redactionPatterns = new ArrayList<>(
				List.of("password", "secret", "token(?!s)", "api[-_]?key", "authorization"));

		/**
		 * Name of the sessions opened implicitly by a traced call with no open session.
		 * Defaults to spring.application.name, else "application".
		 */
		private String sessionName = "application";

		/**
		 * Longest time an event of an asynchronous result (CompletionStage, Mono, Flux)
		 * stays open; after it the event is recorded as unfinished.
		 */
		private Duration asyncTimeout = Duration.ofMinutes(5);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public boolean isCaptureInputs() {
			return this.captureInputs;
		}

		public void setCaptureInputs(boolean captureInputs) {
			this.captureInputs = captureInputs;
		}

		public boolean isCaptureOutputs() {
			return this.captureOutputs;
		}

		public void setCaptureOutputs(boolean captureOutputs) {
			this.captureOutputs = captureOutputs;
		}

		public DataSize getMaxValueSize() {
			return this.maxValueSize;
		}

		public void setMaxValueSize(DataSize maxValueSize) {
			this.maxValueSize = maxValueSize;
		}

		public List<String> getRedactionPatterns() {
			return this.redactionPatterns;
		}

		public void setRedactionPatterns(List<String> redactionPatterns) {
			this.redactionPatterns = redactionPatterns;
		}

		public String getSessionName() {
			return this.sessionName;
		}

		public void setSessionName(String sessionName) {
			this.sessionName = sessionName;
		}

		public Duration getAsyncTimeout() {
			return this.asyncTimeout;
		}

		public void setAsyncTimeout(Duration asyncTimeout) {
			this.asyncTimeout = asyncTimeout;
		}

	}

	/**
	 * Settings of the batching publisher.
	 */
	public static class Publisher {

		/**
		 * Maximum number of records (events, session starts, updates) waiting to be sent;
		 * more are dropped and counted.
		 */
		private int maxQueueSize = 8192;

		/**
		 * Maximum estimated size of the records waiting to be sent; more are dropped and
		 * counted.
		 */
		private DataSize maxQueueBytes = DataSize.ofMegabytes(32);

		/**
		 * Maximum number of events sent in one batch call. Must not exceed
		 * max-queue-size.
		 */
		private int maxBatchSize = 256;

		/**
		 * Longest time an event waits for its batch to fill before the batch is sent
		 * anyway.
		 */
		private Duration scheduleDelay = Duration.ofSeconds(1);

		/**
		 * Maximum estimated size of one batch call; a single larger record is sent alone.
		 */
		private DataSize maxBatchBytes = DataSize.ofMegabytes(4);

		/**
		 * Maximum number of calls to HoneyHive in flight at once. Ordering is kept: an
		 * update leaves only after its target was acknowledged, and a session travels in
		 * the batch of its first events or an earlier one.
		 */
		private int maxConcurrentExports = 4;

		/**
		 * How the sessions the tracer creates are sent: 'batch' (as session events inside
		 * the batch call, with their end merged in) or 'start-endpoint' (POST
		 * /session/start). Sessions with a caller-supplied id always use the start
		 * endpoint, which merges a repeated start into the existing session.
		 */
		private SessionTransport sessionTransport = SessionTransport.BATCH;

		/**
		 * Longest time one batch may spend being retried. A pause the server asks for
		 * with Retry-After does not count: records wait it out as long as the queue has
		 * room.
		 */
		private Duration exportTimeout = Duration.ofSeconds(30);

		/**
		 * Longest time the application's shutdown waits for the queue to drain.
		 */
		private Duration shutdownTimeout = Duration.ofSeconds(10);

		public DataSize getMaxBatchBytes() {
			return this.maxBatchBytes;
		}

		public void setMaxBatchBytes(DataSize maxBatchBytes) {
			this.maxBatchBytes = maxBatchBytes;
		}

		public int getMaxConcurrentExports() {
			return this.maxConcurrentExports;
		}

		public void setMaxConcurrentExports(int maxConcurrentExports) {
			this.maxConcurrentExports = maxConcurrentExports;
		}

		public SessionTransport getSessionTransport() {
			return this.sessionTransport;
		}

		public void setSessionTransport(SessionTransport sessionTransport) {
			this.sessionTransport = sessionTransport;
		}

		public int getMaxQueueSize() {
			return this.maxQueueSize;
		}

		public void setMaxQueueSize(int maxQueueSize) {
			this.maxQueueSize = maxQueueSize;
		}

		public DataSize getMaxQueueBytes() {
			return this.maxQueueBytes;
		}

		public void setMaxQueueBytes(DataSize maxQueueBytes) {
			this.maxQueueBytes = maxQueueBytes;
		}

		public int getMaxBatchSize() {
			return this.maxBatchSize;
		}

		public void setMaxBatchSize(int maxBatchSize) {
			this.maxBatchSize = maxBatchSize;
		}

		public Duration getScheduleDelay() {
			return this.scheduleDelay;
		}

		public void setScheduleDelay(Duration scheduleDelay) {
			this.scheduleDelay = scheduleDelay;
		}

		public Duration getExportTimeout() {
			return this.exportTimeout;
		}

		public void setExportTimeout(Duration exportTimeout) {
			this.exportTimeout = exportTimeout;
		}

		public Duration getShutdownTimeout() {
			return this.shutdownTimeout;
		}

		public void setShutdownTimeout(Duration shutdownTimeout) {
			this.shutdownTimeout = shutdownTimeout;
		}

	}

	/**
	 * The "honeyhive" health component.
	 */
	public static class Health {

		/**
		 * Whether the "honeyhive" health component reports DOWN after repeated failed
		 * deliveries, which turns the application's overall health DOWN (HTTP 503). By
		 * default it reports DEGRADED, which its details explain but the overall status
		 * does not count, so a HoneyHive outage does not take the application out of a
		 * load balancer's rotation.
		 */
		private boolean downOnFailure;

		public boolean isDownOnFailure() {
			return this.downOnFailure;
		}

		public void setDownOnFailure(boolean downOnFailure) {
			this.downOnFailure = downOnFailure;
		}

	}

}
