package ai.honeyhive.spring.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import ai.honeyhive.spring.publisher.BatchingEventPublisher;
import ai.honeyhive.spring.publisher.DropReason;
import ai.honeyhive.spring.publisher.FailureKind;
import ai.honeyhive.spring.publisher.PublisherStatus;
import ai.honeyhive.spring.reliability.TracedServices.Produced;
import ai.honeyhive.spring.testserver.HoneyHiveTestServer;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A soak of the whole starter: producer threads trace nested calls in explicit and
 * implicit sessions while the server answers with random faults, then goes down long
 * enough for batches to run out of retries and the queue to fill, comes back, and goes
 * down again as the context is closed under load, without a flush. At the end the books
 * balance: every record handed over was either stored by the server, once, or counted as
 * dropped, for the reason it was.
 * <p>
 * The server is down at the close so that a call cut short by the close cannot have
 * stored records the publisher counts as dropped: the shutdown tests cover a close that
 * delivers part of the backlog.
 */
@Timeout(90)
@ExtendWith(OutputCaptureExtension.class)
class PublisherSoakTests {

	private static final int PRODUCERS = 4;

	private static final Duration PERIOD = Duration.ofMillis(20);

	private static final int MAX_QUEUE_SIZE = 300;

	private static final long MAX_QUEUE_BYTES = 128 * 1024;

	private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(1);

	private static final Duration PATIENCE = Duration.ofSeconds(30);

	private final HoneyHiveTestServer server;

	PublisherSoakTests() throws Exception {
		this.server = new HoneyHiveTestServer(20260707L);
	}

	@AfterEach
	void stop() {
		this.server.close();
	}

