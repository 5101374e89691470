package ai.honeyhive.spring.sample.collector;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of the sample's embedded HoneyHive-compatible collector, under
 * {@code sample.collector}.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("sample.collector")
public class CollectorProperties {

	static final String ENABLED = "sample.collector.enabled";

	/**
	 * Whether to run the embedded collector (under /collector) and its page (at /).
	 * Defaults to true when no HoneyHive API key (HH_API_KEY or honeyhive.api-key) is
	 * set.
	 */
	private boolean enabled = true;

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
	 * Number of session trees drawn per page at "/"; the session table lists them all.
	 */
	private int pageSize = 20;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
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
