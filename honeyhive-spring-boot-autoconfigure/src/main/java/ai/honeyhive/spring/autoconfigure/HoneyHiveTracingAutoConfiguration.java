package ai.honeyhive.spring.autoconfigure;

import ai.honeyhive.spring.publisher.EventPublisher;
import ai.honeyhive.spring.tracing.HoneyHiveContextAccessor;
import ai.honeyhive.spring.tracing.HoneyHiveEventProcessor;
import ai.honeyhive.spring.tracing.HoneyHiveTaskDecorator;
import ai.honeyhive.spring.tracing.HoneyHiveTracer;
import ai.honeyhive.spring.tracing.TraceEventAspect;
import ai.honeyhive.spring.tracing.TracingSettings;
import io.micrometer.context.ContextRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.support.ContextPropagatingTaskDecorator;

/**
 * Auto-configuration of {@code @TraceEvent} tracing: the {@link HoneyHiveTracer}, the
 * {@link TraceEventAspect} (when the AspectJ weaver is present), the Micrometer
 * context-propagation accessor of the current event (when context-propagation is present)
 * and a task decorator that carries it to Spring Boot's task executor. Every
 * {@link HoneyHiveEventProcessor} bean is applied, in order, to what the tracer records.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = { HoneyHivePublisherAutoConfiguration.class, TaskExecutionAutoConfiguration.class })
@ConditionalOnBooleanProperty(name = { "honeyhive.enabled", "honeyhive.tracing.enabled" }, matchIfMissing = true)
@ConditionalOnBean(EventPublisher.class)
@EnableConfigurationProperties(HoneyHiveProperties.class)
public final class HoneyHiveTracingAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	HoneyHiveTracer honeyHiveTracer(EventPublisher eventPublisher, HoneyHiveProperties properties,
			ObjectProvider<HoneyHiveEventProcessor> eventProcessors) {
		return new HoneyHiveTracer(eventPublisher, tracingSettings(properties),
				eventProcessors.orderedStream().toList());
	}

	/**
	 * Carries the current event to tasks of Spring Boot's task executor ({@code @Async}).
	 * Boot applies every TaskDecorator bean, composed, so a user's own decorator keeps
	 * working. Not needed when a {@link ContextPropagatingTaskDecorator} bean is there
	 * (Boot's, with {@code spring.task.execution.propagate-context=true}, or one the
	 * application declares, as Boot 4.0 applications do): it carries the event through
	 * the registered accessor. The bean, not the property, decides, since Boot 4.0 has no
	 * such property.
	 */
	@Bean
	@ConditionalOnMissingBean({ HoneyHiveTaskDecorator.class, ContextPropagatingTaskDecorator.class })
	HoneyHiveTaskDecorator honeyHiveTaskDecorator() {
		return new HoneyHiveTaskDecorator();
	}

	/**
	 * The tracer's settings. The project and the session name default to
	 * spring.application.name in the environment
	 * ({@link HoneyHiveEnvironmentPostProcessor}), not here.
	 */
	static TracingSettings tracingSettings(HoneyHiveProperties properties) {
		HoneyHivePropertiesValidator.validateTracing(properties);
		HoneyHiveProperties.Tracing tracing = properties.getTracing();
		return new TracingSettings(properties.getProject(), properties.getSource(), tracing.getSessionName(),
				tracing.isCaptureInputs(), tracing.isCaptureOutputs(), (int) tracing.getMaxValueSize().toBytes(),
				tracing.getRedactionPatterns(), tracing.getAsyncTimeout());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.aspectj.weaver.Advice")
	static class HoneyHiveTraceEventAspectConfiguration {

		@Bean
		@ConditionalOnMissingBean
		TraceEventAspect honeyHiveTraceEventAspect(HoneyHiveTracer honeyHiveTracer) {
			return new TraceEventAspect(honeyHiveTracer);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "io.micrometer.context.ContextRegistry")
	static class HoneyHiveContextPropagationConfiguration {

		@Bean
		@ConditionalOnMissingBean
		HoneyHiveContextAccessor honeyHiveContextAccessor() {
			return new HoneyHiveContextAccessor();
		}

		/**
		 * Registers the accessor of the current event with the global
		 * {@link ContextRegistry} while the context runs, so Boot's context propagation
		 * and Reactor's automatic mode carry it; the registration is shared by the
		 * contexts running at once and removed when the last of them closes.
		 */
		@Bean
		HoneyHiveContextAccessorRegistration honeyHiveContextAccessorRegistration(
				HoneyHiveContextAccessor honeyHiveContextAccessor) {
			return new HoneyHiveContextAccessorRegistration(ContextRegistry.getInstance(), honeyHiveContextAccessor);
		}

	}

}