	@Test
	void shouldStoreOnceOrCountEveryRecordThroughFaultsAnOutageAndACloseUnderLoad(CapturedOutput output)
			throws Exception {
		ContextThreads.run(() -> ReliabilityContexts.runner(this.server.baseUrl())
			.withPropertyValues("honeyhive.client.read-timeout=10s", "honeyhive.client.connect-timeout=2s",
					"honeyhive.client.retry.initial-interval=20ms", "honeyhive.client.retry.max-interval=100ms",
					"honeyhive.publisher.max-batch-size=50", "honeyhive.publisher.schedule-delay=50ms",
					"honeyhive.publisher.export-timeout=1s", "honeyhive.publisher.max-queue-size=" + MAX_QUEUE_SIZE,
					"honeyhive.publisher.max-queue-bytes=" + MAX_QUEUE_BYTES + "B",
					"honeyhive.publisher.shutdown-timeout=" + SHUTDOWN_TIMEOUT.toMillis() + "ms")
			.run((context) -> {
				BatchingEventPublisher publisher = context.getBean(BatchingEventPublisher.class);
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				Produced produced = context.getBean(Produced.class);
				AtomicLong maxQueueSize = new AtomicLong();
				AtomicLong maxQueueBytes = new AtomicLong();
				Runnable sample = () -> {
					PublisherStatus status = publisher.getStatus();
					maxQueueSize.accumulateAndGet(status.queueSize(), Math::max);
					maxQueueBytes.accumulateAndGet(status.queueBytes(), Math::max);
				};
				Duration closeTime;
				long soakStart = System.nanoTime();
				List<Long> phases = new ArrayList<>();
				try (TracedLoad load = TracedLoad.start(context, PRODUCERS, PERIOD, sample)) {
					// Random faults, until partial answers, 5xx and 429 were all seen:
					// 503
					// (with and without Retry-After), 429, HTML 502, partial answers,
					// slow
					// answers
					this.server.faults(0.3, Duration.ofMillis(50));
					await().atMost(PATIENCE)
						.until(() -> ReliabilityContexts.exported(registry) >= 200
								&& failures(registry, FailureKind.PARTIAL) > 0
								&& failures(registry, FailureKind.HTTP_5XX) > 0
								&& failures(registry, FailureKind.HTTP_4XX) > 0);
					phases.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - soakStart));
					// An outage longer than the export timeout: batches run out of
					// retries, and the queue fills and stays full
					double exhausted = dropped(registry, DropReason.RETRIES_EXHAUSTED);
					double full = dropped(registry, DropReason.QUEUE_FULL);
					this.server.down(true);
					await().atMost(PATIENCE)
						.until(() -> dropped(registry, DropReason.RETRIES_EXHAUSTED) > exhausted
								&& dropped(registry, DropReason.QUEUE_FULL) > full);
					phases.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - soakStart));
					// The server is back
					double exported = ReliabilityContexts.exported(registry);
					this.server.down(false);
					await().atMost(PATIENCE).until(() -> ReliabilityContexts.exported(registry) >= exported + 200);
					phases.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - soakStart));
					// Down again, and the context closes under load with a backlog
					this.server.down(true);
					await().atMost(PATIENCE).until(() -> publisher.getStatus().queueSize() >= 100);
					long closeStart = System.nanoTime();
					context.close();
					closeTime = Duration.ofNanos(System.nanoTime() - closeStart);
					assertThat(ContextThreads.liveHoneyHiveThreads()).as("threads after the close").isEmpty();
					// Calls traced after the close are counted too
					load.awaitMoreCalls(2 * PRODUCERS);
					load.stop();
				}
				phases.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - soakStart));

				long handedOver = ReliabilityContexts.handedOver(produced);
				double exported = ReliabilityContexts.exported(registry);
				double dropped = ReliabilityContexts.dropped(registry);
				long stored = ReliabilityContexts.storedRecords(this.server, produced);
				System.out.printf(
						"soak: %d records handed over; exported %.0f, dropped %.0f [%s]; stored %d; %d calls;"
								+ " max queue %d records, %d bytes; close %d ms; phases ended at %s ms%n",
						handedOver, exported, dropped, ReliabilityContexts.droppedByReason(registry), stored,
						this.server.totalCalls(), maxQueueSize.get(), maxQueueBytes.get(), closeTime.toMillis(),
						phases);

				// The publisher's books: every record handed over is counted once
				assertThat(exported + dropped).as("exported + dropped").isEqualTo((double) handedOver);
				assertThat(exported).as("exported").isPositive();
				assertThat(dropped(registry, DropReason.RETRIES_EXHAUSTED)).as("retries exhausted").isPositive();
				assertThat(dropped(registry, DropReason.QUEUE_FULL)).as("queue full").isPositive();
				assertThat(dropped(registry, DropReason.SHUTDOWN)).as("dropped at shutdown").isPositive();
				// The server's books: what it stored is what was exported, each record
				// once, and nothing that was not produced
				assertThat(this.server.storedCounts().values()).as("times each record was stored")
					.allMatch((times) -> times == 1);
				Set<String> producedIds = new HashSet<>(produced.events);
				producedIds.addAll(produced.sessions);
				assertThat(producedIds).containsAll(this.server.storedCounts().keySet());
				assertThat((double) stored).as("records stored").isEqualTo(exported);
				// Memory stayed within the bounds while the queue was full
				assertThat(maxQueueSize.get()).as("queued records").isLessThanOrEqualTo(MAX_QUEUE_SIZE);
				assertThat(maxQueueBytes.get()).as("queued bytes").isLessThanOrEqualTo(MAX_QUEUE_BYTES);
				assertThat(closeTime).as("close").isLessThan(SHUTDOWN_TIMEOUT.plusSeconds(5));
				assertThat(completeTreesWellLinked(produced)).as("complete sessions").isPositive();
				assertThat(output.getAll()).doesNotContain("hh-reliability-key");
			}));
	}

	private static double dropped(MeterRegistry registry, DropReason reason) {
		return ReliabilityContexts.dropped(registry, reason);
	}

	private static double failures(MeterRegistry registry, FailureKind kind) {
		Counter counter = registry.find("honeyhive.publisher.flush.failures").tag("reason", kind.tagValue()).counter();
		return (counter != null) ? counter.count() : 0;
	}

	/**
	 * Check that every session whose records were all stored forms a well-linked tree.
	 * @return how many sessions were complete
	 */
	private int completeTreesWellLinked(Produced produced) {
		Map<String, List<JsonNode>> bySession = new HashMap<>();
		for (String id : produced.events) {
			JsonNode event = this.server.record(id);
			if (event != null) {
				bySession.computeIfAbsent(event.get("session_id").asString(), (key) -> new ArrayList<>()).add(event);
			}
		}
		int complete = 0;
		for (String sessionId : produced.sessions) {
			JsonNode session = this.server.record(sessionId);
			List<JsonNode> events = bySession.getOrDefault(sessionId, List.of());
			JsonNode end = (session != null) ? session.get("end_time") : null;
			if (end == null || end.isNull() || events.size() != 4) {
				continue;
			}
			complete++;
			Set<String> ids = new HashSet<>();
			events.forEach((event) -> ids.add(event.get("event_id").asString()));
			List<String> topLevel = new ArrayList<>();
			for (JsonNode event : events) {
				String id = event.get("event_id").asString();
				String parent = event.get("parent_id").asString();
				if (parent.equals(sessionId)) {
					topLevel.add(id);
				}
				else {
					assertThat(ids).as("parent of %s", event.get("event_name")).contains(parent);
				}
				List<String> children = new ArrayList<>();
				event.get("children_ids").forEach((child) -> children.add(child.asString()));
				List<String> expectedChildren = events.stream()
					.filter((candidate) -> id.equals(candidate.get("parent_id").asString()))
					.map((candidate) -> candidate.get("event_id").asString())
					.toList();
				assertThat(children).as("children of %s", event.get("event_name"))
					.containsExactlyInAnyOrderElementsOf(expectedChildren);
			}
			assertThat(topLevel).hasSize(1);
			List<String> sessionChildren = new ArrayList<>();
			session.get("children_ids").forEach((child) -> sessionChildren.add(child.asString()));
			assertThat(sessionChildren).as("session children").containsExactlyInAnyOrderElementsOf(topLevel);
		}
		return complete;
	}

}
