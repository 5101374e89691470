package ai.honeyhive.spring.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.micrometer.observation.ObservationRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.DirectFieldAccessor;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.util.ClassUtils;

/**
 * Warns once at startup when Spring AI would run on the no-op observation registry, where
 * the capture sees nothing: no {@link ObservationRegistry} bean at all, or Spring AI
 * beans built by hand without it (such as {@code ChatClient.create(chatModel)}).
 */
final class SpringAiObservationCheck implements SmartInitializingSingleton {

	private static final Log logger = LogFactory.getLog(SpringAiObservationCheck.class);

	// The Spring AI types checked and where their registry is kept
	private static final Map<String, String> REGISTRY_FIELDS = Map.of("org.springframework.ai.chat.client.ChatClient",
			"defaultChatClientRequest.observationRegistry", "org.springframework.ai.chat.model.ChatModel",
			"observationRegistry", "org.springframework.ai.embedding.EmbeddingModel", "observationRegistry",
			"org.springframework.ai.vectorstore.VectorStore", "observationRegistry");

	private final ListableBeanFactory beanFactory;

	SpringAiObservationCheck(ListableBeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	@Override
	public void afterSingletonsInstantiated() {
		try {
			check();
		}
		catch (RuntimeException ex) { // NOSONAR a check must not stop the application
			logger.debug("Could not check the Spring AI observation registry", ex);
		}
	}

	private void check() {
		ObservationRegistry registry = this.beanFactory.getBeanProvider(ObservationRegistry.class).getIfUnique();
		if (registry == null || registry.isNoop()) {
			logger.warn("HoneyHive records no Spring AI calls: there is no ObservationRegistry, so Spring AI uses "
					+ "ObservationRegistry.NOOP. Add org.springframework.boot:spring-boot-micrometer-observation "
					+ "(honeyhive-spring-boot-starter brings it) and do not exclude ObservationAutoConfiguration.");
			return;
		}
		List<String> unobserved = new ArrayList<>();
		ClassLoader classLoader = getClass().getClassLoader();
		REGISTRY_FIELDS.forEach((typeName, field) -> {
			if (!ClassUtils.isPresent(typeName, classLoader)) {
				return;
			}
			Class<?> type = ClassUtils.resolveClassName(typeName, classLoader);
			for (String name : this.beanFactory.getBeanNamesForType(type, false, false)) {
				if (isNoop(this.beanFactory.getBean(name), field)) {
					unobserved.add(name + " (" + type.getSimpleName() + ")");
				}
			}
		});
		if (!unobserved.isEmpty()) {
			logger.warn("HoneyHive records no calls of " + unobserved + ": they were built with a no-op "
					+ "ObservationRegistry (ObservationRegistry.NOOP, as ChatClient.create(chatModel) and "
					+ "ChatClient.builder(chatModel) use). Inject the auto-configured ChatClient.Builder instead, or pass the ObservationRegistry "
					+ "bean to the builder.");
		}
	}

	static boolean isNoop(Object bean, String field) {
		try {
			Object value = new DirectFieldAccessor(bean).getPropertyValue(field);
			return value instanceof ObservationRegistry registry && registry.isNoop();
		}
		catch (RuntimeException ex) { // NOSONAR not every implementation keeps it there
			return false;
		}
	}

}
