package ai.honeyhive.spring.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import ai.honeyhive.spring.publisher.BatchingEventPublisher;
import ai.honeyhive.spring.reliability.FaultServer.Answer;
import ai.honeyhive.spring.reliability.TracedServices.Agent;
import ai.honeyhive.spring.reliability.TracedServices.Produced;
import ai.honeyhive.spring.tracing.HoneyHiveTracer;
import ai.honeyhive.spring.tracing.SessionScope;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A soak of the whole starter: producer threads trace nested calls in explicit and
 * implicit sessions at a steady rate while the server answers with random faults and goes
 * down for a few seconds; at the end every record is accounted for.
 */
@Timeout(90)
@ExtendWith(OutputCaptureExtension.class)
class PublisherSoakTests {

	private static final long SEED = 20260707L;

	private static final int PRODUCERS = 4;

	private static final long PERIOD_MILLIS = 400;

	private static final long SOAK_MILLIS = 22_000;

	private static final long DOWN_FROM_MILLIS = 8_000;

	private static final long DOWN_UNTIL_MILLIS = 12_000;

	private static final long MAX_QUEUE_BYTES = 2 * 1024 * 1024;

	private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(5);

	private final FaultServer server = new FaultServer(SEED, 600, weights());

	private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(PRODUCERS + 2);

	@AfterEach
	void stop() {
		this.scheduler.shutdownNow();
		this.server.shutdown();
	}

	private static Map<Answer, Integer> weights() {
		Map<Answer, Integer> weights = new EnumMap<>(Answer.class);
		weights.put(Answer.OK, 70);
		weights.put(Answer.UNAVAILABLE, 6);
		weights.put(Answer.UNAVAILABLE_RETRY_AFTER, 1);
		weights.put(Answer.TOO_MANY, 5);
		weights.put(Answer.PARTIAL, 6);
		weights.put(Answer.RESET, 5);
		weights.put(Answer.SLOW, 3);
		weights.put(Answer.HTML_502, 4);
		return weights;
	}

