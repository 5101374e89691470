package ai.honeyhive.spring.springai;

import org.springframework.util.Assert;

/**
 * The price of a model's tokens, from which a model event's {@code metadata.cost} is
 * computed.
 *
 * @param promptPerMillionTokens the price of a million prompt (input) tokens
 * @param completionPerMillionTokens the price of a million completion (output) tokens
 * @since 0.1.0
 */
public record ModelPrice(double promptPerMillionTokens, double completionPerMillionTokens) {

	public ModelPrice {
		Assert.isTrue(promptPerMillionTokens >= 0 && completionPerMillionTokens >= 0, "Prices must not be negative");
	}

	/**
	 * Return the cost of a call.
	 * @param promptTokens the prompt tokens
	 * @param completionTokens the completion tokens
	 * @return the cost, in the prices' currency
	 */
	public double cost(long promptTokens, long completionTokens) {
		double cost = (promptTokens * this.promptPerMillionTokens + completionTokens * this.completionPerMillionTokens)
				/ 1_000_000.0;
		// Rounded to 1e-9 so binary fractions do not show as 0.30000000000000004
		return Math.round(cost * 1e9) / 1e9;
	}

}
