package ai.honeyhive.spring.springai;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * What the Spring AI capture records.
 *
 * @param chatClient whether to record {@code ChatClient} calls as chain events
 * @param chatModel whether to record chat model calls as model events
 * @param tools whether to record tool executions as tool events
 * @param vectorStore whether to record vector store queries as tool events
 * @param embedding whether to record embedding model calls as model events
 * @param content whether to record content: prompts, completions, tool arguments and
 * results, queries and document texts
 * @param mergeTracedCalls whether a {@code @TraceEvent(type = MODEL)} method absorbs the
 * first model call made inside it, and a {@code @TraceEvent} method that is the tool
 * being executed enriches the tool event, instead of each getting a child event
 * @param maxDocuments the most documents of a vector store query recorded
 * @param prices the token prices by model name, for {@code metadata.cost}
 * @since 0.1.0
 */
public record SpringAiCaptureSettings(boolean chatClient, boolean chatModel, boolean tools, boolean vectorStore,
		boolean embedding, boolean content, boolean mergeTracedCalls, int maxDocuments,
		Map<String, ModelPrice> prices) {

	public SpringAiCaptureSettings {
		Assert.isTrue(maxDocuments >= 0, "'maxDocuments' must not be negative");
		Assert.notNull(prices, "'prices' must not be null");
		prices = Map.copyOf(prices);
	}

	/**
	 * Return the defaults: everything captured, content included, traced calls merged,
	 * ten documents per query, no prices.
	 * @return the default settings
	 */
	public static SpringAiCaptureSettings defaults() {
		return new SpringAiCaptureSettings(true, true, true, true, true, true, true, 10, Map.of());
	}

	/**
	 * Return the price of a model.
	 * @param model the model's name, may be {@code null}
	 * @return the price, or {@code null} when none is configured
	 */
	public @Nullable ModelPrice priceOf(@Nullable String model) {
		return (model != null) ? this.prices.get(model) : null;
	}

}
