package ai.honeyhive.spring.sample.collector;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The collector's beans and the property that turns them off.
 */
class CollectorConfigurationTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withBean(JsonMapper.class, () -> JsonMapper.builder().build())
		.withUserConfiguration(CollectorConfiguration.class, CollectorController.class, CollectorPageController.class);

	@Test
	void shouldRunCollectorByDefault() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(CollectorStore.class)
			.hasSingleBean(CollectorController.class)
			.hasSingleBean(CollectorPageController.class));
	}

	@Test
	void shouldTurnCollectorAndPageOffWithProperty() {
		this.contextRunner.withPropertyValues("sample.collector.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(CollectorStore.class)
				.doesNotHaveBean(CollectorController.class)
				.doesNotHaveBean(CollectorPageController.class));
	}

	@Test
	void shouldBindBounds() {
		this.contextRunner
			.withPropertyValues("sample.collector.max-sessions=1", "sample.collector.max-events=1",
					"sample.collector.page-size=5")
			.run((context) -> {
				CollectorStore store = context.getBean(CollectorStore.class);
				store.addEvent(event("e1", "s1"), null);
				store.addEvent(event("e2", "s2"), null);
				assertThat(store.sessionCount()).isOne();
				assertThat(store.eventCount()).isOne();
				assertThat(context.getBean(CollectorProperties.class).getPageSize()).isEqualTo(5);
			});
	}

	@Test
	void shouldFailStartupOnBoundBelowOne() {
		this.contextRunner.withPropertyValues("sample.collector.max-events=0").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("sample.collector.max-events")
				.hasMessageContaining("Must be at least 1");
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
