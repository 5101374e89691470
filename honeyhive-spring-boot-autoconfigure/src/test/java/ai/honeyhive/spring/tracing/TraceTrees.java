package ai.honeyhive.spring.tracing;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import ai.honeyhive.spring.client.CreateEventRequest;
import ai.honeyhive.spring.client.UpdateEventRequest;
import ai.honeyhive.spring.publisher.InMemoryEventPublisher;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The linkage checker of every tree test: one session id throughout, each parent id
 * resolves to an event of the tree or to the session, children ids match exactly, the
 * session was started and its update lists the top-level events.
 */
public final class TraceTrees {

	private TraceTrees() {
	}

	/**
	 * Check the tree of a session and return its events.
	 * @param publisher the publisher the tree was recorded in
	 * @param sessionId the session id
	 * @return the session's events, in the order they were published
	 */
	public static List<CreateEventRequest> assertLinked(InMemoryEventPublisher publisher, String sessionId) {
		List<CreateEventRequest> events = publisher.getEvents()
			.stream()
			.filter((event) -> sessionId.equals(event.sessionId()))
			.toList();
		Set<String> ids = new HashSet<>();
		for (CreateEventRequest event : events) {
			assertThat(event.eventId()).as("event id").isNotNull().isNotEqualTo(sessionId);
			assertThat(ids.add(event.eventId())).as("unique event id %s", event.eventId()).isTrue();
		}
		for (CreateEventRequest event : events) {
			assertThat(event.sessionId()).isEqualTo(sessionId);
			assertThat(event.parentId()).as("parent of %s", event.eventName())
				.satisfiesAnyOf((parent) -> assertThat(parent).isEqualTo(sessionId),
						(parent) -> assertThat(ids).contains(parent));
			List<String> expectedChildren = events.stream()
				.filter((candidate) -> event.eventId().equals(candidate.parentId()))
				.map(CreateEventRequest::eventId)
				.toList();
			assertThat(event.childrenIds()).as("children of %s", event.eventName())
				.containsExactlyInAnyOrderElementsOf(expectedChildren);
		}
		assertThat(publisher.getSessions()).as("session start")
			.anySatisfy((session) -> assertThat(session.sessionId()).isEqualTo(sessionId));
		List<UpdateEventRequest> updates = publisher.getUpdates()
			.stream()
			.filter((update) -> sessionId.equals(update.eventId()))
			.toList();
		assertThat(updates).as("session end").isNotEmpty();
		List<String> topLevel = events.stream()
			.filter((event) -> sessionId.equals(event.parentId()))
			.map(CreateEventRequest::eventId)
			.toList();
		List<String> listed = updates.stream()
			.map(UpdateEventRequest::childrenIds)
			.filter(Objects::nonNull)
			.flatMap(List::stream)
			.toList();
		assertThat(listed).as("session children").containsExactlyInAnyOrderElementsOf(topLevel);
		return events;
	}

	/**
	 * Return the only event with the given name.
	 * @param publisher the publisher
	 * @param name the event name
	 * @return the event
	 */
	public static CreateEventRequest event(InMemoryEventPublisher publisher, String name) {
		return publisher.findEvent(name).orElseThrow(() -> new AssertionError("No event named " + name));
	}

}
