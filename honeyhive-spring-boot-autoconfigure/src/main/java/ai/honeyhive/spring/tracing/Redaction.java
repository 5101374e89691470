package ai.honeyhive.spring.tracing;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Replaces the values of map keys and parameter names that match the configured patterns
 * (case-insensitive, anywhere in the name) by {@link #MARKER}.
 */
final class Redaction {

	static final String MARKER = "[REDACTED]";

	private final @Nullable Pattern namePattern;

	// "name=value", "name: value" and JSON "name":"value" in free text (error messages,
	// truncated JSON); used only off the fast path
	private final @Nullable Pattern textPattern;

	Redaction(List<String> patterns) {
		if (patterns.isEmpty()) {
			this.namePattern = null;
			this.textPattern = null;
			return;
		}
		StringBuilder alternatives = new StringBuilder();
		for (String pattern : patterns) {
			if (!alternatives.isEmpty()) {
				alternatives.append('|');
			}
			alternatives.append("(?:").append(pattern).append(')');
		}
		this.namePattern = Pattern.compile(alternatives.toString(), Pattern.CASE_INSENSITIVE);
		this.textPattern = Pattern.compile(
				"((?:" + alternatives + ")[\\w.-]*\"?\\s*[=:]\\s*)(\"(?:[^\"\\\\]|\\\\.)*\"|[^\\s,;&}\\]\"]+)",
				Pattern.CASE_INSENSITIVE);
	}

	boolean isActive() {
		return this.namePattern != null;
	}

	boolean matches(String name) {
		return this.namePattern != null && this.namePattern.matcher(name).find();
	}

	/**
	 * Redact, in place, the values of matching keys in a tree of maps and lists read by
	 * Jackson (mutable containers).
	 */
	@SuppressWarnings("unchecked")
	@Nullable Object redactTree(@Nullable Object tree) {
		if (this.namePattern == null) {
			return tree;
		}
		if (tree instanceof Map<?, ?> map) {
			for (Map.Entry<Object, Object> entry : ((Map<Object, Object>) map).entrySet()) {
				if (entry.getKey() instanceof String key && matches(key)) {
					entry.setValue(MARKER);
				}
				else {
					redactTree(entry.getValue());
				}
			}
		}
		else if (tree instanceof List<?> list) {
			for (Object item : list) {
				redactTree(item);
			}
		}
		return tree;
	}

	String redactText(String text) {
		if (this.textPattern == null) {
			return text;
		}
		Matcher matcher = this.textPattern.matcher(text);
		if (!matcher.find()) {
			return text;
		}
		return matcher.replaceAll((result) -> Matcher.quoteReplacement(result.group(1) + MARKER));
	}

}
