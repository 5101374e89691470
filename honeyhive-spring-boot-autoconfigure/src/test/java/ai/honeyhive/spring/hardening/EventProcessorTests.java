package ai.honeyhive.spring.hardening;

import java.util.LinkedHashMap;
import java.util.Map;

import ai.honeyhive.spring.autoconfigure.HoneyHiveTracingAutoConfiguration;
import ai.honeyhive.spring.client.CreateEventRequest;
import ai.honeyhive.spring.client.SessionStartRequest;
import ai.honeyhive.spring.client.UpdateEventRequest;
import ai.honeyhive.spring.publisher.InMemoryEventPublisher;
import ai.honeyhive.spring.tracing.HoneyHiveEventProcessor;
import ai.honeyhive.spring.tracing.HoneyHiveTracer;
import ai.honeyhive.spring.tracing.SessionScope;
import ai.honeyhive.spring.tracing.TraceEvent;
import ai.honeyhive.spring.tracing.TraceEventAspect;
import ai.honeyhive.spring.tracing.TracingSettings;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.aop.aspectj.annotation.AspectJProxyFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link HoneyHiveEventProcessor}: the user's hook that changes or drops any
 * record before it leaves the process.
 */
@Timeout(60)
@ExtendWith(OutputCaptureExtension.class)
class EventProcessorTests {

	private final InMemoryEventPublisher publisher = new InMemoryEventPublisher();

	private Service proxy(HoneyHiveTracer tracer) {
		AspectJProxyFactory factory = new AspectJProxyFactory(new Service());
		factory.setProxyTargetClass(true);
		factory.addAspect(new TraceEventAspect(tracer));
		return factory.getProxy();
	}

	@Test
	void shouldChangeEventsSessionStartsAndUpdatesBeforeThePublisher() {
		HoneyHiveEventProcessor tagging = new HoneyHiveEventProcessor() {

			@Override
			public CreateEventRequest process(CreateEventRequest event) {
				return event.toBuilder().metadata(with(event.metadata(), "tenant", "acme")).build();
			}

			@Override
			public SessionStartRequest processSession(SessionStartRequest session) {
				return session.toBuilder().sessionName("renamed").build();
			}

			@Override
			public UpdateEventRequest processUpdate(UpdateEventRequest update) {
				return UpdateEventRequest.builder(update.eventId())
					.metadata(with(update.metadata(), "closed-by", "processor"))
					.duration(update.duration())
					.endTime(update.endTime())
					.childrenIds(update.childrenIds())
					.build();
			}

		};
		HoneyHiveTracer tracer = new HoneyHiveTracer(this.publisher, TracingSettings.defaults(),
				java.util.List.of(tagging));
		try (tracer) {
			assertThat(proxy(tracer).answer("q")).isEqualTo("a:q");
		}
		assertThat(this.publisher.getEvents()).singleElement()
			.satisfies((event) -> assertThat(event.metadata()).containsEntry("tenant", "acme"));
		assertThat(this.publisher.getSessions()).singleElement()
			.satisfies((session) -> assertThat(session.sessionName()).isEqualTo("renamed"));
		assertThat(this.publisher.getUpdates()).singleElement()
			.satisfies((update) -> assertThat(update.metadata()).containsEntry("closed-by", "processor"));
		assertThat(tracer.getProcessorDroppedCount()).isZero();
	}

	@Test
	void shouldDropWhatAProcessorReturnsNullForAndCountIt() {
		HoneyHiveEventProcessor dropSecrets = (event) -> "secret".equals(event.eventName()) ? null : event;
		HoneyHiveTracer tracer = new HoneyHiveTracer(this.publisher, TracingSettings.defaults(),
				java.util.List.of(dropSecrets));
		try (tracer) {
			Service service = proxy(tracer);
			try (SessionScope session = tracer.startSession("s")) {
				assertThat(service.secret("x")).isEqualTo("hidden:x");
				assertThat(service.answer("q")).isEqualTo("a:q");
			}
		}
		assertThat(this.publisher.getEvents()).extracting(CreateEventRequest::eventName).containsExactly("answer");
		assertThat(this.publisher.getSessions()).hasSize(1);
		assertThat(this.publisher.getUpdates()).hasSize(1);
		assertThat(tracer.getProcessorDroppedCount()).isEqualTo(1);
	}

