package ai.honeyhive.spring.tracing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A call to a language model, recorded on the current event with
 * {@link HoneyHiveTracer#recordModelCall(ModelCall)} and laid out as HoneyHive's model
 * events are: {@code config.model}, {@code config.provider},
 * {@code config.hyperparameters}, {@code config.template},
 * {@code config.template_inputs}, {@code config.tools}, {@code inputs.chat_history}, the
 * response in {@code outputs} ({@code role} and {@code content} for a text response), and
 * {@code metadata.prompt_tokens}, {@code completion_tokens}, {@code total_tokens} and
 * {@code cost}. <pre class="code">
 * tracer.recordModelCall(ModelCall.builder()
 *     .model("gpt-4o").provider("openai")
 *     .message("system", prompt).message("user", question)
 *     .response(answer)
 *     .promptTokens(35).completionTokens(23).cost(0.00008)
 *     .hyperparameter("temperature", 0.2)
 *     .build());
 * </pre>
 *
 * @since 0.1.0
 */
public final class ModelCall {

	private final @Nullable String model;

	private final @Nullable String provider;

	private final @Nullable List<Object> messages;

	private final @Nullable Object response;

	private final @Nullable Long promptTokens;

	private final @Nullable Long completionTokens;

	private final @Nullable Long totalTokens;

	private final @Nullable Double cost;

	private final @Nullable Map<String, @Nullable Object> hyperparameters;

	private final @Nullable List<?> template;

	private final @Nullable Map<String, ?> templateInputs;

	private final @Nullable List<?> tools;

	private ModelCall(Builder builder) {
		this.model = builder.model;
		this.provider = builder.provider;
		this.messages = (builder.messages != null) ? List.copyOf(builder.messages) : null;
		this.response = builder.response;
		this.promptTokens = builder.promptTokens;
		this.completionTokens = builder.completionTokens;
		this.totalTokens = (builder.totalTokens != null) ? builder.totalTokens
				: (builder.promptTokens != null && builder.completionTokens != null)
						? builder.promptTokens + builder.completionTokens : null;
		this.cost = builder.cost;
		this.hyperparameters = builder.hyperparameters;
		this.template = builder.template;
		this.templateInputs = builder.templateInputs;
		this.tools = builder.tools;
	}

	/**
	 * Return a new builder.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	void applyTo(Enrichment event) {
		if (this.model != null) {
			layout(event, TraceNode.CONFIG, "model", this.model);
		}
		if (this.provider != null) {
			layout(event, TraceNode.CONFIG, "provider", this.provider);
		}
		if (this.hyperparameters != null) {
			// the names inside are the user's: an "api_key" hyperparameter is redacted
			if (event instanceof TraceNode node) {
				node.putLayout(TraceNode.CONFIG, "hyperparameters", this.hyperparameters, true);
			}
			else {
				event.config("hyperparameters", this.hyperparameters);
			}
		}
		if (this.template != null) {
			event.config("template", this.template);
		}
		if (this.templateInputs != null) {
			event.config("template_inputs", this.templateInputs);
		}
		if (this.tools != null) {
			event.config("tools", this.tools);
		}
		if (this.messages != null) {
			layout(event, TraceNode.CONFIG, "type", "chat");
			event.inputs("chat_history", this.messages);
		}
		if (this.response instanceof CharSequence text) {
			layout(event, TraceNode.OUTPUTS, "role", "assistant");
			event.outputs("content", text.toString());
		}
		else if (this.response instanceof Map<?, ?> map) {
			map.forEach((key, value) -> event.outputs(String.valueOf(key), value));
		}
		else if (this.response != null) {
			event.outputs("response", this.response);
		}
		if (this.promptTokens != null) {
			layout(event, TraceNode.METADATA, "prompt_tokens", this.promptTokens);
		}
		if (this.completionTokens != null) {
			layout(event, TraceNode.METADATA, "completion_tokens", this.completionTokens);
		}
		if (this.totalTokens != null) {
			layout(event, TraceNode.METADATA, "total_tokens", this.totalTokens);
		}
		if (this.cost != null) {
			layout(event, TraceNode.METADATA, "cost", this.cost);
		}
	}

	// The layout's own keys are never redacted: a "token" pattern must not hide
	// prompt_tokens
	private static void layout(Enrichment event, int field, String key, Object value) {
		if (event instanceof TraceNode node) {
			node.putUnredacted(field, key, value);
			return;
		}
		switch (field) {
			case TraceNode.CONFIG -> event.config(key, value);
			case TraceNode.OUTPUTS -> event.outputs(key, value);
			default -> event.metadata(key, value);
		}
	}

	/**
	 * Builder for {@link ModelCall}.
	 */
	public static final class Builder {

		private @Nullable String model;

		private @Nullable String provider;

		private @Nullable List<Object> messages;

		private @Nullable Object response;

		private @Nullable Long promptTokens;

		private @Nullable Long completionTokens;

		private @Nullable Long totalTokens;

		private @Nullable Double cost;

		private @Nullable Map<String, @Nullable Object> hyperparameters;

		private @Nullable List<?> template;

		private @Nullable Map<String, ?> templateInputs;

		private @Nullable List<?> tools;

		private Builder() {
		}

		/**
		 * Set the model's name, such as {@code gpt-4o}.
		 * @param model the model
		 * @return this builder
		 */
		public Builder model(@Nullable String model) {
			this.model = model;
			return this;
		}

		/**
		 * Set the provider, such as {@code openai}.
		 * @param provider the provider
		 * @return this builder
		 */
		public Builder provider(@Nullable String provider) {
			this.provider = provider;
			return this;
		}

		/**
		 * Set the messages sent to the model (objects with {@code role} and
		 * {@code content}, or anything Jackson serialises that way).
		 * @param messages the messages
		 * @return this builder
		 */
		public Builder messages(@Nullable List<?> messages) {
			this.messages = (messages != null) ? new ArrayList<>(messages) : null;
			return this;
		}

		/**
		 * Add a message sent to the model.
		 * @param role the role, such as {@code system}, {@code user} or {@code assistant}
		 * @param content the content
		 * @return this builder
		 */
		public Builder message(String role, @Nullable String content) {
			if (this.messages == null) {
				this.messages = new ArrayList<>();
			}
			Map<String, @Nullable Object> message = new LinkedHashMap<>();
			message.put("role", role);
			message.put("content", content);
			this.messages.add(message);
			return this;
		}

		/**
		 * Set the model's response: a text (recorded as the assistant's message), a map
		 * (its entries become the outputs) or another object (recorded as
		 * {@code outputs.response}).
		 * @param response the response
		 * @return this builder
		 */
		public Builder response(@Nullable Object response) {
			this.response = response;
			return this;
		}

		/**
		 * Set the number of prompt tokens.
		 * @param promptTokens the prompt tokens
		 * @return this builder
		 */
		public Builder promptTokens(long promptTokens) {
			this.promptTokens = promptTokens;
			return this;
		}

		/**
		 * Set the number of completion tokens.
		 * @param completionTokens the completion tokens
		 * @return this builder
		 */
		public Builder completionTokens(long completionTokens) {
			this.completionTokens = completionTokens;
			return this;
		}

		/**
		 * Set the total number of tokens; the sum of prompt and completion tokens when
		 * not set.
		 * @param totalTokens the total tokens
		 * @return this builder
		 */
		public Builder totalTokens(long totalTokens) {
			this.totalTokens = totalTokens;
			return this;
		}

		/**
		 * Set the cost of the call.
		 * @param cost the cost
		 * @return this builder
		 */
		public Builder cost(double cost) {
			this.cost = cost;
			return this;
		}

		/**
		 * Set the hyperparameters, such as {@code temperature}.
		 * @param hyperparameters the hyperparameters
		 * @return this builder
		 */
		public Builder hyperparameters(@Nullable Map<String, ?> hyperparameters) {
			this.hyperparameters = (hyperparameters != null) ? new LinkedHashMap<>(hyperparameters) : null;
			return this;
		}

		/**
		 * Add a hyperparameter.
		 * @param name the name, such as {@code temperature}
		 * @param value the value
		 * @return this builder
		 */
		public Builder hyperparameter(String name, @Nullable Object value) {
			if (this.hyperparameters == null) {
				this.hyperparameters = new LinkedHashMap<>();
			}
			this.hyperparameters.put(name, value);
			return this;
		}

		/**
		 * Set the prompt template (messages with {@code {{placeholders}}}).
		 * @param template the template
		 * @return this builder
		 */
		public Builder template(@Nullable List<?> template) {
			this.template = template;
			return this;
		}

		/**
		 * Set the values of the template's placeholders.
		 * @param templateInputs the template inputs
		 * @return this builder
		 */
		public Builder templateInputs(@Nullable Map<String, ?> templateInputs) {
			this.templateInputs = templateInputs;
			return this;
		}

		/**
		 * Set the tools offered to the model.
		 * @param tools the tools
		 * @return this builder
		 */
		public Builder tools(@Nullable List<?> tools) {
			this.tools = tools;
			return this;
		}

		/**
		 * Build the model call.
		 * @return the model call
		 */
		public ModelCall build() {
			return new ModelCall(this);
		}

	}

}
