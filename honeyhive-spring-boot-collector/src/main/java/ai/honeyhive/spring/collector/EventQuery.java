package ai.honeyhive.spring.collector;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * An export (getEvents) query: filters on dotted fields, a date range on
 * {@code start_time}, projections and paging, parsed and checked the way the API checks
 * them.
 */
final class EventQuery {

	static final int DEFAULT_LIMIT = 1000;

	static final int MAX_LIMIT = 7500;

	private final List<Filter> filters;

	private final @Nullable Long from;

	private final @Nullable Long to;

	private final List<String> projections;

	private final int limit;

	private final int page;

	private EventQuery(List<Filter> filters, @Nullable Long from, @Nullable Long to, List<String> projections,
			int limit, int page) {
		this.filters = filters;
		this.from = from;
		this.to = to;
		this.projections = projections;
		this.limit = limit;
		this.page = page;
	}

	@SuppressWarnings("unchecked")
	static EventQuery parse(Map<String, @Nullable Object> body) {
		RequestValidator.validate(body, RequestValidator.EXPORT, "");
		List<Filter> filters = new ArrayList<>();
		List<Map<String, @Nullable Object>> rawFilters = (List<Map<String, @Nullable Object>>) body.get("filters");
		for (int i = 0; i < rawFilters.size(); i++) {
			filters.add(Filter.parse(rawFilters.get(i), "filters[" + i + "]."));
		}
		Long from = null;
		Long to = null;
		if (body.get("dateRange") instanceof Map<?, ?> range) {
			from = instant(range.get("$gte"), "dateRange.$gte");
			to = instant(range.get("$lte"), "dateRange.$lte");
		}
		List<String> projections = (body.get("projections") instanceof List<?> list) ? (List<String>) list : List.of();
		int limit = (body.get("limit") instanceof Number number) ? number.intValue() : DEFAULT_LIMIT;
		if (limit < 1 || limit > MAX_LIMIT) {
			throw CollectorApiException.invalid("limit", "must be between 1 and " + MAX_LIMIT + " but was " + limit);
		}
		int page = (body.get("page") instanceof Number number) ? number.intValue() : 1;
		if (page < 1) {
			throw CollectorApiException.invalid("page", "must be at least 1 but was " + page);
		}
		return new EventQuery(List.copyOf(filters), from, to, List.copyOf(projections), limit, page);
	}

	private static @Nullable Long instant(@Nullable Object value, String field) {
		if (value == null) {
			return null;
		}
		if (!(value instanceof String text)) {
			throw CollectorApiException.invalid(field, "expected an ISO-8601 date-time string");
		}
		try {
			return Instant.parse(text).toEpochMilli();
		}
		catch (DateTimeParseException ex) {
			throw CollectorApiException.invalid(field,
					"expected an ISO-8601 date-time such as " + "'2024-04-01T22:38:19.000Z' but was '" + text + "'");
		}
	}

	boolean matches(Map<String, @Nullable Object> event) {
		Long start = EventDocuments.asLong(event.get("start_time"));
		if (this.from != null && (start == null || start < this.from)) {
			return false;
		}
		if (this.to != null && (start == null || start > this.to)) {
			return false;
		}
		for (Filter filter : this.filters) {
			if (!filter.matches(event)) {
				return false;
			}
		}
		return true;
	}

	int limit() {
		return this.limit;
	}

	int offset() {
		return (int) Math.min(Integer.MAX_VALUE, (long) (this.page - 1) * this.limit);
	}

	/**
	 * The event as answered: all fields, or only the projected ones.
	 */
	Map<String, @Nullable Object> project(Map<String, @Nullable Object> event) {
		if (this.projections.isEmpty()) {
			return JsonValues.mutableMap(event);
		}
		Map<String, @Nullable Object> projected = new LinkedHashMap<>();
		for (String projection : this.projections) {
			Object value = JsonValues.path(event, projection);
			if (value != null) {
				put(projected, projection.split("\\."), JsonValues.mutableCopy(value));
			}
		}
		return projected;
	}

	@SuppressWarnings("unchecked")
	private static void put(Map<String, @Nullable Object> target, String[] path, @Nullable Object value) {
		Map<String, @Nullable Object> current = target;
		for (int i = 0; i < path.length - 1; i++) {
			Object next = current.get(path[i]);
			if (!(next instanceof Map)) {
				next = new LinkedHashMap<String, @Nullable Object>();
				current.put(path[i], next);
			}
			current = (Map<String, @Nullable Object>) next;
		}
		current.put(path[path.length - 1], value);
	}

	enum Operator {

