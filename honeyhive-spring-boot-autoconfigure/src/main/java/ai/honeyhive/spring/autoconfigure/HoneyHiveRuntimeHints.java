package ai.honeyhive.spring.autoconfigure;

import java.util.List;

import org.jspecify.annotations.Nullable;

import ai.honeyhive.spring.client.CreateEventBatchRequest;
import ai.honeyhive.spring.client.CreateEventBatchResponse;
import ai.honeyhive.spring.client.CreateEventRequest;
import ai.honeyhive.spring.client.CreateEventResponse;
import ai.honeyhive.spring.client.CreateModelEventBatchRequest;
import ai.honeyhive.spring.client.CreateModelEventRequest;
import ai.honeyhive.spring.client.DateRange;
import ai.honeyhive.spring.client.Event;
import ai.honeyhive.spring.client.EventFilter;
import ai.honeyhive.spring.client.EventType;
import ai.honeyhive.spring.client.GetEventsRequest;
import ai.honeyhive.spring.client.GetEventsResponse;
import ai.honeyhive.spring.client.SessionProperties;
import ai.honeyhive.spring.client.SessionStartRequest;
import ai.honeyhive.spring.client.StartSessionResponse;
import ai.honeyhive.spring.client.UpdateEventRequest;
import ai.honeyhive.spring.tracing.TraceEventAspect;

import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;

/**
 * The runtime hints the starter needs in a native image: the wire records Jackson reads
 * and writes (with their constructors, accessors and nested types), the deserializer they
 * name, and the aspect's advice method. The configuration properties need none here: Boot
 * registers hints for every {@code @ConfigurationProperties} bean.
 *
 * @since 0.1.0
 */
final class HoneyHiveRuntimeHints implements RuntimeHintsRegistrar {

	static final List<Class<?>> WIRE_TYPES = List.of(CreateEventRequest.class, CreateEventResponse.class,
			CreateEventBatchRequest.class, CreateEventBatchResponse.class, CreateModelEventRequest.class,
			CreateModelEventBatchRequest.class, DateRange.class, Event.class, EventFilter.class, EventType.class,
			GetEventsRequest.class, GetEventsResponse.class, SessionProperties.class, SessionStartRequest.class,
			StartSessionResponse.class, UpdateEventRequest.class);

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		BindingReflectionHintsRegistrar binding = new BindingReflectionHintsRegistrar();
		binding.registerReflectionHints(hints.reflection(), WIRE_TYPES.toArray(Class<?>[]::new));
		hints.reflection()
			.registerType(TypeReference.of("ai.honeyhive.spring.client.LenientEpochMillisDeserializer"),
					MemberCategory.INVOKE_DECLARED_CONSTRUCTORS)
			.registerType(TraceEventAspect.class, MemberCategory.INVOKE_PUBLIC_METHODS);
	}

}
