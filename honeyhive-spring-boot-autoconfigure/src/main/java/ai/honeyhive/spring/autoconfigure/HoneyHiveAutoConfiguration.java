package ai.honeyhive.spring.autoconfigure;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import ai.honeyhive.spring.client.EventsClient;
import ai.honeyhive.spring.client.HoneyHiveRestClientCustomizer;
import ai.honeyhive.spring.client.RestEventsClient;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.restclient.autoconfigure.HttpMessageConvertersRestClientCustomizer;
import org.springframework.boot.restclient.observation.ObservationRestClientCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.client.RestClient;

/**
 * Auto-configuration of HoneyHive's {@link EventsClient}: a {@link RestEventsClient}
 * built from a fresh {@link RestClient.Builder} with Boot's HTTP client settings (and
 * HoneyHive's own timeouts), Boot's message converters and observations, then the
 * {@link HoneyHiveRestClientCustomizer} beans. The application's own
 * {@code RestClient.Builder} beans and {@code RestClientCustomizer}s are not used: their
 * interceptors, default headers and load balancing are the application's, not
 * HoneyHive's. A missing API key does not stop the application: it is logged once, and
 * the client's calls fail with a configuration error.
 *
 * @since 0.1.0
 */
@AutoConfiguration(afterName = "org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration")
@ConditionalOnBooleanProperty(name = "honeyhive.enabled", matchIfMissing = true)
@ConditionalOnClass(RestClient.class)
@EnableConfigurationProperties(HoneyHiveProperties.class)
public final class HoneyHiveAutoConfiguration {

	private static final Log logger = LogFactory.getLog(HoneyHiveAutoConfiguration.class);

	static RestEventsClient.Builder clientBuilder(HoneyHiveProperties properties,
			ObjectProvider<HoneyHiveRestClientCustomizer> customizers) {
		HoneyHivePropertiesValidator.validate(properties);
		warnAboutSettings(properties);
		HoneyHiveProperties.Client client = properties.getClient();
		HoneyHiveProperties.Retry retry = client.getRetry();
		RestEventsClient.Builder builder = RestEventsClient.builder()
			.baseUrl(properties.getBaseUrl())
			.apiKey(properties.resolvedApiKey())
			.connectTimeout(client.getConnectTimeout())
			.readTimeout(client.getReadTimeout())
			.maxAttempts(retry.getMaxAttempts())
			.initialInterval(retry.getInitialInterval())
			.multiplier(retry.getMultiplier())
			.maxInterval(retry.getMaxInterval())
			.maxElapsedTime(retry.getMaxElapsedTime())
			.customizers(customizers.orderedStream().toList());
		if (client.getExportPath() != null) {
			builder.exportPath(client.getExportPath());
		}
		return builder;
	}

	private static void warnAboutSettings(HoneyHiveProperties properties) {
		if (HoneyHiveProperties.isUnresolvedPlaceholder(properties.getApiKey())) {
			logger.warn("honeyhive.api-key holds a placeholder that was not resolved (is its environment variable "
					+ "set?): it counts as no key; the application runs, but no event is sent to HoneyHive");
		}
		else if (properties.resolvedApiKey() == null) {
			logger.warn("No HoneyHive API key is set (property 'honeyhive.api-key' or environment variable "
					+ "HH_API_KEY): the application runs, but no event is sent to HoneyHive");
		}
		if (properties.getProject() == null) {
			logger.warn("No HoneyHive project is set (property 'honeyhive.project', environment variable HH_PROJECT "
					+ "or spring.application.name): HoneyHive may reject events without one");
		}
		URI uri = URI.create(properties.getBaseUrl());
		if ("http".equalsIgnoreCase(uri.getScheme()) && !isLoopback(uri.getHost())) {
			logger.warn("honeyhive.base-url " + properties.getBaseUrl() + " is plain http to a host that is not "
					+ "loopback: the API key would travel unencrypted; use https");
		}
	}

	private static boolean isLoopback(String host) {
		if ("localhost".equalsIgnoreCase(host)) {
			return true;
		}
		String literal = (host.startsWith("[") && host.endsWith("]")) ? host.substring(1, host.length() - 1) : host;
		if (!literal.matches("[0-9.]+|[0-9a-fA-F:]+")) {
			// A name other than localhost: don't resolve it at startup
			return false;
		}
		try {
			return InetAddress.getByName(literal).isLoopbackAddress();
		}
		catch (UnknownHostException ex) {
			return false;
		}
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(ClientHttpRequestFactoryBuilder.class)
	static class BootHttpClientConfiguration {

		@Bean
		@ConditionalOnMissingBean(EventsClient.class)
		RestEventsClient honeyHiveEventsClient(HoneyHiveProperties properties,
				ObjectProvider<ClientHttpRequestFactoryBuilder<?>> requestFactoryBuilder,
				ObjectProvider<HttpClientSettings> httpClientSettings,
				ObjectProvider<HoneyHiveBootRestClientSettings> bootSettings,
				ObjectProvider<HoneyHiveRestClientCustomizer> customizers) {
			RestEventsClient.Builder builder = clientBuilder(properties, customizers);
			HoneyHiveBootRestClientSettings boot = bootSettings.getIfAvailable();
			if (boot != null) {
				builder.restClientBuilder(boot.configure(RestClient.builder()));
			}
			HttpClientSettings settings = httpClientSettings.getIfAvailable(HttpClientSettings::defaults)
				.withTimeouts(properties.getClient().getConnectTimeout(), properties.getClient().getReadTimeout());
			ClientHttpRequestFactoryBuilder<?> factoryBuilder = requestFactoryBuilder
				.getIfAvailable(ClientHttpRequestFactoryBuilder::detect);
			return builder.requestFactory(factoryBuilder.build(settings)).build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.SanitizingFunction")
	static class ActuatorSanitizingConfiguration {

		/**
		 * Masks the API key in the env and configprops endpoints, whatever their
		 * show-values setting. Boot applies every SanitizingFunction bean.
		 */
		@Bean
		@ConditionalOnMissingBean(name = "honeyHiveApiKeySanitizingFunction")
		HoneyHiveApiKeySanitizingFunction honeyHiveApiKeySanitizingFunction(HoneyHiveProperties properties,
				Environment environment) {
			return new HoneyHiveApiKeySanitizingFunction(() -> (properties.resolvedApiKey() != null)
					? properties.resolvedApiKey() : environment.getProperty("HH_API_KEY"));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingClass("org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder")
	static class PlainHttpClientConfiguration {

		@Bean
		@ConditionalOnMissingBean(EventsClient.class)
		RestEventsClient honeyHiveEventsClient(HoneyHiveProperties properties,
				ObjectProvider<HoneyHiveRestClientCustomizer> customizers) {
			return clientBuilder(properties, customizers).build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(RestClientCustomizer.class)
	static class BootRestClientCustomizersConfiguration {

		/**
		 * Boot's own message converters and observations, picked out of the
		 * {@link RestClientCustomizer} beans by type: the application's customizers are
		 * left out.
		 */
		@Bean
		@ConditionalOnMissingBean
		HoneyHiveBootRestClientSettings honeyHiveBootRestClientSettings(
				ObjectProvider<RestClientCustomizer> customizers) {
			return new HoneyHiveBootRestClientSettings(
					() -> customizers.orderedStream()
						.filter((customizer) -> customizer instanceof HttpMessageConvertersRestClientCustomizer
								|| customizer instanceof ObservationRestClientCustomizer).<Consumer<RestClient
										.Builder>>map((customizer) -> customizer::customize)
						.toList());
		}

	}

}
