package ai.honeyhive.spring.hardening;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import ai.honeyhive.spring.autoconfigure.HoneyHiveAutoConfiguration;
import ai.honeyhive.spring.autoconfigure.HoneyHivePublisherAutoConfiguration;
import ai.honeyhive.spring.autoconfigure.HoneyHiveTracingAutoConfiguration;
import ai.honeyhive.spring.client.CreateEventRequest;
import ai.honeyhive.spring.client.EventType;
import ai.honeyhive.spring.client.EventsClient;
import ai.honeyhive.spring.publisher.EventPublisher;
import ai.honeyhive.spring.tracing.TraceEvent;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.actuate.autoconfigure.context.properties.ConfigurationPropertiesReportEndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.env.EnvironmentEndpointAutoConfiguration;
import org.springframework.boot.actuate.context.properties.ConfigurationPropertiesReportEndpoint;
import org.springframework.boot.actuate.env.EnvironmentEndpoint;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The API key never appears in logs (Spring's HTTP client and ours at DEBUG), exception
 * messages, {@code toString()}, or the {@code configprops} and {@code env} actuator
 * endpoints, whether it comes from {@code honeyhive.api-key} or {@code HH_API_KEY}.
 */
@Timeout(120)
@ExtendWith(OutputCaptureExtension.class)
class ApiKeySecrecyTests {

	private static final String API_KEY = "hh-k3y-Th4t-Must-N0t-Leak-7f3a9";

	private static final JsonMapper json = JsonMapper.builder().build();

	@RegisterExtension
	static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	@AfterEach
	void resetLogLevels() {
		// The applications raised these levels; don't leave DEBUG on for other tests
		LoggingSystem loggingSystem = LoggingSystem.get(getClass().getClassLoader());
		for (String logger : List.of("org.springframework", "org.springframework.web", "org.springframework.http",
				"ai.honeyhive")) {
			loggingSystem.setLogLevel(logger, null);
		}
	}

	private ConfigurableApplicationContext start(boolean keyInEnvironmentVariable, String... properties) {
		List<String> args = new ArrayList<>(List.of("--honeyhive.base-url=" + server.baseUrl(),
				"--honeyhive.publisher.schedule-delay=50ms", "--honeyhive.client.retry.max-attempts=1",
				"--management.endpoints.web.exposure.include=*", "--management.endpoints.jmx.exposure.include=*",
				"--logging.level.org.springframework=DEBUG", "--logging.level.org.springframework.web=TRACE",
				"--logging.level.org.springframework.http=TRACE", "--logging.level.ai.honeyhive=TRACE"));
		for (String property : properties) {
			if (property.startsWith("honeyhive.base-url=")) {
				args.remove("--honeyhive.base-url=" + server.baseUrl());
			}
			args.add("--" + property);
		}
		StandardEnvironment environment = new StandardEnvironment();
		if (keyInEnvironmentVariable) {
			MutablePropertySources sources = environment.getPropertySources();
			Map<String, Object> variables = new HashMap<>(environment.getSystemEnvironment());
			variables.put("HH_API_KEY", API_KEY);
			sources.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
					new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
							variables));
		}
		else {
			args.add("--honeyhive.api-key=" + API_KEY);
		}
		return new SpringApplicationBuilder(Application.class).web(WebApplicationType.NONE)
			.environment(environment)
			.run(args.toArray(String[]::new));
	}

	@Test
	void shouldNotLogTheKeyDuringATracedCallSentToTheServer(CapturedOutput output) {
		server.stubFor(post("/session/start").willReturn(okJson("{\"session_id\":\"s\"}")));
		server.stubFor(post("/events/batch").willReturn(okJson("{\"event_ids\":[],\"success\":true}")));
		try (ConfigurableApplicationContext context = start(false)) {
			assertThat(context.getBean(Assistant.class).answer("hello")).isEqualTo("hi: hello");
			context.getBean(EventPublisher.class).flush(Duration.ofSeconds(30));
		}
		server.verify(postRequestedFor(urlEqualTo("/events/batch")).withHeader("Authorization",
				equalTo("Bearer " + API_KEY)));
		assertThat(output.getAll()).as("the DEBUG output was captured")
			.contains("DefaultRestClient")
			.contains("Writing [");
		assertThat(output.getAll()).doesNotContain(API_KEY);
	}

	@Test
	void shouldNotLogTheKeyWhenTheServerEchoesItInAnError(CapturedOutput output) {
		String echo = "{\"error\":\"invalid key\",\"headers\":{\"authorization\":\"Bearer " + API_KEY + "\"}}";
		server.stubFor(post("/session/start").willReturn(aResponse().withStatus(401).withBody(echo)));
		server.stubFor(post("/events/batch").willReturn(aResponse().withStatus(401).withBody(echo)));
		server.stubFor(post("/events").willReturn(aResponse().withStatus(403)
			.withHeader("Content-Type", "text/plain")
			.withBody("Forbidden for Authorization: Bearer " + API_KEY)));
		try (ConfigurableApplicationContext context = start(false)) {
			assertThat(context.getBean(Assistant.class).answer("hello")).isEqualTo("hi: hello");
			context.getBean(EventPublisher.class).flush(Duration.ofSeconds(30));
			EventsClient client = context.getBean(EventsClient.class);
			CreateEventRequest event = CreateEventRequest.builder()
				.project("p")
				.source("dev")
				.eventName("e")
				.eventType(EventType.TOOL)
				.config(Map.of())
				.inputs(Map.of())
				.duration(1.0)
				.build();
			assertThatExceptionOfType(RuntimeException.class).isThrownBy(() -> client.createEvent(event))
				.satisfies((ex) -> assertNoKeyInChain(ex));
		}
		assertThat(output.getAll()).contains("401").doesNotContain(API_KEY);
	}

	@Test
	void shouldNotPutTheKeyInTransportExceptionMessages() {
		try (ConfigurableApplicationContext context = start(false, "honeyhive.base-url=http://127.0.0.1:1")) {
			EventsClient client = context.getBean(EventsClient.class);
			CreateEventRequest event = CreateEventRequest.builder()
				.project("p")
				.source("dev")
				.eventName("e")
				.eventType(EventType.TOOL)
				.config(Map.of())
				.inputs(Map.of())
				.duration(1.0)
				.build();
			assertThatExceptionOfType(RuntimeException.class).isThrownBy(() -> client.createEvent(event))
				.satisfies(ApiKeySecrecyTests::assertNoKeyInChain);
		}
	}

	@Test
	void shouldNotShowTheKeyInAnyBeansToString() {
		for (boolean fromVariable : new boolean[] { false, true }) {
			try (ConfigurableApplicationContext context = start(fromVariable)) {
				for (String name : context.getBeanDefinitionNames()) {
					Object bean = context.getBean(name);
					assertThat(String.valueOf(bean)).as("toString() of bean %s", name).doesNotContain(API_KEY);
				}
			}
		}
	}

	@Test
	void shouldMaskTheKeyInConfigpropsAndEnvWithDefaultShowValues() {
		assertActuatorEndpointsMaskTheKey(false);
		assertActuatorEndpointsMaskTheKey(true);
	}

	@Test
	void shouldMaskTheKeyInConfigpropsAndEnvWhenValuesAreShown() {
		assertActuatorEndpointsMaskTheKey(false, "management.endpoint.configprops.show-values=always",
				"management.endpoint.env.show-values=always");
		assertActuatorEndpointsMaskTheKey(true, "management.endpoint.configprops.show-values=always",
				"management.endpoint.env.show-values=always");
	}

	@Test
	void shouldShowOtherValuesWhenValuesAreShown() {
		// Proves the endpoint output is really read: the sanitizing function masks only
		// the key
		try (ConfigurableApplicationContext context = start(false, "management.endpoint.env.show-values=always")) {
			String env = json.writeValueAsString(context.getBean(EnvironmentEndpoint.class).environment(null));
			assertThat(env).contains(server.baseUrl()).contains("honeyhive.api-key").doesNotContain(API_KEY);
		}
	}

	private void assertActuatorEndpointsMaskTheKey(boolean fromVariable, String... properties) {
		try (ConfigurableApplicationContext context = start(fromVariable, properties)) {
			String configprops = json.writeValueAsString(
					context.getBean(ConfigurationPropertiesReportEndpoint.class).configurationProperties());
			assertThat(configprops).contains("honeyhive").contains("apiKey").doesNotContain(API_KEY);
			String env = json.writeValueAsString(context.getBean(EnvironmentEndpoint.class).environment(null));
			assertThat(env).contains(fromVariable ? "HH_API_KEY" : "honeyhive.api-key").doesNotContain(API_KEY);
			String entry = json
				.writeValueAsString(context.getBean(EnvironmentEndpoint.class).environmentEntry("honeyhive.api-key"));
			assertThat(entry).doesNotContain(API_KEY);
		}
	}

	private static void assertNoKeyInChain(Throwable ex) {
		for (Throwable current = ex; current != null; current = current.getCause()) {
			assertThat(String.valueOf(current.getMessage())).doesNotContain(API_KEY);
			assertThat(current.toString()).doesNotContain(API_KEY);
			if (current.getCause() == current) {
				break;
			}
		}
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ AopAutoConfiguration.class, RestClientAutoConfiguration.class,
			HoneyHiveAutoConfiguration.class, HoneyHivePublisherAutoConfiguration.class,
			HoneyHiveTracingAutoConfiguration.class, EndpointAutoConfiguration.class,
			ConfigurationPropertiesReportEndpointAutoConfiguration.class, EnvironmentEndpointAutoConfiguration.class })
	static class Application {

		@Bean
		Assistant assistant() {
			return new Assistant();
		}

	}

	public static class Assistant {

		@TraceEvent(type = EventType.CHAIN)
		public String answer(String question) {
			return "hi: " + question;
		}

	}

}
