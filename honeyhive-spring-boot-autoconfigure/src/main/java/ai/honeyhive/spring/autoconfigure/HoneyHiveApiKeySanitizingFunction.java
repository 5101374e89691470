package ai.honeyhive.spring.autoconfigure;

import java.util.Set;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;

/**
 * Masks HoneyHive's API key in the {@code env} and {@code configprops} actuator
 * endpoints, even with {@code show-values=always}: the {@code honeyhive.api-key} property
 * and the {@code HH_API_KEY} variable by name, and any value that contains the key (such
 * as {@code sun.java.command} when the key was passed on the command line).
 */
final class HoneyHiveApiKeySanitizingFunction implements SanitizingFunction {

	private static final Set<String> KEYS = Set.of("honeyhive.api-key", "honeyhive.apikey", "honeyhive.api_key",
			"hh_api_key");

	// The shortest key worth looking for inside other values: shorter ones would mask
	// unrelated values without protecting anything
	private static final int MIN_SEARCHED_LENGTH = 8;

	private final Supplier<@Nullable String> apiKey;

	HoneyHiveApiKeySanitizingFunction(Supplier<@Nullable String> apiKey) {
		this.apiKey = apiKey;
	}

	@Override
	public SanitizableData apply(SanitizableData data) {
		if (data.getValue() == null) {
			return data;
		}
		if (KEYS.contains(data.getLowerCaseKey())) {
			return data.withSanitizedValue();
		}
		String key = this.apiKey.get();
		if (key != null && key.length() >= MIN_SEARCHED_LENGTH && String.valueOf(data.getValue()).contains(key)) {
			return data.withSanitizedValue();
		}
		return data;
	}

}
