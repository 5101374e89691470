package ai.honeyhive.spring.autoconfigure;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.springframework.web.client.RestClient;

/**
 * What HoneyHive's {@link RestClient} takes from Boot's REST client support: its message
 * converters and its observations, and nothing the application added. Holds plain
 * {@link Consumer}s so that this type loads without {@code spring-boot-restclient}.
 */
final class HoneyHiveBootRestClientSettings {

	private final Supplier<List<Consumer<RestClient.Builder>>> customizers;

	HoneyHiveBootRestClientSettings(Supplier<List<Consumer<RestClient.Builder>>> customizers) {
		this.customizers = customizers;
	}

	RestClient.Builder configure(RestClient.Builder builder) {
		this.customizers.get().forEach((customizer) -> customizer.accept(builder));
		return builder;
	}

}
