package ai.honeyhive.spring.sample.assistant;

import java.util.Map;

import org.springframework.ai.tool.annotation.Tool;
import org.springframework.ai.tool.annotation.ToolParam;

/**
 * The assistant's tool: the status of a customer's order, from a small in-memory order
 * book.
 */
public class OrderTools {

	/** The tool's name. */
	public static final String LOOKUP_ORDER = "lookupOrder";

	private static final Map<String, String> ORDERS = Map.of("1042",
			"Order 1042 shipped on 28 November with tracking number ZX-889-301.", "2077",
			"Order 2077 is being packed and ships tomorrow.");

	/**
	 * Look up an order.
	 * @param orderNumber the order's number
	 * @return its status
	 */
	@Tool(name = LOOKUP_ORDER, description = "Look up the status of a customer's order by its number")
	public String lookupOrder(@ToolParam(description = "The order number, such as 1042") String orderNumber) {
		return ORDERS.getOrDefault(orderNumber.strip(), "There is no order " + orderNumber.strip() + ".");
	}

}
