package ai.honeyhive.spring.collector;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The collector's auto-configuration: its beans, the properties that shape it and the one
 * that turns it off.
 */
class CollectorConfigurationTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withBean(JsonMapper.class, () -> JsonMapper.builder().build())
		.withConfiguration(AutoConfigurations.of(HoneyHiveCollectorAutoConfiguration.class));

	@Test
	void shouldRunCollectorByDefault() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(CollectorStore.class)
				.hasSingleBean(CollectorController.class)
				.hasSingleBean(CollectorPageController.class);
			CollectorProperties properties = context.getBean(CollectorProperties.class);
			assertThat(properties.getBasePath()).isEqualTo("/honeyhive");
			assertThat(properties.isAllowOthers()).isFalse();
			assertThat(properties.getMaxSessions()).isEqualTo(1000);
			assertThat(properties.getMaxEvents()).isEqualTo(20000);
			assertThat(properties.getPageSize()).isEqualTo(20);
		});
	}

	@Test
	void shouldGuardBasePathWithLoopbackFilter() {
		this.contextRunner.withPropertyValues("honeyhive.collector.base-path=/dev/traces").run((context) -> {
			FilterRegistrationBean<?> registration = context.getBean(FilterRegistrationBean.class);
			assertThat(registration.getFilter()).isInstanceOf(LoopbackOnlyFilter.class);
			assertThat(registration.getUrlPatterns()).containsExactly("/dev/traces", "/dev/traces/*");
		});
	}

	@Test
	void shouldTurnCollectorAndPageOffWithProperty() {
		this.contextRunner.withPropertyValues("honeyhive.collector.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(CollectorStore.class)
				.doesNotHaveBean(CollectorController.class)
				.doesNotHaveBean(CollectorPageController.class)
				.doesNotHaveBean(FilterRegistrationBean.class));
	}

	@Test
	void shouldStayOffOutsideWebApplications() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(HoneyHiveCollectorAutoConfiguration.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(CollectorStore.class));
	}

	@Test
	void shouldBindBounds() {
		this.contextRunner
			.withPropertyValues("honeyhive.collector.max-sessions=1", "honeyhive.collector.max-events=1",
					"honeyhive.collector.page-size=5", "honeyhive.collector.allow-others=true")
			.run((context) -> {
				CollectorStore store = context.getBean(CollectorStore.class);
				store.addEvent(event("e1", "s1"), null);
				store.addEvent(event("e2", "s2"), null);
				assertThat(store.sessionCount()).isOne();
				assertThat(store.eventCount()).isOne();
				assertThat(context.getBean(CollectorProperties.class).getPageSize()).isEqualTo(5);
				assertThat(context.getBean(CollectorProperties.class).isAllowOthers()).isTrue();
			});
	}

	@Test
	void shouldFailStartupOnBoundBelowOne() {
		this.contextRunner.withPropertyValues("honeyhive.collector.max-events=0").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("honeyhive.collector.max-events")
				.hasMessageContaining("Must be at least 1");
		});
	}

	@Test
	void shouldFailStartupOnBasePathWithoutLeadingSlash() {
		this.contextRunner.withPropertyValues("honeyhive.collector.base-path=honeyhive/").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("honeyhive.collector.base-path")
				.hasMessageContaining("Must start with '/'");
		});
	}

	private static Map<String, @Nullable Object> event(String id, String session) {
		Map<String, @Nullable Object> request = new LinkedHashMap<>();
		request.put("event_name", id);
		request.put("event_type", "tool");
		request.put("event_id", id);
		request.put("session_id", session);
		return EventDocuments.event(request, 0);
	}

}
