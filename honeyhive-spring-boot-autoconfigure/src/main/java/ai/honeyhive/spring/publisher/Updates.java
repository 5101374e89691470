package ai.honeyhive.spring.publisher;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import ai.honeyhive.spring.client.CreateEventRequest;
import ai.honeyhive.spring.client.EventType;
import ai.honeyhive.spring.client.SessionStartRequest;
import ai.honeyhive.spring.client.UpdateEventRequest;

/**
 * Merges an update into a record that has not left the queue, the way the server applies
 * {@code PUT /events} to a stored event: objects key by key, end time and duration
 * replaced, children ids appended. Also turns a session into the {@code session} event
 * that travels in a batch.
 */
final class Updates {

	private Updates() {
	}

	static CreateEventRequest merge(CreateEventRequest event, UpdateEventRequest update) {
		return event.toBuilder()
			.metadata(mergeMaps(event.metadata(), update.metadata()))
			.feedback(mergeMaps(event.feedback(), update.feedback()))
			.metrics(mergeMaps(event.metrics(), update.metrics()))
			.outputs(mergeMaps(event.outputs(), update.outputs()))
			.config(mergeMaps(event.config(), update.config()))
			.userProperties(mergeMaps(event.userProperties(), update.userProperties()))
			.duration(or(update.duration(), event.duration()))
			.endTime(or(update.endTime(), event.endTime()))
			.childrenIds(append(event.childrenIds(), update.childrenIds()))
			.build();
	}

	static SessionStartRequest merge(SessionStartRequest session, UpdateEventRequest update) {
		return session.toBuilder()
			.metadata(mergeMaps(session.metadata(), update.metadata()))
			.feedback(mergeMaps(session.feedback(), update.feedback()))
			.metrics(mergeMaps(session.metrics(), update.metrics()))
			.outputs(mergeMaps(session.outputs(), update.outputs()))
			.config(mergeMaps(session.config(), update.config()))
			.userProperties(mergeMaps(session.userProperties(), update.userProperties()))
			.duration(or(update.duration(), session.duration()))
			.endTime(or(update.endTime(), session.endTime()))
			.childrenIds(append(session.childrenIds(), update.childrenIds()))
			.build();
	}

	static UpdateEventRequest merge(UpdateEventRequest first, UpdateEventRequest second) {
		return UpdateEventRequest.builder(first.eventId())
			.metadata(mergeMaps(first.metadata(), second.metadata()))
			.feedback(mergeMaps(first.feedback(), second.feedback()))
			.metrics(mergeMaps(first.metrics(), second.metrics()))
			.outputs(mergeMaps(first.outputs(), second.outputs()))
			.config(mergeMaps(first.config(), second.config()))
			.userProperties(mergeMaps(first.userProperties(), second.userProperties()))
			.duration(or(second.duration(), first.duration()))
			.endTime(or(second.endTime(), first.endTime()))
			.childrenIds(append(first.childrenIds(), second.childrenIds()))
			.build();
	}

	/**
	 * Return the session as a {@code session} event of a batch: its id is also its event
	 * id, its name is the event's name, and it has no parent.
	 */
	static CreateEventRequest asEvent(SessionStartRequest session) {
		return CreateEventRequest.builder()
			.project(session.project())
			.source(session.source())
			.eventName(session.sessionName())
			.eventType(EventType.SESSION)
			.eventId(session.sessionId())
			.sessionId(session.sessionId())
			.childrenIds(session.childrenIds())
			// Both specs require config and inputs on an event; a session without them
			// sends {}
			.config((session.config() != null) ? session.config() : Map.of())
			.inputs((session.inputs() != null) ? session.inputs() : Map.of())
			.outputs(session.outputs())
			.error(session.error())
			.startTime(session.startTime())
			.endTime(session.endTime())
			.duration(session.duration())
			.metadata(session.metadata())
			.feedback(session.feedback())
			.metrics(session.metrics())
			.userProperties(session.userProperties())
			.build();
	}

	private static <T> @Nullable T or(@Nullable T preferred, @Nullable T fallback) {
		return (preferred != null) ? preferred : fallback;
	}

	static @Nullable Map<String, @Nullable Object> mergeMaps(@Nullable Map<String, @Nullable Object> base,
			@Nullable Map<String, @Nullable Object> update) {
		if (update == null || update.isEmpty()) {
			return base;
		}
		if (base == null || base.isEmpty()) {
			return update;
		}
		Map<String, @Nullable Object> merged = new LinkedHashMap<>(base);
		merged.putAll(update);
		return merged;
	}

	static @Nullable List<String> append(@Nullable List<String> base, @Nullable List<String> more) {
		if (more == null || more.isEmpty()) {
			return base;
		}
		if (base == null || base.isEmpty()) {
			return more;
		}
		LinkedHashSet<String> ids = new LinkedHashSet<>(base);
		ids.addAll(more);
		return new ArrayList<>(ids);
	}

}
