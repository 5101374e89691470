package ai.honeyhive.spring.publisher;

import java.util.HashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The queued records in order, linked through the records themselves so that a record
 * leaves from anywhere in constant time, with their count, their estimated bytes and an
 * index of the queued sessions by id. Not thread-safe: guarded by the
 * {@link RecordQueue}'s lock.
 */
final class RecordList {

	private final Map<String, Record> sessions = new HashMap<>();

	private @Nullable Record head;

	private @Nullable Record tail;

	private int size;

	private long bytes;

	/** The size, readable without the lock (metrics gauge, status). */
	private volatile int sizeView;

	@Nullable Record head() {
		return this.head;
	}

	@Nullable Record tail() {
		return this.tail;
	}

	int size() {
		return this.size;
	}

	int sizeView() {
		return this.sizeView;
	}

	long bytes() {
		return this.bytes;
	}

	/** The queued session with this id, if any. */
	@Nullable Record session(String id) {
		return this.sessions.get(id);
	}

	boolean hasSession(String id) {
		return this.sessions.containsKey(id);
	}

	void addLast(Record record) {
		record.prev = this.tail;
		record.next = null;
		if (this.tail != null) {
			this.tail.next = record;
		}
		else {
			this.head = record;
		}
		this.tail = record;
		added(record);
	}

	void addFirst(Record record) {
		record.next = this.head;
		record.prev = null;
		if (this.head != null) {
			this.head.prev = record;
		}
		else {
			this.tail = record;
		}
		this.head = record;
		added(record);
	}

	private void added(Record record) {
		record.queued = true;
		this.size++;
		this.sizeView = this.size;
		this.bytes += record.bytes;
		if (record.kind == Record.Kind.SESSION) {
			this.sessions.put(record.id, record);
		}
	}

	void remove(Record record) {
		if (record.prev != null) {
			record.prev.next = record.next;
		}
		else {
			this.head = record.next;
		}
		if (record.next != null) {
			record.next.prev = record.prev;
		}
		else {
			this.tail = record.prev;
		}
		record.prev = null;
		record.next = null;
		record.queued = false;
		this.size--;
		this.sizeView = this.size;
		this.bytes -= record.bytes;
		if (record.kind == Record.Kind.SESSION) {
			this.sessions.remove(record.id);
		}
	}

	/** A queued record grew by the given bytes (an update merged into it). */
	void grew(Record record, long addedBytes) {
		record.bytes += addedBytes;
		this.bytes += addedBytes;
	}

}