	@Test
	void shouldDeliverOrCountEveryRecordUnderRandomFaultsAndAnOutage(CapturedOutput output) throws Exception {
		ContextThreads.run(() -> ReliabilityContexts.runner(this.server.baseUrl())
			.withPropertyValues("honeyhive.client.read-timeout=250ms", "honeyhive.client.connect-timeout=1s",
					"honeyhive.client.retry.max-attempts=2", "honeyhive.client.retry.initial-interval=20ms",
					"honeyhive.client.retry.max-interval=100ms", "honeyhive.client.retry.max-elapsed-time=2s",
					"honeyhive.publisher.max-batch-size=50", "honeyhive.publisher.schedule-delay=100ms",
					"honeyhive.publisher.export-timeout=10s", "honeyhive.publisher.max-queue-size=5000",
					"honeyhive.publisher.max-queue-bytes=" + MAX_QUEUE_BYTES + "B",
					"honeyhive.publisher.shutdown-timeout=" + SHUTDOWN_TIMEOUT.toMillis() + "ms")
			.run((context) -> {
				Agent agent = context.getBean(Agent.class);
				HoneyHiveTracer tracer = context.getBean(HoneyHiveTracer.class);
				BatchingEventPublisher publisher = context.getBean(BatchingEventPublisher.class);
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				Produced produced = context.getBean(Produced.class);
				AtomicLong maxQueueBytes = new AtomicLong();
				AtomicReference<Throwable> producerFailure = new AtomicReference<>();
				this.scheduler.scheduleAtFixedRate(
						() -> maxQueueBytes.accumulateAndGet(publisher.getStatus().queueBytes(), Math::max), 0, 20,
						TimeUnit.MILLISECONDS);
				for (int p = 0; p < PRODUCERS; p++) {
					int producer = p;
					AtomicLong call = new AtomicLong();
					this.scheduler.scheduleAtFixedRate(() -> {
						try {
							long n = call.incrementAndGet();
							String question = "p" + producer + "-q" + n;
							if (n % 2 == 0) {
								try (SessionScope session = tracer.startSession("conversation")) {
									assertThat(agent.answer(question)).startsWith("answer(");
								}
							}
							else {
								assertThat(agent.answer(question)).startsWith("answer(");
							}
						}
						catch (Throwable ex) {
							producerFailure.compareAndSet(null, ex);
						}
					}, producer * PERIOD_MILLIS / PRODUCERS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
				}
				CountDownLatch soakOver = new CountDownLatch(1);
				this.scheduler.schedule(() -> this.server.down(true), DOWN_FROM_MILLIS, TimeUnit.MILLISECONDS);
				this.scheduler.schedule(() -> this.server.down(false), DOWN_UNTIL_MILLIS, TimeUnit.MILLISECONDS);
				this.scheduler.schedule(soakOver::countDown, SOAK_MILLIS, TimeUnit.MILLISECONDS);
				assertThat(soakOver.await(SOAK_MILLIS + 10_000, TimeUnit.MILLISECONDS)).isTrue();
				this.scheduler.shutdown();
				assertThat(this.scheduler.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
				assertThat(producerFailure.get()).isNull();
				// Let the backlog drain; what does not is counted at close
				publisher.flush(Duration.ofSeconds(30));
				long closeStart = System.nanoTime();
				context.close();
				Duration closeTime = Duration.ofNanos(System.nanoTime() - closeStart);

				long events = produced.events.size();
				long sessions = produced.sessions.size();
				long records = events + 2 * sessions;
				double exported = ReliabilityContexts.exported(registry);
				double dropped = ReliabilityContexts.dropped(registry);
				System.out.printf(
						"soak: %d calls, %d events, %d sessions, %d records; exported %.0f, dropped %.0f [%s];"
								+ " %d requests, answers %s; stored %d, late %d; max queue bytes %d; close %d ms%n",
						produced.calls.get(), events, sessions, records, exported, dropped,
						ReliabilityContexts.droppedByReason(registry), this.server.requests.get(), this.server.answers,
						this.server.stored.size(), this.server.storedUnacknowledged.size(), maxQueueBytes.get(),
						closeTime.toMillis());

				assertThat(produced.calls.get()).as("calls made").isGreaterThan(100);
				assertThat(this.server.answers).as("faults injected").containsKeys(Answer.values());
				// The publisher accounts for every record exactly once: delivered or
				// dropped
				assertThat(exported + dropped).as("exported + dropped").isEqualTo((double) records);
				Set<String> expected = new HashSet<>();
				produced.events.forEach((id) -> expected.add("event:" + id));
				produced.sessions.forEach((id) -> {
					expected.add("session:" + id);
					expected.add("update:" + id);
				});
				assertThat(expected).hasSize((int) records);
				assertThat(this.server.stored.keySet()).as("only produced records stored").isSubsetOf(expected);
				// The only duplicates: a record stored by an answer that came too late
				List<String> duplicates = new ArrayList<>();
				this.server.stored.forEach((key, times) -> {
					if (times.get() > 1) {
						duplicates.add(key);
					}
				});
				assertThat(duplicates).as("records stored twice although acknowledged")
					.allMatch(this.server.storedUnacknowledged::contains);
				long storedRecords = this.server.stored.size();
				assertThat(exported).as("every exported record was stored").isLessThanOrEqualTo(storedRecords);
				assertThat((double) (records - storedRecords)).as("every record not stored was counted as dropped")
					.isLessThanOrEqualTo(dropped);
				int complete = assertCompleteTreesWellLinked(produced, dropped);
				assertThat(complete).as("complete sessions").isGreaterThan((int) (sessions / 2));
				assertThat(maxQueueBytes.get()).as("queue bytes").isLessThanOrEqualTo(MAX_QUEUE_BYTES);
				assertThat(ContextThreads.liveHoneyHiveThreads()).isEmpty();
				assertThat(closeTime).isLessThan(SHUTDOWN_TIMEOUT.plusSeconds(5));
				// Hundreds of failed calls, yet a handful of warnings and never the key
				long warnings = output.getAll()
					.lines()
					.filter((line) -> line.contains("WARN") && line.contains("BatchingEventPublisher"))
					.count();
				assertThat(warnings).as("publisher warnings").isLessThanOrEqualTo(6);
				assertThat(output.getAll()).doesNotContain("hh-reliability-key");
			}));
	}

	/**
	 * Check that every session whose records were all stored forms a well-linked tree; a
	 * session with a record missing is allowed only if drops were counted.
	 */
	private int assertCompleteTreesWellLinked(Produced produced, double dropped) {
		Map<String, List<JsonNode>> bySession = new java.util.HashMap<>();
		for (String id : produced.events) {
			JsonNode event = this.server.events.get(id);
			if (event != null) {
				bySession.computeIfAbsent(event.get("session_id").asString(), (key) -> new ArrayList<>()).add(event);
			}
		}
		int complete = 0;
		for (String sessionId : produced.sessions) {
			List<JsonNode> events = bySession.getOrDefault(sessionId, List.of());
			boolean started = this.server.stored.containsKey("session:" + sessionId);
			boolean ended = this.server.stored.containsKey("update:" + sessionId);
			Set<String> ids = new HashSet<>();
			events.forEach((event) -> ids.add(event.get("event_id").asString()));
			boolean allEvents = events.size() == 4;
			if (!(started && ended && allEvents)) {
				assertThat(dropped).as("session %s is incomplete, so something was dropped", sessionId).isPositive();
				continue;
			}
			complete++;
			List<String> topLevel = new ArrayList<>();
			for (JsonNode event : events) {
				String parent = event.get("parent_id").asString();
				assertThat(parent).as("parent of %s", event.get("event_name"))
					.satisfiesAnyOf((p) -> assertThat(p).isEqualTo(sessionId), (p) -> assertThat(ids).contains(p));
				if (parent.equals(sessionId)) {
					topLevel.add(event.get("event_id").asString());
				}
				List<String> children = new ArrayList<>();
				event.get("children_ids").forEach((child) -> children.add(child.asString()));
				List<String> expectedChildren = events.stream()
					.filter((candidate) -> event.get("event_id")
						.asString()
						.equals(candidate.get("parent_id").asString()))
					.map((candidate) -> candidate.get("event_id").asString())
					.toList();
				assertThat(children).as("children of %s", event.get("event_name"))
					.containsExactlyInAnyOrderElementsOf(expectedChildren);
			}
			assertThat(topLevel).hasSize(1);
			assertThat(this.server.sessionChildren.get(sessionId)).as("session children")
				.containsExactlyInAnyOrderElementsOf(topLevel);
		}
		return complete;
	}

}
