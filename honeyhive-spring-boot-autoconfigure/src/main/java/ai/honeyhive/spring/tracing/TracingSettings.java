package ai.honeyhive.spring.tracing;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Settings of a {@link HoneyHiveTracer}.
 *
 * @param project the project recorded on events and sessions, may be {@code null}
 * @param source the source recorded on events and sessions, such as {@code production}
 * @param sessionName the name of sessions opened implicitly by a traced call
 * @param captureInputs whether to capture arguments as inputs
 * @param captureOutputs whether to capture return values as outputs
 * @param maxValueSize the largest captured value, in characters of its JSON form
 * @param redactionPatterns regular expressions matched case-insensitively anywhere in map
 * keys and parameter names whose values are redacted
 * @param asyncTimeout the longest time the event of an asynchronous result stays open
 * @since 0.1.0
 */
public record TracingSettings(@Nullable String project, String source, String sessionName, boolean captureInputs,
		boolean captureOutputs, int maxValueSize, List<String> redactionPatterns, Duration asyncTimeout) {

	/**
	 * The default redaction patterns. {@code token(?!s)} hides {@code access_token} but
	 * not {@code max_tokens} or {@code prompt_tokens}.
	 */
	public static final List<String> DEFAULT_REDACTION_PATTERNS = List.of("password", "secret", "token(?!s)",
			"api[-_]?key", "authorization");

	public TracingSettings {
		Assert.notNull(source, "'source' must not be null");
		Assert.notNull(sessionName, "'sessionName' must not be null");
		Assert.isTrue(maxValueSize > 0, "'maxValueSize' must be positive");
		Assert.notNull(redactionPatterns, "'redactionPatterns' must not be null");
		Assert.isTrue(asyncTimeout != null && !asyncTimeout.isNegative() && !asyncTimeout.isZero(),
				"'asyncTimeout' must be positive");
		redactionPatterns = List.copyOf(redactionPatterns);
	}

	/**
	 * Return the defaults: no project, source {@code dev}, session name
	 * {@code application}, capture on, 16 KB values, the default redaction patterns and a
	 * five minute async timeout.
	 * @return the default settings
	 */
	public static TracingSettings defaults() {
		return new TracingSettings(null, "dev", "application", true, true, 16 * 1024, DEFAULT_REDACTION_PATTERNS,
				Duration.ofMinutes(5));
	}

	/**
	 * Return a copy with another project.
	 * @param project the project
	 * @return the new settings
	 */
	public TracingSettings withProject(@Nullable String project) {
		return new TracingSettings(project, this.source, this.sessionName, this.captureInputs, this.captureOutputs,
				this.maxValueSize, this.redactionPatterns, this.asyncTimeout);
	}

	/**
	 * Return a copy with another maximum value size.
	 * @param maxValueSize the largest captured value
	 * @return the new settings
	 */
	public TracingSettings withMaxValueSize(int maxValueSize) {
		return new TracingSettings(this.project, this.source, this.sessionName, this.captureInputs, this.captureOutputs,
				maxValueSize, this.redactionPatterns, this.asyncTimeout);
	}

	/**
	 * Return a copy with another async timeout.
	 * @param asyncTimeout the async timeout
	 * @return the new settings
	 */
	public TracingSettings withAsyncTimeout(Duration asyncTimeout) {
		return new TracingSettings(this.project, this.source, this.sessionName, this.captureInputs, this.captureOutputs,
				this.maxValueSize, this.redactionPatterns, asyncTimeout);
	}

	/**
	 * Return a copy with other capture switches.
	 * @param captureInputs whether to capture inputs
	 * @param captureOutputs whether to capture outputs
	 * @return the new settings
	 */
	public TracingSettings withCapture(boolean captureInputs, boolean captureOutputs) {
		return new TracingSettings(this.project, this.source, this.sessionName, captureInputs, captureOutputs,
				this.maxValueSize, this.redactionPatterns, this.asyncTimeout);
	}

}
