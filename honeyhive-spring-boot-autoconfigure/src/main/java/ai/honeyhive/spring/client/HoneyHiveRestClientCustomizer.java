package ai.honeyhive.spring.client;

import org.springframework.web.client.RestClient;

/**
 * Customizes the {@link RestClient.Builder} of HoneyHive's {@link RestEventsClient}, and
 * only that one: the application's own {@code RestClient.Builder} beans and
 * {@code RestClientCustomizer}s are not applied to HoneyHive calls, so their
 * interceptors, default headers and credentials never reach HoneyHive. Use it for what
 * HoneyHive calls really need, such as a proxy (a request factory) or an extra header. It
 * runs after the base URL and the request factory are set; the {@code Authorization},
 * {@code Content-Type}, {@code Accept} and {@code User-Agent} headers are set on each
 * request and cannot be replaced. Declare it as a bean to have the auto-configuration
 * apply it. <pre class="code">
 * &#64;Bean
 * HoneyHiveRestClientCustomizer honeyHiveProxy() {
 *     return (builder) -&gt; builder.defaultHeader("X-Team", "search");
 * }
 * </pre>
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface HoneyHiveRestClientCustomizer {

	/**
	 * Customize the builder of HoneyHive's {@link RestClient}.
	 * @param builder the builder
	 */
	void customize(RestClient.Builder builder);

}
