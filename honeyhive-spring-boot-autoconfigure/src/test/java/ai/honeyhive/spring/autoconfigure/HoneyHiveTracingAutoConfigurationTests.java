package ai.honeyhive.spring.autoconfigure;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import ai.honeyhive.spring.client.CreateEventRequest;
import ai.honeyhive.spring.publisher.InMemoryEventPublisher;
import ai.honeyhive.spring.tracing.HoneyHiveContextAccessor;
import ai.honeyhive.spring.tracing.HoneyHiveTaskDecorator;
import ai.honeyhive.spring.tracing.HoneyHiveTracer;
import ai.honeyhive.spring.tracing.SessionScope;
import ai.honeyhive.spring.tracing.TraceEvent;
import ai.honeyhive.spring.tracing.TraceEventAspect;
import ai.honeyhive.spring.tracing.TraceTrees;
import ai.honeyhive.spring.tracing.TracingSettings;
import io.micrometer.context.ContextRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.task.TaskDecorator;
import org.springframework.core.task.support.ContextPropagatingTaskDecorator;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link HoneyHiveTracingAutoConfiguration}.
 */
@Timeout(60)
class HoneyHiveTracingAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class, TaskExecutionAutoConfiguration.class,
				HoneyHiveTracingAutoConfiguration.class))
		.withBean(InMemoryEventPublisher.class);

	@Test
	void shouldProvideTracerAspectDecoratorAndAccessorByDefault() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(HoneyHiveTracer.class)
				.hasBean("honeyHiveTracer")
				.hasSingleBean(TraceEventAspect.class)
				.hasBean("honeyHiveTraceEventAspect")
				.hasSingleBean(HoneyHiveTaskDecorator.class)
				.hasBean("honeyHiveTaskDecorator")
				.hasSingleBean(HoneyHiveContextAccessor.class);
			assertThat(ContextRegistry.getInstance().getThreadLocalAccessors())
				.anySatisfy((accessor) -> assertThat(accessor).isInstanceOf(HoneyHiveContextAccessor.class));
			TracingSettings settings = context.getBean(HoneyHiveTracer.class).getSettings();
			assertThat(settings.sessionName()).isEqualTo("application");
			assertThat(settings.project()).isNull();
			assertThat(settings.source()).isEqualTo("dev");
			assertThat(settings.maxValueSize()).isEqualTo(16 * 1024);
			assertThat(settings.captureInputs()).isTrue();
			assertThat(settings.captureOutputs()).isTrue();
			assertThat(settings.asyncTimeout()).isEqualTo(Duration.ofMinutes(5));
		});
	}

	@Test
	void shouldBindTracingProperties() {
		this.contextRunner
			.withPropertyValues("honeyhive.project=proj", "honeyhive.source=prod",
					"honeyhive.tracing.session-name=chat", "honeyhive.tracing.capture-inputs=false",
					"honeyhive.tracing.capture-outputs=false", "honeyhive.tracing.max-value-size=2KB",
					"honeyhive.tracing.redaction-patterns=ssn,card", "honeyhive.tracing.async-timeout=30s")
			.run((context) -> {
				TracingSettings settings = context.getBean(HoneyHiveTracer.class).getSettings();
				assertThat(settings.project()).isEqualTo("proj");
				assertThat(settings.source()).isEqualTo("prod");
				assertThat(settings.sessionName()).isEqualTo("chat");
				assertThat(settings.captureInputs()).isFalse();
				assertThat(settings.captureOutputs()).isFalse();
				assertThat(settings.maxValueSize()).isEqualTo(2048);
				assertThat(settings.redactionPatterns()).containsExactly("ssn", "card");
				assertThat(settings.asyncTimeout()).isEqualTo(Duration.ofSeconds(30));
			});
	}

	@Test
	void shouldNameProjectAndSessionsAfterTheApplicationByDefault() {
		this.contextRunner.withPropertyValues("spring.application.name=assistant").run((context) -> {
			TracingSettings settings = context.getBean(HoneyHiveTracer.class).getSettings();
			assertThat(settings.project()).isEqualTo("assistant");
			assertThat(settings.sessionName()).isEqualTo("assistant");
		});
	}

	@Test
	void shouldBackOffWhenTracingIsDisabled() {
		this.contextRunner.withPropertyValues("honeyhive.tracing.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(HoneyHiveTracer.class)
				.doesNotHaveBean(TraceEventAspect.class)
				.doesNotHaveBean(HoneyHiveTaskDecorator.class));
	}

	@Test
	void shouldBackOffWhenHoneyHiveIsDisabled() {
		this.contextRunner.withPropertyValues("honeyhive.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(HoneyHiveTracer.class));
	}

	@Test
	void shouldBackOffWithoutAnEventPublisher() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(HoneyHiveTracingAutoConfiguration.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(HoneyHiveTracer.class));
	}

	@Test
	void shouldUseTheUsersBeans() {
		this.contextRunner
			.withBean("myTracer", HoneyHiveTracer.class,
					() -> new HoneyHiveTracer(new InMemoryEventPublisher(), TracingSettings.defaults()))
			.withBean("myAspect", TraceEventAspect.class,
					() -> new TraceEventAspect(
							new HoneyHiveTracer(new InMemoryEventPublisher(), TracingSettings.defaults())))
			.run((context) -> {
				assertThat(context).hasSingleBean(HoneyHiveTracer.class).hasBean("myTracer");
				assertThat(context).hasSingleBean(TraceEventAspect.class).hasBean("myAspect");
			});
	}

	@Test
	void shouldNotDefineTheAspectWithoutAspectJ() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("org.aspectj"))
			.run((context) -> assertThat(context).hasSingleBean(HoneyHiveTracer.class)
				.doesNotHaveBean(TraceEventAspect.class));
	}

	@Test
	void shouldNotDefineTheAccessorWithoutContextPropagation() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(ContextRegistry.class))
			.run((context) -> assertThat(context).hasSingleBean(HoneyHiveTracer.class)
				.doesNotHaveBean(HoneyHiveContextAccessor.class));
	}

	@Test
	void shouldLeavePropagationToBootsDecoratorWhenItIsEnabled() {
		this.contextRunner.withPropertyValues("spring.task.execution.propagate-context=true").run((context) -> {
			// Boot 4.1 defines its decorator for the property and ours backs off; Boot
			// 4.0
			// has no such property, and ours carries the event: never both
			assertThat(context.getBeansOfType(TaskDecorator.class)).hasSize(1);
			assertContextReachesExecutorTasks(context.getBean(HoneyHiveTracer.class),
					context.getBean("applicationTaskExecutor", ThreadPoolTaskExecutor.class));
		});
	}

	@Test
	void shouldLeavePropagationToTheApplicationsContextPropagatingDecorator() {
		// What Boot 4.0 applications declare, having no propagate-context property
		this.contextRunner.withBean(ContextPropagatingTaskDecorator.class).run((context) -> {
			assertThat(context).doesNotHaveBean(HoneyHiveTaskDecorator.class);
			assertContextReachesExecutorTasks(context.getBean(HoneyHiveTracer.class),
					context.getBean("applicationTaskExecutor", ThreadPoolTaskExecutor.class));
		});
	}

	@Test
	void shouldComposeWithTheUsersTaskDecorator() {
		AtomicReference<String> decorated = new AtomicReference<>();
		this.contextRunner.withBean("userDecorator", TaskDecorator.class, () -> (runnable) -> () -> {
			decorated.set("user");
			runnable.run();
		}).run((context) -> {
			assertContextReachesExecutorTasks(context.getBean(HoneyHiveTracer.class),
					context.getBean("applicationTaskExecutor", ThreadPoolTaskExecutor.class));
			assertThat(decorated).hasValue("user");
		});
	}

	private static void assertContextReachesExecutorTasks(HoneyHiveTracer tracer, ThreadPoolTaskExecutor executor)
			throws Exception {
		try (SessionScope session = tracer.startSession("s")) {
			CompletableFuture<String> seen = new CompletableFuture<>();
			executor.execute(() -> seen.complete(tracer.currentSessionId().orElse("none")));
			assertThat(seen.get(30, TimeUnit.SECONDS)).isEqualTo(session.sessionId());
		}
	}

	@Test
	void shouldTraceBeansThroughSpringAopProxies() {
		this.contextRunner.withBean(Traced.class).run((context) -> {
			context.getBean(Traced.class).call("x");
			InMemoryEventPublisher publisher = context.getBean(InMemoryEventPublisher.class);
			CreateEventRequest event = TraceTrees.event(publisher, "call");
			assertThat(event.inputs()).containsEntry("value", "x");
			assertThat(TraceTrees.assertLinked(publisher, event.sessionId())).hasSize(1);
		});
	}

	static class Traced {

		@TraceEvent
		public String call(String value) {
			return value;
		}

	}

}
