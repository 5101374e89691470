package ai.honeyhive.spring.autoconfigure;

import java.lang.reflect.RecordComponent;

import ai.honeyhive.spring.client.CreateEventRequest;
import ai.honeyhive.spring.client.Event;
import ai.honeyhive.spring.tracing.TraceEventAspect;
import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link HoneyHiveRuntimeHints}.
 */
class HoneyHiveRuntimeHintsTests {

	@Test
	void shouldBeRegisteredInAotFactories() {
		assertThat(SpringFactoriesLoader.forResourceLocation("META-INF/spring/aot.factories")
			.load(RuntimeHintsRegistrar.class)).anyMatch(HoneyHiveRuntimeHints.class::isInstance);
	}

	@Test
	void shouldRegisterTheWireRecordsForJacksonAndTheAspect() throws Exception {
		RuntimeHints hints = new RuntimeHints();
		new HoneyHiveRuntimeHints().registerHints(hints, getClass().getClassLoader());
		for (Class<?> type : HoneyHiveRuntimeHints.WIRE_TYPES) {
			assertThat(RuntimeHintsPredicates.reflection().onType(type)).as(type.getName()).accepts(hints);
		}
		for (RecordComponent component : CreateEventRequest.class.getRecordComponents()) {
			assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(component.getAccessor()))
				.as(component.getName())
				.accepts(hints);
		}
		assertThat(RuntimeHintsPredicates.reflection()
			.onType(TypeReference.of("ai.honeyhive.spring.client.LenientEpochMillisDeserializer"))).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(Event.class)).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection()
			.onMethodInvocation(
					TraceEventAspect.class.getMethod("traceEvent", org.aspectj.lang.ProceedingJoinPoint.class)))
			.accepts(hints);
	}

}
