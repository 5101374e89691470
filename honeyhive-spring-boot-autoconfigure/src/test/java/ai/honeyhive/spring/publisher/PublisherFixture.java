package ai.honeyhive.spring.publisher;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What the publisher tests share: a fake client, recording metrics, a builder with a
 * short backoff and a batch that only a full batch, a flush or the close sends, and the
 * publishers a test started, closed after it.
 */
final class PublisherFixture implements AfterEachCallback {

	final FakeEventsClient client = new FakeEventsClient();

	final RecordingMetrics metrics = new RecordingMetrics();

	private final List<BatchingEventPublisher> publishers = new CopyOnWriteArrayList<>();

	BatchingEventPublisherBuilder builder() {
		return BatchingEventPublisher.builder(this.client)
			.metrics(this.metrics)
			.scheduleDelay(Duration.ofHours(1))
			.retryBackoff(Duration.ofMillis(5), 2.0, Duration.ofMillis(20));
	}

	/** Build the publisher; it is closed after the test. */
	BatchingEventPublisher start(BatchingEventPublisherBuilder builder) {
		BatchingEventPublisher publisher = builder.build();
		this.publishers.add(publisher);
		return publisher;
	}

	@Override
	public void afterEach(ExtensionContext context) {
		this.publishers.forEach(BatchingEventPublisher::close);
	}

}
