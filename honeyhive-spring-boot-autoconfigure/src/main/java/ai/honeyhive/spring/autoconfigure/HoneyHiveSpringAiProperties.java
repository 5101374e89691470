package ai.honeyhive.spring.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties of the Spring AI capture, under {@code honeyhive.spring-ai}.
 * Bound only when Spring AI is on the classpath.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("honeyhive.spring-ai")
public class HoneyHiveSpringAiProperties {

	/**
	 * Whether to record Spring AI calls (ChatClient, chat and embedding models, tools,
	 * vector store queries) as HoneyHive events.
	 */
	private boolean enabled = true;

	/**
	 * Whether a @TraceEvent(type = MODEL) method absorbs the first Spring AI model call
	 * made inside it, and a @TraceEvent method that is the tool being executed enriches
	 * the tool event, instead of each getting a child event.
	 */
	private boolean mergeTracedCalls = true;

	/**
	 * Most documents of a vector store query recorded in its event.
	 */
	private int maxDocuments = 10;

	/**
	 * Token prices by model name, from which model events' metadata.cost is computed.
	 * Write names with dots in brackets, such as prices[gpt-4.1].prompt.
	 */
	private Map<String, Price> prices = new LinkedHashMap<>();

	private final Capture capture = new Capture();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public boolean isMergeTracedCalls() {
		return this.mergeTracedCalls;
	}

	public void setMergeTracedCalls(boolean mergeTracedCalls) {
		this.mergeTracedCalls = mergeTracedCalls;
	}

	public int getMaxDocuments() {
		return this.maxDocuments;
	}

	public void setMaxDocuments(int maxDocuments) {
		this.maxDocuments = maxDocuments;
	}

	public Map<String, Price> getPrices() {
		return this.prices;
	}

	public void setPrices(Map<String, Price> prices) {
		this.prices = prices;
	}

	public Capture getCapture() {
		return this.capture;
	}

	/**
	 * Which Spring AI calls are recorded, and whether their content is.
	 */
	public static class Capture {

		/**
		 * Whether to record ChatClient calls as chain events.
		 */
		private boolean chatClient = true;

		/**
		 * Whether to record chat model calls as model events.
		 */
		private boolean chatModel = true;

		/**
		 * Whether to record tool executions as tool events.
		 */
		private boolean tools = true;

		/**
		 * Whether to record vector store queries as tool events.
		 */
		private boolean vectorStore = true;

		/**
		 * Whether to record embedding model calls as model events.
		 */
		private boolean embedding = true;

		/**
		 * Whether to record content: prompts, completions, tool arguments and results,
		 * queries and document texts. Recorded content is subject to
		 * honeyhive.tracing.redaction-patterns and honeyhive.tracing.max-value-size.
		 */
		private boolean content = true;

		public boolean isChatClient() {
			return this.chatClient;
		}

		public void setChatClient(boolean chatClient) {
			this.chatClient = chatClient;
		}

		public boolean isChatModel() {
			return this.chatModel;
		}

		public void setChatModel(boolean chatModel) {
			this.chatModel = chatModel;
		}

		public boolean isTools() {
			return this.tools;
		}

		public void setTools(boolean tools) {
			this.tools = tools;
		}

		public boolean isVectorStore() {
			return this.vectorStore;
		}

		public void setVectorStore(boolean vectorStore) {
			this.vectorStore = vectorStore;
		}

		public boolean isEmbedding() {
			return this.embedding;
		}

		public void setEmbedding(boolean embedding) {
			this.embedding = embedding;
		}

		public boolean isContent() {
			return this.content;
		}

		public void setContent(boolean content) {
			this.content = content;
		}

	}

	/**
	 * The price of a model's tokens.
	 */
	public static class Price {

		/**
		 * Price of a million prompt (input) tokens.
		 */
		private double prompt;

		/**
		 * Price of a million completion (output) tokens.
		 */
		private double completion;

		public double getPrompt() {
			return this.prompt;
		}

		public void setPrompt(double prompt) {
			this.prompt = prompt;
		}

		public double getCompletion() {
			return this.completion;
		}

		public void setCompletion(double completion) {
			this.completion = completion;
		}

	}

}
