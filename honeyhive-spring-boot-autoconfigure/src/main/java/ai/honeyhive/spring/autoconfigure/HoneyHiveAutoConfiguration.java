package ai.honeyhive.spring.autoconfigure;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import ai.honeyhive.spring.client.EventsClient;
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
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;
import org.springframework.web.client.RestClient;

/**
 * Auto-configuration of HoneyHive's {@link EventsClient}: a {@link RestEventsClient}
 * built from Boot's shared {@link RestClient.Builder} (cloned, so the application's
 * customizers and observations apply) and Boot's HTTP client settings, with HoneyHive's
 * own timeouts. A missing API key does not stop the application: it is logged once, and
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
			ObjectProvider<RestClient.Builder> restClientBuilder) {
		HoneyHivePropertiesValidator.validate(properties);
		warnAboutSettings(properties);
		HoneyHiveProperties.Client client = properties.getClient();
		HoneyHiveProperties.Retry retry = client.getRetry();
		RestEventsClient.Builder builder = RestEventsClient.builder()
			.baseUrl(properties.getBaseUrl())
			.apiKey(properties.getApiKey())
			.connectTimeout(client.getConnectTimeout())
			.readTimeout(client.getReadTimeout())
			.exportPath(client.getExportPath())
			.maxAttempts(retry.getMaxAttempts())
			.initialInterval(retry.getInitialInterval())
			.multiplier(retry.getMultiplier())
			.maxInterval(retry.getMaxInterval())
			.maxElapsedTime(retry.getMaxElapsedTime());
		RestClient.Builder shared = restClientBuilder.getIfAvailable();
		if (shared != null) {
			builder.restClientBuilder(shared);
		}
		return builder;
	}

	private static void warnAboutSettings(HoneyHiveProperties properties) {
		if (!StringUtils.hasText(properties.getApiKey())) {
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
				ObjectProvider<RestClient.Builder> restClientBuilder,
				ObjectProvider<ClientHttpRequestFactoryBuilder<?>> requestFactoryBuilder,
				ObjectProvider<HttpClientSettings> httpClientSettings) {
			RestEventsClient.Builder builder = clientBuilder(properties, restClientBuilder);
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
			return new HoneyHiveApiKeySanitizingFunction(() -> StringUtils.hasText(properties.getApiKey())
					? properties.getApiKey() : environment.getProperty("HH_API_KEY"));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingClass("org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder")
	static class PlainHttpClientConfiguration {

		@Bean
		@ConditionalOnMissingBean(EventsClient.class)
		RestEventsClient honeyHiveEventsClient(HoneyHiveProperties properties,
				ObjectProvider<RestClient.Builder> restClientBuilder) {
			return clientBuilder(properties, restClientBuilder).build();
		}

	}

}
