package ai.honeyhive.spring.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

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
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.task.support.ContextPropagatingTaskDecorator;
import org.springframework.util.StringUtils;
import org.springframework.util.unit.DataSize;

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

	private static final String DEFAULT_SESSION_NAME = "application";

	private static final String PREFIX = "honeyhive.tracing.";

	@Bean
	@ConditionalOnMissingBean
	HoneyHiveTracer honeyHiveTracer(EventPublisher eventPublisher, HoneyHiveProperties properties,
			Environment environment, ObjectProvider<HoneyHiveEventProcessor> eventProcessors) {
		return new HoneyHiveTracer(eventPublisher, tracingSettings(properties, environment),
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

	static TracingSettings tracingSettings(HoneyHiveProperties properties, Environment environment) {
		HoneyHiveProperties.Tracing tracing = properties.getTracing();
		validate(tracing);
		String applicationName = environment.getProperty("spring.application.name");
		String project = StringUtils.hasText(properties.getProject()) ? properties.getProject() : applicationName;
		String sessionName = StringUtils.hasText(tracing.getSessionName()) ? tracing.getSessionName()
				: StringUtils.hasText(applicationName) ? applicationName : DEFAULT_SESSION_NAME;
		long maxValueSize = Math.min(Integer.MAX_VALUE - 64, tracing.getMaxValueSize().toBytes());
		return new TracingSettings(project, properties.getSource(), sessionName, tracing.isCaptureInputs(),
				tracing.isCaptureOutputs(), (int) maxValueSize, tracing.getRedactionPatterns(),
				tracing.getAsyncTimeout());
	}

	private static void validate(HoneyHiveProperties.Tracing tracing) {
		DataSize maxValueSize = tracing.getMaxValueSize();
		if (maxValueSize == null || maxValueSize.toBytes() <= 0) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + "max-value-size", maxValueSize,
					"Must be positive, such as 16KB (the default).");
		}
		Duration asyncTimeout = tracing.getAsyncTimeout();
		if (asyncTimeout == null || asyncTimeout.isZero() || asyncTimeout.isNegative()) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + "async-timeout", asyncTimeout,
					"Must be a positive duration, such as 5m (the default).");
		}
		List<String> patterns = tracing.getRedactionPatterns();
		if (patterns == null) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + "redaction-patterns", null,
					"Set a list of regular expressions, or an empty list to redact nothing.");
		}
		for (int i = 0; i < patterns.size(); i++) {
			String pattern = patterns.get(i);
			String name = PREFIX + "redaction-patterns[" + i + "]";
			if (!StringUtils.hasText(pattern)) {
				throw new InvalidConfigurationPropertyValueException(name, pattern,
						"An empty pattern would match every name and redact every value: remove it.");
			}
			try {
				Pattern.compile(pattern);
			}
			catch (PatternSyntaxException ex) {
				throw new InvalidConfigurationPropertyValueException(name, pattern,
						"Not a valid regular expression (" + ex.getDescription() + " near index " + ex.getIndex()
								+ "); fix it or escape special characters with a backslash, such as 'api\\.key'.");
			}
		}
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
