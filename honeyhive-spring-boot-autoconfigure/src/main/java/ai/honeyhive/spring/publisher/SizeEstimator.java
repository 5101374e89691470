package ai.honeyhive.spring.publisher;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import ai.honeyhive.spring.client.CreateEventRequest;
import ai.honeyhive.spring.client.SessionStartRequest;
import ai.honeyhive.spring.client.UpdateEventRequest;

/**
 * Estimates the memory a queued record holds by walking its strings, maps and lists. Runs
 * on application threads, so it never serialises and stops at a fixed depth.
 */
final class SizeEstimator {

	private static final int OBJECT = 16;

	private static final int STRING = 24;

	private static final int ENTRY = 32;

	private static final int SCALAR = 16;

	private static final int MAX_DEPTH = 12;

	private SizeEstimator() {
	}

	static long estimate(Object record) {
		if (record instanceof CreateEventRequest event) {
			return OBJECT + 20 * 8 + size(event.project()) + size(event.source()) + size(event.eventName())
					+ size(event.eventId()) + size(event.sessionId()) + size(event.parentId())
					+ size(event.childrenIds(), 0) + size(event.config(), 0) + size(event.inputs(), 0)
					+ size(event.outputs(), 0) + size(event.error()) + size(event.metadata(), 0)
					+ size(event.feedback(), 0) + size(event.metrics(), 0) + size(event.userProperties(), 0);
		}
		if (record instanceof UpdateEventRequest update) {
			return OBJECT + 10 * 8 + size(update.eventId()) + size(update.metadata(), 0) + size(update.feedback(), 0)
					+ size(update.metrics(), 0) + size(update.outputs(), 0) + size(update.config(), 0)
					+ size(update.userProperties(), 0) + size(update.childrenIds(), 0);
		}
		if (record instanceof SessionStartRequest session) {
			return OBJECT + 16 * 8 + size(session.project()) + size(session.sessionName()) + size(session.source())
					+ size(session.sessionId()) + size(session.childrenIds(), 0) + size(session.config(), 0)
					+ size(session.inputs(), 0) + size(session.outputs(), 0) + size(session.error())
					+ size(session.userProperties(), 0) + size(session.metrics(), 0) + size(session.feedback(), 0)
					+ size(session.metadata(), 0);
		}
		return size(record, 0);
	}

	private static long size(@Nullable String value) {
		return (value != null) ? STRING + value.length() : 0;
	}

	private static long size(@Nullable Object value, int depth) {
		if (value == null) {
			return 0;
		}
		if (value instanceof String string) {
			return STRING + string.length();
		}
		if (depth >= MAX_DEPTH) {
			return OBJECT;
		}
		if (value instanceof Map<?, ?> map) {
			long size = OBJECT;
			for (Map.Entry<?, ?> entry : map.entrySet()) {
				size += ENTRY + size(entry.getKey(), depth + 1) + size(entry.getValue(), depth + 1);
			}
			return size;
		}
		if (value instanceof List<?> list) {
			long size = OBJECT;
			for (int i = 0; i < list.size(); i++) {
				size += 8 + size(list.get(i), depth + 1);
			}
			return size;
		}
		if (value instanceof Collection<?> collection) {
			long size = OBJECT;
			for (Object element : collection) {
				size += 8 + size(element, depth + 1);
			}
			return size;
		}
		if (value instanceof Object[] array) {
			long size = OBJECT;
			for (Object element : array) {
				size += 8 + size(element, depth + 1);
			}
			return size;
		}
		if (value instanceof byte[] bytes) {
			return OBJECT + bytes.length;
		}
		if (value instanceof CharSequence chars) {
			return STRING + chars.length();
		}
		return SCALAR;
	}

}
