package ai.honeyhive.spring.collector;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The store's bounds, eviction order, snapshots and thread safety.
 */
class CollectorStoreTests {

	private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-05-06T07:00:00Z"), ZoneOffset.UTC);

	@Test
	void shouldEvictOldestSessionWhenTooManySessions() {
		CollectorStore store = new CollectorStore(2, 100, CLOCK);
		store.startSession(session("s1"));
		store.addEvent(event("e1", "s1"), null);
		store.startSession(session("s2"));
		store.startSession(session("s3"));
		assertThat(store.sessionCount()).isEqualTo(2);
		assertThat(store.session("s1")).isEmpty();
		assertThat(store.event("e1")).isEmpty();
		assertThat(store.session("s2")).isPresent();
		assertThat(store.session("s3")).isPresent();
		assertThat(store.eventCount()).isZero();
		assertThat(store.evictedSessionCount()).isOne();
	}

	@Test
	void shouldEvictOldestSessionsFirstWhenTooManyEvents() {
		CollectorStore store = new CollectorStore(10, 3, CLOCK);
		store.addEvent(event("a1", "a"), null);
		store.addEvent(event("a2", "a"), null);
		store.addEvent(event("b1", "b"), null);
		store.addEvent(event("c1", "c"), null);
		assertThat(store.session("a")).isEmpty();
		assertThat(store.sessions()).extracting(CollectedSession::sessionId).containsExactlyInAnyOrder("b", "c");
		assertThat(store.eventCount()).isEqualTo(2);
		assertThat(store.evictedSessionCount()).isOne();
	}

	@Test
	void shouldNeverEvictTheSessionJustWrittenTo() {
		CollectorStore store = new CollectorStore(10, 2, CLOCK);
		store.addEvent(event("a1", "a"), null);
		store.addEvent(event("b1", "b"), null);
		store.addEvent(event("a2", "a"), null);
		assertThat(store.session("b")).isEmpty();
		assertThat(store.session("a").orElseThrow().events()).extracting(CollectedEvent::eventId)
			.containsExactly("a1", "a2");
	}

	@Test
	void shouldDropOldestEventsOfSessionLargerThanBound() {
		CollectorStore store = new CollectorStore(10, 3, CLOCK);
		for (int i = 1; i <= 5; i++) {
			store.addEvent(event("e" + i, "s"), null);
		}
		assertThat(store.eventCount()).isEqualTo(3);
		assertThat(store.session("s").orElseThrow().events()).extracting(CollectedEvent::eventId)
			.containsExactly("e3", "e4", "e5");
		assertThat(store.event("e1")).isEmpty();
		assertThat(store.updateEvent(Map.of("event_id", "e1", "metadata", Map.of("a", 1)))).isFalse();
	}

	@Test
	void shouldReplaceEventSentTwiceWithoutCountingItTwice() {
		CollectorStore store = new CollectorStore(10, 10, CLOCK);
		store.addEvent(event("e1", "s"), null);
		Map<String, @Nullable Object> again = event("e1", "s");
		again.put("event_name", "renamed");
		store.addEvent(again, null);
		assertThat(store.eventCount()).isOne();
		assertThat(store.event("e1").orElseThrow().eventName()).isEqualTo("renamed");
	}

	@Test
	void shouldMergeSessionStartedAfterItsEvents() {
		CollectorStore store = new CollectorStore(10, 10, CLOCK);
		Map<String, @Nullable Object> early = event("e1", "s");
		early.put("start_time", 1000L);
		store.addEvent(early, null);
		assertThat(store.session("s").orElseThrow().started()).isFalse();
		Map<String, @Nullable Object> session = session("s");
		session.put("start_time", 2000L);
		store.startSession(session);
		CollectedSession merged = store.session("s").orElseThrow();
		assertThat(merged.started()).isTrue();
		assertThat(merged.name()).isEqualTo("chat s");
		assertThat(merged.session().startTime()).isEqualTo(1000L);
		assertThat(merged.events()).extracting(CollectedEvent::eventId).containsExactly("e1");
	}

