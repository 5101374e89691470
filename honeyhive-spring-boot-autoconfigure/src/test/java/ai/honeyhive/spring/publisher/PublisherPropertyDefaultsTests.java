package ai.honeyhive.spring.publisher;

import ai.honeyhive.spring.autoconfigure.HoneyHiveProperties;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that each {@code honeyhive.publisher.*} default, and each retry default the
 * publisher's backoff reads, is the default of the {@link BatchingEventPublisherBuilder}
 * setting it feeds.
 */
class PublisherPropertyDefaultsTests {

	private final BatchingEventPublisherBuilder builder = BatchingEventPublisher.builder(new FakeEventsClient());

	private final HoneyHiveProperties properties = new HoneyHiveProperties();

	@Test
	void shouldDefaultThePublisherPropertiesAsTheBuilder() {
		HoneyHiveProperties.Publisher publisher = this.properties.getPublisher();
		assertThat(publisher.getMaxQueueSize()).isEqualTo(this.builder.maxQueueSize);
		assertThat(publisher.getMaxQueueBytes().toBytes()).isEqualTo(this.builder.maxQueueBytes);
		assertThat(publisher.getMaxBatchSize()).isEqualTo(this.builder.maxBatchSize);
		assertThat(publisher.getMaxBatchBytes().toBytes()).isEqualTo(this.builder.maxBatchBytes);
		assertThat(publisher.getMaxConcurrentExports()).isEqualTo(this.builder.maxConcurrentExports);
		assertThat(publisher.getSessionTransport()).isEqualTo(this.builder.sessionTransport);
		assertThat(publisher.getScheduleDelay()).isEqualTo(this.builder.scheduleDelay);
		assertThat(publisher.getExportTimeout()).isEqualTo(this.builder.exportTimeout);
		assertThat(publisher.getShutdownTimeout()).isEqualTo(this.builder.shutdownTimeout);
	}

	@Test
	void shouldDefaultTheBackoffAsTheBuilder() {
		HoneyHiveProperties.Retry retry = this.properties.getClient().getRetry();
		assertThat(retry.getInitialInterval()).isEqualTo(this.builder.retryInitialInterval);
		assertThat(retry.getMultiplier()).isEqualTo(this.builder.retryMultiplier);
		assertThat(retry.getMaxInterval()).isEqualTo(this.builder.retryMaxInterval);
	}

}
