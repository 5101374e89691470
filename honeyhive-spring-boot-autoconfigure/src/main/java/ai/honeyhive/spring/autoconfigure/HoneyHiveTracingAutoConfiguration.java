package ai.honeyhive.spring.autoconfigure;

import ai.honeyhive.spring.publisher.EventPublisher;
import ai.honeyhive.spring.tracing.HoneyHiveContextAccessor;
import ai.honeyhive.spring.tracing.HoneyHiveTaskDecorator;
import ai.honeyhive.spring.tracing.HoneyHiveTracer;
import ai.honeyhive.spring.tracing.TraceEventAspect;
import ai.honeyhive.spring.tracing.TracingSettings;
import io.micrometer.context.ContextRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Auto-configuration of {@code @TraceEvent} tracing: the {@link HoneyHiveTracer}, the
 * {@link TraceEventAspect} (when the AspectJ weaver is present), the Micrometer
 * context-propagation accessor of the current event (when context-propagation is present)
 * and a task decorator that carries it to Spring Boot's task executor.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = HoneyHivePublisherAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = { "honeyhive.enabled", "honeyhive.tracing.enabled" }, matchIfMissing = true)
@ConditionalOnBean(EventPublisher.class)
@EnableConfigurationProperties(HoneyHiveProperties.class)
public final class HoneyHiveTracingAutoConfiguration {

	private static final String DEFAULT_SESSION_NAME = "application";

	@Bean
	@ConditionalOnMissingBean
	HoneyHiveTracer honeyHiveTracer(EventPublisher eventPublisher, HoneyHiveProperties properties,
			Environment environment) {
		return new HoneyHiveTracer(eventPublisher, tracingSettings(properties, environment));
	}

	/**
	 * Carries the current event to tasks of Spring Boot's task executor ({@code @Async}).
	 * Boot applies every TaskDecorator bean, composed, so a user's own decorator keeps
	 * working. Not needed when Boot's own context-propagating decorator is on: it carries
	 * the event through the registered accessor.
	 */
	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = "spring.task.execution.propagate-context", havingValue = false,
			matchIfMissing = true)
	HoneyHiveTaskDecorator honeyHiveTaskDecorator() {
		return new HoneyHiveTaskDecorator();
	}

	static TracingSettings tracingSettings(HoneyHiveProperties properties, Environment environment) {
		HoneyHiveProperties.Tracing tracing = properties.getTracing();
		String applicationName = environment.getProperty("spring.application.name");
		String project = StringUtils.hasText(properties.getProject()) ? properties.getProject() : applicationName;
		String sessionName = StringUtils.hasText(tracing.getSessionName()) ? tracing.getSessionName()
				: StringUtils.hasText(applicationName) ? applicationName : DEFAULT_SESSION_NAME;
		long maxValueSize = Math.min(Integer.MAX_VALUE - 64, Math.max(1, tracing.getMaxValueSize().toBytes()));
		return new TracingSettings(project, properties.getSource(), sessionName, tracing.isCaptureInputs(),
				tracing.isCaptureOutputs(), (int) maxValueSize, tracing.getRedactionPatterns(),
				tracing.getAsyncTimeout());
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

		/**
		 * Registers the accessor of the current event with the global
		 * {@link ContextRegistry}, so Boot's context propagation and Reactor's automatic
		 * mode carry it; the registration is replaced, not duplicated, on a refresh.
		 */
		@Bean
		@ConditionalOnMissingBean
		HoneyHiveContextAccessor honeyHiveContextAccessor() {
			HoneyHiveContextAccessor accessor = new HoneyHiveContextAccessor();
			ContextRegistry.getInstance().registerThreadLocalAccessor(accessor);
			return accessor;
		}

	}

}
