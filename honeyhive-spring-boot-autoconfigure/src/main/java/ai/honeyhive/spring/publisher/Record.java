package ai.honeyhive.spring.publisher;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import ai.honeyhive.spring.client.CreateEventRequest;
import ai.honeyhive.spring.client.SessionStartRequest;
import ai.honeyhive.spring.client.UpdateEventRequest;

/**
 * One record handed over to the publisher: an event, a session or an update, with what
 * the queue needs to keep it in order, account for its size and merge later updates into
 * it. Guarded by the {@link RecordQueue}'s lock, except {@link #payload} of a record
 * being sent, which only its sender reads.
 */
final class Record {

	enum Kind {

		/** An event, sent in a batch. */
		EVENT,

		/**
		 * A session: in a batch as a {@code session} event, or by {@code /session/start}.
		 */
		SESSION,

		/** An update ({@code PUT /events}) of a record already on the server. */
		UPDATE

	}

	final Kind kind;

	/** The event's id, the session's id, or the id an update targets. */
	final String id;

	/** For an event, its session's id (a batch never carries it ahead of its session). */
	final @Nullable String sessionId;

	/** For a session: its id was supplied by the caller and it must be started by id. */
	final boolean resumed;

	/**
	 * A {@link CreateEventRequest}, {@link SessionStartRequest} or
	 * {@link UpdateEventRequest}.
	 */
	Object payload;

	long bytes;

	long seq;

	long enqueuedNanos;

	/** Updates merged into this record: they are delivered or dropped with it. */
	int merged;

	/** Updates of this record that arrived while it was being sent. */
	@Nullable List<Record> deferred;

	@Nullable Record prev;

	@Nullable Record next;

	boolean queued;

	/** Delivered or dropped, as the queue knows it (under its lock). */
	boolean done;

	/** Delivered or dropped; written by the sender that settles it. */
	boolean settled;

	Record(Kind kind, Object payload, String id, @Nullable String sessionId, boolean resumed, long bytes) {
		this.kind = kind;
		this.payload = payload;
		this.id = id;
		this.sessionId = sessionId;
		this.resumed = resumed;
		this.bytes = bytes;
	}

	/** Records counted by this one: itself and the updates merged into it. */
	int weight() {
		return 1 + this.merged;
	}

	void defer(Record update) {
		if (this.deferred == null) {
			this.deferred = new ArrayList<>(2);
		}
		this.deferred.add(update);
	}

	@Override
	public String toString() {
		return "Record{" + this.kind + " " + this.id + "}";
	}

}