	@Test
	void shouldApplyProcessorsInOrderAndStopAtTheFirstDrop() {
		StringBuilder calls = new StringBuilder();
		HoneyHiveEventProcessor first = (event) -> {
			calls.append("first ");
			return event.toBuilder().eventName(event.eventName() + "-1").build();
		};
		HoneyHiveEventProcessor second = (event) -> {
			calls.append("second ");
			return event.eventName().startsWith("secret") ? null
					: event.toBuilder().eventName(event.eventName() + "-2").build();
		};
		HoneyHiveEventProcessor third = (event) -> {
			calls.append("third ");
			return event;
		};
		HoneyHiveTracer tracer = new HoneyHiveTracer(this.publisher, TracingSettings.defaults(),
				java.util.List.of(first, second, third));
		try (tracer) {
			proxy(tracer).answer("q");
			assertThat(calls).hasToString("first second third ");
			calls.setLength(0);
			proxy(tracer).secret("q");
			assertThat(calls).hasToString("first second ");
		}
		assertThat(this.publisher.getEvents()).extracting(CreateEventRequest::eventName).containsExactly("answer-1-2");
	}

	@Test
	void shouldDropTheRecordWhenAProcessorThrowsAndLogItOnceAtWarn(CapturedOutput output) {
		HoneyHiveEventProcessor failing = (event) -> {
			throw new IllegalStateException("processor bug");
		};
		HoneyHiveTracer tracer = new HoneyHiveTracer(this.publisher, TracingSettings.defaults(),
				java.util.List.of(failing));
		try (tracer) {
			Service service = proxy(tracer);
			assertThat(service.answer("1")).isEqualTo("a:1");
			assertThat(service.answer("2")).isEqualTo("a:2");
			assertThat(service.answer("3")).isEqualTo("a:3");
		}
		assertThat(this.publisher.getEvents()).isEmpty();
		// Session starts and updates go through the default methods, which do not throw
		assertThat(this.publisher.getSessions()).hasSize(3);
		assertThat(this.publisher.getUpdates()).hasSize(3);
		assertThat(tracer.getProcessorDroppedCount()).isEqualTo(3);
		// Other tests may have left DEBUG on: count the WARN lines only
		assertThat(output.getAll()
			.lines()
			.filter((line) -> line.contains("WARN") && line.contains("HoneyHive event processor ")
					&& line.contains("the record is dropped")))
			.hasSize(1);
		assertThat(output).contains("processor bug");
	}

	@Test
	void shouldApplyProcessorBeansInTheirOrder() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(AopAutoConfiguration.class, HoneyHiveTracingAutoConfiguration.class))
			.withBean(InMemoryEventPublisher.class)
			.withUserConfiguration(ProcessorConfiguration.class)
			.run((context) -> {
				context.getBean(Service.class).answer("q");
				InMemoryEventPublisher recorded = context.getBean(InMemoryEventPublisher.class);
				assertThat(recorded.getEvents()).singleElement()
					.satisfies((event) -> assertThat(event.metadata()).containsEntry("trail", "early>late"));
			});
	}

	private static Map<String, @Nullable Object> with(@Nullable Map<String, @Nullable Object> map, String key,
			Object value) {
		Map<String, @Nullable Object> copy = (map != null) ? new LinkedHashMap<>(map) : new LinkedHashMap<>();
		copy.merge(key, value, (old, added) -> old + ">" + added);
		return copy;
	}

	@Configuration(proxyBeanMethods = false)
	static class ProcessorConfiguration {

		@Bean
		Service service() {
			return new Service();
		}

		@Bean
		@Order(2)
		HoneyHiveEventProcessor lateProcessor() {
			return (event) -> event.toBuilder().metadata(with(event.metadata(), "trail", "late")).build();
		}

		@Bean
		@Order(1)
		HoneyHiveEventProcessor earlyProcessor() {
			return (event) -> event.toBuilder().metadata(with(event.metadata(), "trail", "early")).build();
		}

	}

	@TraceEvent
	public static class Service {

		public String answer(String question) {
			return "a:" + question;
		}

		public String secret(String value) {
			return "hidden:" + value;
		}

	}

}
