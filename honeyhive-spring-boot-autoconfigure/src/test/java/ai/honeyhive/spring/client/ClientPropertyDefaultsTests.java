package ai.honeyhive.spring.client;

import ai.honeyhive.spring.autoconfigure.HoneyHiveProperties;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that each {@code honeyhive.client.*} default (and the base URL's) is the default
 * of the {@link RestEventsClient.Builder} setting it feeds, so a client built without the
 * properties behaves as one built with them.
 */
class ClientPropertyDefaultsTests {

	private final RestEventsClient.Builder builder = RestEventsClient.builder();

	private final HoneyHiveProperties properties = new HoneyHiveProperties();

	@Test
	void shouldDefaultTheBaseUrlAsTheBuilder() {
		assertThat(this.properties.getBaseUrl()).isEqualTo(this.builder.baseUrl);
	}

	@Test
	void shouldDefaultTheClientPropertiesAsTheBuilder() {
		HoneyHiveProperties.Client client = this.properties.getClient();
		assertThat(client.getConnectTimeout()).isEqualTo(this.builder.connectTimeout);
		assertThat(client.getReadTimeout()).isEqualTo(this.builder.readTimeout);
		assertThat(client.getExportPath()).isEqualTo(this.builder.exportPath);
	}

	@Test
	void shouldDefaultTheRetryPropertiesAsTheBuilder() {
		HoneyHiveProperties.Retry retry = this.properties.getClient().getRetry();
		assertThat(retry.getMaxAttempts()).isEqualTo(this.builder.maxAttempts);
		assertThat(retry.getInitialInterval()).isEqualTo(this.builder.initialInterval);
		assertThat(retry.getMultiplier()).isEqualTo(this.builder.multiplier);
		assertThat(retry.getMaxInterval()).isEqualTo(this.builder.maxInterval);
		assertThat(retry.getMaxElapsedTime()).isEqualTo(this.builder.maxElapsedTime);
	}

}
