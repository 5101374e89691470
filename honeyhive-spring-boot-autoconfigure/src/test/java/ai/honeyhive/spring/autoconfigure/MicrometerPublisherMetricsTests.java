package ai.honeyhive.spring.autoconfigure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import ai.honeyhive.spring.publisher.DropReason;
import ai.honeyhive.spring.publisher.ExportOutcome;
import ai.honeyhive.spring.publisher.FailureKind;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MicrometerPublisherMetrics}.
 */
class MicrometerPublisherMetricsTests {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final MicrometerPublisherMetrics metrics = new MicrometerPublisherMetrics(this.registry);

	@Test
	void everyMeterIsRegisteredBeforeAnythingHappens() {
		for (DropReason reason : DropReason.values()) {
			assertThat(this.registry.find(MicrometerPublisherMetrics.EVENTS)
				.tag("outcome", "dropped")
				.tag("reason", reason.tagValue())
				.counter()).as(reason.name()).isNotNull();
		}
		for (FailureKind kind : FailureKind.values()) {
			assertThat(this.registry.find(MicrometerPublisherMetrics.FLUSH_FAILURES)
				.tag("reason", kind.tagValue())
				.counter()).as(kind.name()).isNotNull();
		}
		for (ExportOutcome outcome : ExportOutcome.values()) {
			assertThat(this.registry.find(MicrometerPublisherMetrics.EXPORT).tag("outcome", outcome.tagValue()).timer())
				.as(outcome.name())
				.isNotNull();
		}
	}

	@Test
	void dropsAreCountedUnderTheirReason() {
		this.metrics.dropped(DropReason.RETRIES_EXHAUSTED, 3);
		this.metrics.dropped(DropReason.QUEUE_FULL, 1);
		assertThat(dropped(DropReason.RETRIES_EXHAUSTED)).isEqualTo(3);
		assertThat(dropped(DropReason.QUEUE_FULL)).isEqualTo(1);
		assertThat(dropped(DropReason.SHUTDOWN)).isZero();
	}

	@Test
	void failuresAndExportsAreCountedUnderTheirTag() {
		this.metrics.flushFailure(FailureKind.HTTP_5XX);
		this.metrics.export(ExportOutcome.PARTIAL, 1_000_000, 7);
		assertThat(this.registry.get(MicrometerPublisherMetrics.FLUSH_FAILURES)
			.tag("reason", "http_5xx")
			.counter()
			.count()).isEqualTo(1);
		assertThat(this.registry.get(MicrometerPublisherMetrics.EXPORT).tag("outcome", "partial").timer().count())
			.isEqualTo(1);
		assertThat(this.registry.get(MicrometerPublisherMetrics.BATCH_SIZE).summary().totalAmount()).isEqualTo(7);
	}

	@Test
	void readmeListsEveryTagValue() throws IOException {
		String readme = Files.readString(Path.of("..", "README.md"));
		String events = between(readme, "| `honeyhive.publisher.events` |", "| `honeyhive.publisher.flush.failures` |");
		for (DropReason reason : DropReason.values()) {
			assertThat(events).contains("`reason=" + reason.tagValue() + "`");
		}
		String failures = between(readme, "| `honeyhive.publisher.flush.failures` |", "\n");
		for (FailureKind kind : FailureKind.values()) {
			assertThat(failures).containsPattern("`(reason=)?" + kind.tagValue() + "`");
		}
		String exports = between(readme, "| `honeyhive.publisher.export` |", "\n");
		for (ExportOutcome outcome : ExportOutcome.values()) {
			assertThat(exports).containsPattern("`(outcome=)?" + outcome.tagValue() + "`");
		}
	}

	private static String between(String text, String start, String end) {
		int from = text.indexOf(start);
		assertThat(from).as(start).isNotNegative();
		int to = text.indexOf(end, from + start.length());
		return text.substring(from, to);
	}

	private double dropped(DropReason reason) {
		return this.registry.get(MicrometerPublisherMetrics.EVENTS)
			.tag("outcome", "dropped")
			.tag("reason", reason.tagValue())
			.counter()
			.count();
	}

}
