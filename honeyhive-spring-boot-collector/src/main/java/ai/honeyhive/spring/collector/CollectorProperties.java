package ai.honeyhive.spring.collector;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of the embedded HoneyHive-compatible collector and its trace page, under
 * {@code honeyhive.collector}.
 *
 * @since 0.1.0
 */
@ConfigurationProperties(CollectorProperties.PREFIX)
public class CollectorProperties {

	static final String PREFIX = "honeyhive.collector";

	static final String ENABLED = PREFIX + ".enabled";

	static final String BASE_PATH = PREFIX + ".base-path";

	static final String DEFAULT_BASE_PATH = "/honeyhive";

	/** Path of the Events API below the base path. */
	static final String API_PATH = "/api";

	/**
	 * Whether to run the collector (its Events API under {base-path}/api, its trace page
	 * at {base-path}) and point the starter at it. Defaults to true when no HoneyHive API
	 * key (HH_API_KEY or honeyhive.api-key) is set, and to false when one is.
	 */
	private boolean enabled = true;

	/**
	 * Path the trace page is served at; the Events API is served under {base-path}/api.
	 */
	private String basePath = DEFAULT_BASE_PATH;

	/**
	 * Whether to answer requests from other hosts. By default only loopback addresses
	 * (localhost) are answered, since the page shows whatever the application traced.
	 */
	private boolean allowOthers;

	/**
	 * Most sessions kept in memory; the oldest are evicted first.
	 */
	private int maxSessions = 1000;

	/**
	 * Most events kept in memory, session events not counted; whole sessions are evicted,
	 * oldest first, to stay within it.
	 */
	private int maxEvents = 20000;

	/**
	 * Number of session trees drawn per page; the session table lists them all.
	 */
	private int pageSize = 20;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getBasePath() {
		return this.basePath;
	}

	public void setBasePath(String basePath) {
		this.basePath = basePath;
	}

	public boolean isAllowOthers() {
		return this.allowOthers;
	}

	public void setAllowOthers(boolean allowOthers) {
		this.allowOthers = allowOthers;
	}

	public int getMaxSessions() {
		return this.maxSessions;
	}

	public void setMaxSessions(int maxSessions) {
		this.maxSessions = maxSessions;
	}

	public int getMaxEvents() {
		return this.maxEvents;
	}

	public void setMaxEvents(int maxEvents) {
		this.maxEvents = maxEvents;
	}

	public int getPageSize() {
		return this.pageSize;
	}

	public void setPageSize(int pageSize) {
		this.pageSize = pageSize;
	}

}