		IS("is"), IS_NOT("is not"), CONTAINS("contains"), NOT_CONTAINS("not contains"), GREATER_THAN("greater than"),
		LESS_THAN("less than"), EXISTS("exists"), NOT_EXISTS("not exists"), AFTER("after"), BEFORE("before");

		private final String wireValue;

		Operator(String wireValue) {
			this.wireValue = wireValue;
		}

		static @Nullable Operator of(String wireValue) {
			for (Operator operator : values()) {
				if (operator.wireValue.equals(wireValue)) {
					return operator;
				}
			}
			return null;
		}

	}

	record Filter(String field, Operator operator, @Nullable Object value, String type) {

		static Filter parse(Map<String, @Nullable Object> filter, String prefix) {
			RequestValidator.validate(filter, RequestValidator.FILTER, prefix);
			Operator operator = Operator.of((String) Objects.requireNonNull(filter.get("operator")));
			if (operator == null) {
				throw CollectorApiException.invalid(prefix + "operator",
						"must be one of 'is', 'is not', 'contains', 'not contains', 'greater than', 'less than', "
								+ "'exists', 'not exists', 'after', 'before' but was '" + filter.get("operator") + "'");
			}
			Object rawType = filter.get("type");
			String type = (rawType != null) ? (String) rawType : "string";
			if ("id".equals(type)) {
				// The backend rejects the legacy "id" type; clients must use "string".
				throw CollectorApiException.invalid(prefix + "type", "'id' is not supported, use 'string'");
			}
			if (!List.of("string", "number", "boolean", "datetime").contains(type)) {
				throw CollectorApiException.invalid(prefix + "type",
						"must be one of 'string', 'number', 'boolean', 'datetime' but was '" + type + "'");
			}
			return new Filter((String) Objects.requireNonNull(filter.get("field")), operator, filter.get("value"),
					type);
		}

		boolean matches(Map<String, @Nullable Object> event) {
			Object actual = JsonValues.path(event, this.field);
			return switch (this.operator) {
				case IS -> anyElement(actual, this::equalTo);
				case IS_NOT -> !anyElement(actual, this::equalTo);
				case CONTAINS -> anyElement(actual, this::contains);
				case NOT_CONTAINS -> !anyElement(actual, this::contains);
				case GREATER_THAN -> compare(actual) > 0;
				case LESS_THAN -> compare(actual) < 0 && compare(actual) != NOT_COMPARABLE;
				case EXISTS -> actual != null;
				case NOT_EXISTS -> actual == null;
				case AFTER -> compareTimes(actual) > 0;
				case BEFORE -> compareTimes(actual) < 0 && compareTimes(actual) != NOT_COMPARABLE;
			};
		}

		private boolean anyElement(@Nullable Object actual, java.util.function.Predicate<Object> test) {
			if (actual == null) {
				return false;
			}
			if (actual instanceof List<?> list) {
				return list.stream().filter(Objects::nonNull).anyMatch(test);
			}
			return test.test(actual);
		}

		private boolean equalTo(Object actual) {
			if (this.value == null) {
				return false;
			}
			if ("number".equals(this.type)) {
				Double left = JsonValues.number(actual);
				Double right = JsonValues.number(this.value);
				return left != null && left.equals(right);
			}
			if ("boolean".equals(this.type)) {
				return JsonValues.text(actual).equalsIgnoreCase(JsonValues.text(this.value));
			}
			return JsonValues.text(actual).equals(JsonValues.text(this.value));
		}

		private boolean contains(Object actual) {
			return this.value != null && !(actual instanceof Map)
					&& JsonValues.text(actual).contains(JsonValues.text(this.value));
		}

		private static final int NOT_COMPARABLE = Integer.MIN_VALUE;

		/**
		 * The actual value against the filter's, as numbers; NOT_COMPARABLE if either is
		 * not one.
		 */
		private int compare(@Nullable Object actual) {
			Double left = JsonValues.number(actual);
			Double right = JsonValues.number(this.value);
			return (left != null && right != null) ? Double.compare(left, right) : NOT_COMPARABLE;
		}

		/**
		 * The actual value against the filter's, as instants (epoch ms or ISO-8601 text).
		 */
		private int compareTimes(@Nullable Object actual) {
			Long left = epochMillis(actual);
			Long right = epochMillis(this.value);
			return (left != null && right != null) ? Long.compare(left, right) : NOT_COMPARABLE;
		}

		private static @Nullable Long epochMillis(@Nullable Object value) {
			if (value instanceof Number number) {
				return number.longValue();
			}
			if (value instanceof String text) {
				try {
					return java.time.Instant.parse(text).toEpochMilli();
				}
				catch (java.time.format.DateTimeParseException ex) {
					Double number = JsonValues.number(text);
					return (number != null) ? number.longValue() : null;
				}
			}
			return null;
		}

	}

}
