package ai.honeyhive.spring.springai;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import ai.honeyhive.spring.client.CreateEventRequest;
import ai.honeyhive.spring.client.EventType;
import ai.honeyhive.spring.publisher.InMemoryEventPublisher;
import ai.honeyhive.spring.tracing.HoneyHiveTracer;
import ai.honeyhive.spring.tracing.TracingSettings;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.client.advisor.api.Advisor;
import org.springframework.ai.chat.client.advisor.vectorstore.QuestionAnswerAdvisor;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.document.Document;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.function.FunctionToolCallback;
import org.springframework.ai.vectorstore.SearchRequest;
import org.springframework.ai.vectorstore.SimpleVectorStore;

/**
 * A tracer recording in memory, an observation registry with the Spring AI capture
 * handlers, and a ChatClient over the fake models with retrieval and a weather tool. One
 * per test: nothing is shared.
 */
final class SpringAiFixture {

	final InMemoryEventPublisher publisher = new InMemoryEventPublisher();

	final HoneyHiveTracer tracer = new HoneyHiveTracer(this.publisher, TracingSettings.defaults().withProject("proj"));

	final ObservationRegistry registry = ObservationRegistry.create();

	final FakeEmbeddingModel embeddingModel = new FakeEmbeddingModel(this.registry);

	final SimpleVectorStore vectorStore;

	final ToolCallback weatherTool;

	/** What the weather tool answers, replaceable by a test. */
	volatile Function<String, String> weather = (city) -> "sunny in " + city;

	SpringAiFixture(SpringAiCaptureSettings settings) {
		this.vectorStore = SimpleVectorStore.builder(this.embeddingModel).observationRegistry(this.registry).build();
		this.vectorStore
			.add(List.of(new Document("doc-1", "Paris weather is mild in spring", Map.of("source", "guide")),
					new Document("doc-2", "Invoices are emailed monthly", Map.of("source", "billing"))));
		this.weatherTool = FunctionToolCallback
			.builder("weather", (WeatherRequest request) -> this.weather.apply(request.city()))
			.description("Current weather of a city")
			.inputType(WeatherRequest.class)
			.build();
		this.registry.observationConfig()
			.observationHandler(new ChatClientCaptureHandler(this.tracer, settings))
			.observationHandler(new ChatModelCaptureHandler(this.tracer, settings))
			.observationHandler(new ToolCaptureHandler(this.tracer, settings))
			.observationHandler(new EmbeddingCaptureHandler(this.tracer, settings))
			.observationHandler(new VectorStoreCaptureHandler(this.tracer, settings));
	}

	ChatClient chatClient() {
		return chatClient(new FakeChatModel(this.registry));
	}

	ChatClient chatClient(ChatModel model) {
		return ChatClient.builder(model, this.registry, null, null)
			.defaultAdvisors(QuestionAnswerAdvisor.builder(this.vectorStore)
				.searchRequest(SearchRequest.builder().topK(1).build())
				.protectFromBlocking(false)
				.order(Advisor.DEFAULT_CHAT_MEMORY_PRECEDENCE_ORDER)
				.build())
			.defaultTools(this.weatherTool)
			.build();
	}

	List<CreateEventRequest> events(EventType type) {
		return this.publisher.getEvents().stream().filter((event) -> event.eventType() == type).toList();
	}

	CreateEventRequest only(String name) {
		List<CreateEventRequest> events = this.publisher.getEvents()
			.stream()
			.filter((event) -> name.equals(event.eventName()))
			.toList();
		if (events.size() != 1) {
			throw new AssertionError("Expected one event named " + name + " but got " + events);
		}
		return events.get(0);
	}

	static SpringAiCaptureSettings settings(boolean chatClient, boolean chatModel, boolean tools, boolean vectorStore,
			boolean embedding, boolean content, boolean merge) {
		return new SpringAiCaptureSettings(chatClient, chatModel, tools, vectorStore, embedding, content, merge, 10,
				Map.of(FakeChatModel.MODEL, new ModelPrice(1.0, 2.0)));
	}

	static SpringAiCaptureSettings defaults() {
		return settings(true, true, true, true, true, true, true);
	}

	record WeatherRequest(String city) {
	}

}
