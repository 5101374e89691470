package ai.honeyhive.spring.collector;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Helpers for JSON values held as plain Java objects (maps, lists, strings, numbers,
 * booleans and nulls), the way Jackson reads them into {@code Object}.
 */
final class JsonValues {

	private JsonValues() {
	}

	/**
	 * Deep, unmodifiable copy, so snapshots handed out never share state with the store.
	 */
	static @Nullable Object frozenCopy(@Nullable Object value) {
		if (value instanceof Map<?, ?> map) {
			Map<String, @Nullable Object> copy = new LinkedHashMap<>(map.size());
			map.forEach((key, element) -> copy.put(String.valueOf(key), frozenCopy(element)));
			return Collections.unmodifiableMap(copy);
		}
		if (value instanceof List<?> list) {
			List<@Nullable Object> copy = new ArrayList<>(list.size());
			list.forEach((element) -> copy.add(frozenCopy(element)));
			return Collections.unmodifiableList(copy);
		}
		return value;
	}

	/**
	 * Deep, mutable copy, so the store never keeps a reference to a caller's value.
	 */
	static @Nullable Object mutableCopy(@Nullable Object value) {
		if (value instanceof Map<?, ?> map) {
			Map<String, @Nullable Object> copy = new LinkedHashMap<>(map.size());
			map.forEach((key, element) -> copy.put(String.valueOf(key), mutableCopy(element)));
			return copy;
		}
		if (value instanceof List<?> list) {
			List<@Nullable Object> copy = new ArrayList<>(list.size());
			list.forEach((element) -> copy.add(mutableCopy(element)));
			return copy;
		}
		return value;
	}

	@SuppressWarnings("unchecked")
	static Map<String, @Nullable Object> frozenMap(Map<String, @Nullable Object> map) {
		return (Map<String, @Nullable Object>) frozenCopy(map);
	}

	@SuppressWarnings("unchecked")
	static Map<String, @Nullable Object> mutableMap(Map<?, ?> map) {
		return (Map<String, @Nullable Object>) mutableCopy(map);
	}

	/**
	 * Resolves a dotted path such as {@code metadata.cost} or
	 * {@code inputs.chat_history.0.content}; numeric segments index lists.
	 */
	static @Nullable Object path(@Nullable Object root, String path) {
		Object current = root;
		for (String segment : path.split("\\.", -1)) {
			if (current instanceof Map<?, ?> map) {
				current = map.get(segment);
			}
			else if (current instanceof List<?> list) {
				int index = parseIndex(segment);
				current = (index >= 0 && index < list.size()) ? list.get(index) : null;
			}
			else {
				return null;
			}
		}
		return current;
	}

	private static int parseIndex(String segment) {
		try {
			return Integer.parseInt(segment);
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

	static boolean isIntegral(Number number) {
		if (number instanceof Integer || number instanceof Long || number instanceof Short || number instanceof Byte
				|| number instanceof BigInteger) {
			return true;
		}
		if (number instanceof BigDecimal decimal) {
			return decimal.stripTrailingZeros().scale() <= 0;
		}
		double value = number.doubleValue();
		return !Double.isInfinite(value) && value == Math.rint(value);
	}

	/**
	 * Text of a scalar as a filter compares it and the page shows it: numbers in plain
	 * notation, whole ones without a trailing {@code .0}.
	 */
	static String text(@Nullable Object value) {
		if (value instanceof Number number) {
			if (isIntegral(number) && Math.abs(number.doubleValue()) < 1e15) {
				return Long.toString(number.longValue());
			}
			if (number instanceof Double || number instanceof Float) {
				double d = number.doubleValue();
				return (Double.isFinite(d)) ? BigDecimal.valueOf(d).stripTrailingZeros().toPlainString()
						: Double.toString(d);
			}
			return (number instanceof BigDecimal decimal) ? decimal.stripTrailingZeros().toPlainString()
					: number.toString();
		}
		return String.valueOf(value);
	}

	static @Nullable Double number(@Nullable Object value) {
		if (value instanceof Number number) {
			return number.doubleValue();
		}
		if (value instanceof String string) {
			try {
				return Double.valueOf(string.trim());
			}
			catch (NumberFormatException ex) {
				return null;
			}
		}
		return null;
	}

}
