package ai.honeyhive.spring.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import ai.honeyhive.spring.springai.ChatClientCaptureHandler;
import ai.honeyhive.spring.springai.ChatModelCaptureHandler;
import ai.honeyhive.spring.springai.EmbeddingCaptureHandler;
import ai.honeyhive.spring.springai.ModelPrice;
import ai.honeyhive.spring.springai.SpringAiCaptureSettings;
import ai.honeyhive.spring.springai.ToolCaptureHandler;
import ai.honeyhive.spring.springai.VectorStoreCaptureHandler;
import ai.honeyhive.spring.tracing.HoneyHiveTracer;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration of the Spring AI capture: Micrometer observation handlers that
 * record Spring AI's ChatClient, chat model, embedding model, tool and vector store
 * observations as HoneyHive events. Active when Spring AI is on the classpath and tracing
 * is on; each Spring AI module's handler only when that module is present.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = HoneyHiveTracingAutoConfiguration.class,
		afterName = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
@ConditionalOnClass(
		name = { "org.springframework.ai.chat.model.ChatModel", "io.micrometer.observation.ObservationHandler" })
@ConditionalOnBooleanProperty(name = { "honeyhive.enabled", "honeyhive.spring-ai.enabled" }, matchIfMissing = true)
@ConditionalOnBean(HoneyHiveTracer.class)
@EnableConfigurationProperties(HoneyHiveSpringAiProperties.class)
public final class HoneyHiveSpringAiAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	SpringAiCaptureSettings honeyHiveSpringAiCaptureSettings(HoneyHiveSpringAiProperties properties) {
		return captureSettings(properties);
	}

	@Bean
	@ConditionalOnMissingBean
	ChatModelCaptureHandler honeyHiveChatModelCaptureHandler(ObjectProvider<HoneyHiveTracer> tracer,
			SpringAiCaptureSettings settings) {
		return new ChatModelCaptureHandler(tracer::getObject, settings);
	}

	@Bean
	@ConditionalOnMissingBean
	EmbeddingCaptureHandler honeyHiveEmbeddingCaptureHandler(ObjectProvider<HoneyHiveTracer> tracer,
			SpringAiCaptureSettings settings) {
		return new EmbeddingCaptureHandler(tracer::getObject, settings);
	}

	@Bean
	@ConditionalOnMissingBean
	ToolCaptureHandler honeyHiveToolCaptureHandler(ObjectProvider<HoneyHiveTracer> tracer,
			SpringAiCaptureSettings settings) {
		return new ToolCaptureHandler(tracer::getObject, settings);
	}

	@Bean
	static SpringAiObservationCheck honeyHiveSpringAiObservationCheck(ListableBeanFactory beanFactory) {
		return new SpringAiObservationCheck(beanFactory);
	}

	static SpringAiCaptureSettings captureSettings(HoneyHiveSpringAiProperties properties) {
		HoneyHivePropertiesValidator.validateSpringAi(properties);
		Map<String, ModelPrice> prices = new LinkedHashMap<>();
		properties.getPrices()
			.forEach((model, price) -> prices.put(model, new ModelPrice(price.getPrompt(), price.getCompletion())));
		HoneyHiveSpringAiProperties.Capture capture = properties.getCapture();
		return new SpringAiCaptureSettings(capture.isChatClient(), capture.isChatModel(), capture.isTools(),
				capture.isVectorStore(), capture.isEmbedding(), capture.isContent(), properties.isMergeTracedCalls(),
				properties.getMaxDocuments(), prices);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.ai.chat.client.ChatClient")
	static class HoneyHiveChatClientCaptureConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ChatClientCaptureHandler honeyHiveChatClientCaptureHandler(ObjectProvider<HoneyHiveTracer> tracer,
				SpringAiCaptureSettings settings) {
			return new ChatClientCaptureHandler(tracer::getObject, settings);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.ai.vectorstore.VectorStore")
	static class HoneyHiveVectorStoreCaptureConfiguration {

		@Bean
		@ConditionalOnMissingBean
		VectorStoreCaptureHandler honeyHiveVectorStoreCaptureHandler(ObjectProvider<HoneyHiveTracer> tracer,
				SpringAiCaptureSettings settings) {
			return new VectorStoreCaptureHandler(tracer::getObject, settings);
		}

	}

}
