package ai.honeyhive.spring.publisher;

import java.util.LinkedHashMap;
import java.util.Map;

import ai.honeyhive.spring.client.SessionStartRequest;
import ai.honeyhive.spring.client.UpdateEventRequest;

/**
 * Sessions resumed under a caller-supplied id (a conversation, one turn per request): the
 * server merges every start into one session, so a later turn must not erase what an
 * earlier one recorded. A later turn's start carries the first turn's start time and no
 * inputs (each turn's inputs are on its own events), and its end's duration covers every
 * turn this application saw. Remembers the most recent conversations only.
 */
final class Conversations {

	static final int MAX_CONVERSATIONS = 10_000;

	private final Map<String, Long> firstStarts = new LinkedHashMap<>(64, 0.75f, true) {

		@Override
		protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
			return size() > MAX_CONVERSATIONS;
		}

	};

	/** Return the start of a turn as it must be sent. */
	SessionStartRequest resume(SessionStartRequest session) {
		String id = session.sessionId();
		Long start = session.startTime();
		if (id == null || start == null) {
			return session;
		}
		Long first;
		synchronized (this.firstStarts) {
			first = this.firstStarts.putIfAbsent(id, start);
		}
		if (first == null) {
			return session;
		}
		return session.toBuilder().startTime(Math.min(first, start)).inputs(null).build();
	}

	/** Return an update as it must be sent: a turn's end covers the earlier turns. */
	UpdateEventRequest end(UpdateEventRequest update) {
		Long end = update.endTime();
		if (end == null) {
			return update;
		}
		Long first;
		synchronized (this.firstStarts) {
			first = this.firstStarts.isEmpty() ? null : this.firstStarts.get(update.eventId());
		}
		if (first == null || end < first) {
			return update;
		}
		return UpdateEventRequest.builder(update.eventId())
			.metadata(update.metadata())
			.feedback(update.feedback())
			.metrics(update.metrics())
			.outputs(update.outputs())
			.config(update.config())
			.userProperties(update.userProperties())
			.childrenIds(update.childrenIds())
			.endTime(end)
			.duration((double) (end - first))
			.build();
	}

}
