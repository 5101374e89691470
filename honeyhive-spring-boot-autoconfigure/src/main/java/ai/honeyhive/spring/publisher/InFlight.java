package ai.honeyhive.spring.publisher;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The records being sent: the calls in flight, the sessions they carry (whose events must
 * wait for them) and the targets of the updates they carry (which one update at a time
 * may have). Not thread-safe: guarded by the {@link RecordQueue}'s lock.
 */
final class InFlight {

	private final List<List<Record>> calls = new ArrayList<>();

	private final Map<String, Record> sessions = new HashMap<>();

	private final Set<String> updateTargets = new HashSet<>();

	/** Updates waiting for the acknowledgement of a record being sent. */
	private int deferredRecords;

	private long deferredBytes;

	/** A record left the queue for a call. */
	void taken(Record record) {
		if (record.kind == Record.Kind.SESSION) {
			this.sessions.put(record.id, record);
		}
		else if (record.kind == Record.Kind.UPDATE) {
			this.updateTargets.add(record.id);
		}
	}

	/** A record was delivered or dropped, or went back to the queue. */
	void released(Record record) {
		if (record.kind == Record.Kind.SESSION) {
			this.sessions.remove(record.id);
		}
		else if (record.kind == Record.Kind.UPDATE) {
			this.updateTargets.remove(record.id);
		}
	}

	/**
	 * Updates began (positive) or stopped (negative) waiting for a record being sent;
	 * they take their place in the queue's bounds while they wait.
	 */
	void deferred(int records, long bytes) {
		this.deferredRecords += records;
		this.deferredBytes += bytes;
	}

	int deferredRecords() {
		return this.deferredRecords;
	}

	long deferredBytes() {
		return this.deferredBytes;
	}

	void callStarted(List<Record> call) {
		this.calls.add(call);
	}

	void callEnded(List<Record> call) {
		this.calls.remove(call);
	}

	/** The session with this id being sent, if any. */
	@Nullable Record session(String id) {
		return this.sessions.get(id);
	}

	boolean hasSession(String id) {
		return this.sessions.containsKey(id);
	}

	/** Whether a call for this id (a session's start or an update of it) is in flight. */
	boolean isBusy(String id) {
		return this.sessions.containsKey(id) || this.updateTargets.contains(id);
	}

	/** The event with this id being sent and not yet settled, if any. */
	@Nullable Record event(String id) {
		for (List<Record> call : this.calls) {
			for (Record record : call) {
				if (record.kind == Record.Kind.EVENT && !record.done && record.id.equals(id)) {
					return record;
				}
			}
		}
		return null;
	}

}