	@Test
	void shouldHandOutSnapshotsThatLaterWritesDoNotChange() {
		CollectorStore store = new CollectorStore(10, 10, CLOCK);
		store.addEvent(event("e1", "s"), null);
		CollectedEvent before = store.event("e1").orElseThrow();
		store.updateEvent(Map.of("event_id", "e1", "metadata", Map.of("late", true)));
		assertThat(before.metadata()).isEmpty();
		assertThat(store.event("e1").orElseThrow().metadata()).containsEntry("late", true);
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> before.fields().put("event_name", "changed"));
	}

	@Test
	void shouldListSessionsNewestFirst() {
		CollectorStore store = new CollectorStore(10, 10, CLOCK);
		for (String id : List.of("old", "newest", "middle")) {
			Map<String, @Nullable Object> session = session(id);
			session.put("start_time", switch (id) {
				case "old" -> 1000L;
				case "middle" -> 2000L;
				default -> 3000L;
			});
			store.startSession(session);
		}
		assertThat(store.sessions()).extracting(CollectedSession::sessionId).containsExactly("newest", "middle", "old");
		assertThat(store.summaries()).extracting(CollectorStore.SessionSummary::sessionId)
			.containsExactly("newest", "middle", "old");
	}

	@Test
	void shouldListAllEventsByStartTimeWithoutSessions() {
		CollectorStore store = new CollectorStore(10, 10, CLOCK);
		store.startSession(session("s1"));
		Map<String, @Nullable Object> late = event("late", "s1");
		late.put("start_time", 3000L);
		Map<String, @Nullable Object> early = event("early", "s2");
		early.put("start_time", 1000L);
		store.addEvent(late, null);
		store.addEvent(early, null);
		assertThat(store.events()).extracting(CollectedEvent::eventId).containsExactly("early", "late");
	}

	@Test
	void shouldForgetEverythingOnClear() {
		CollectorStore store = new CollectorStore(10, 10, CLOCK);
		store.addEvent(event("e1", "s"), null);
		store.clear();
		assertThat(store.sessionCount()).isZero();
		assertThat(store.eventCount()).isZero();
		assertThat(store.event("e1")).isEmpty();
	}

	@Test
	void shouldRejectBoundsBelowOne() {
		assertThatIllegalArgumentException().isThrownBy(() -> new CollectorStore(0, 10))
			.withMessageContaining("maxSessions");
		assertThatIllegalArgumentException().isThrownBy(() -> new CollectorStore(10, 0))
			.withMessageContaining("maxEvents");
	}

	@Test
	@Timeout(30)
	void shouldStayConsistentAndBoundedUnderConcurrentWriters() throws Exception {
		CollectorStore store = new CollectorStore(50, 1000, CLOCK);
		int threads = 8;
		int eventsPerThread = 2000;
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<?>> futures = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				int thread = t;
				futures.add(executor.submit(() -> {
					start.await();
					for (int i = 0; i < eventsPerThread; i++) {
						String sessionId = "s-" + thread + "-" + (i / 100);
						store.addEvent(event("e-" + thread + "-" + i, sessionId), null);
						store.updateEvent(Map.of("event_id", "e-" + thread + "-" + i, "metadata", Map.of("n", i)));
						if (i % 50 == 0) {
							store.summaries();
							store.sessions();
						}
					}
					return null;
				}));
			}
			start.countDown();
			for (Future<?> future : futures) {
				future.get(25, TimeUnit.SECONDS);
			}
		}
		finally {
			executor.shutdownNow();
		}
		List<CollectedSession> sessions = store.sessions();
		int held = sessions.stream().mapToInt((session) -> session.events().size()).sum();
		assertThat(store.eventCount()).isEqualTo(held).isLessThanOrEqualTo(1000).isPositive();
		assertThat(sessions).hasSizeLessThanOrEqualTo(50);
		assertThat(store.sessionCount()).isEqualTo(sessions.size());
		sessions.forEach(
				(session) -> session.events().forEach((event) -> assertThat(store.event(event.eventId())).isPresent()));
	}

	private static Map<String, @Nullable Object> session(String id) {
		Map<String, @Nullable Object> request = new LinkedHashMap<>();
		request.put("project", "p");
		request.put("session_name", "chat " + id);
		request.put("source", "dev");
		request.put("session_id", id);
		return EventDocuments.session(request, CLOCK.millis());
	}

	private static Map<String, @Nullable Object> event(String id, String sessionId) {
		Map<String, @Nullable Object> request = new LinkedHashMap<>();
		request.put("project", "p");
		request.put("source", "dev");
		request.put("event_name", "step " + id);
		request.put("event_type", "tool");
		request.put("config", Map.of());
		request.put("inputs", Map.of());
		request.put("duration", 1);
		request.put("event_id", id);
		request.put("session_id", sessionId);
		return EventDocuments.event(request, CLOCK.millis());
	}

}
