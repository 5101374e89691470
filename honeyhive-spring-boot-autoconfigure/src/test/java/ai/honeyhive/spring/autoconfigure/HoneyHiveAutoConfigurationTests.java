package ai.honeyhive.spring.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import ai.honeyhive.spring.client.CreateEventRequest;
import ai.honeyhive.spring.client.EventType;
import ai.honeyhive.spring.client.EventsClient;
import ai.honeyhive.spring.client.GetEventsRequest;
import ai.honeyhive.spring.client.HoneyHiveApiException;
import ai.honeyhive.spring.client.HoneyHiveRestClientCustomizer;
import ai.honeyhive.spring.client.HoneyHiveConfigurationException;
import ai.honeyhive.spring.client.RestEventsClient;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientObservationAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.Ordered;
import org.springframework.http.client.observation.ClientRequestObservationContext;
import org.springframework.util.unit.DataSize;
import org.springframework.web.client.RestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link HoneyHiveAutoConfiguration}.
 */
@ExtendWith(OutputCaptureExtension.class)
class HoneyHiveAutoConfigurationTests {

	@RegisterExtension
	static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RestClientAutoConfiguration.class, HoneyHiveAutoConfiguration.class))
		.withPropertyValues("honeyhive.api-key=test-key", "honeyhive.project=proj", "honeyhive.tracing.enabled=false");

	@Test
	void providesARestEventsClientWithDefaults() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(EventsClient.class).hasBean("honeyHiveEventsClient");
			assertThat(context.getBean(EventsClient.class)).isInstanceOf(RestEventsClient.class);
			HoneyHiveProperties properties = context.getBean(HoneyHiveProperties.class);
			assertThat(properties.isEnabled()).isTrue();
			assertThat(properties.getBaseUrl()).isEqualTo("https://api.honeyhive.ai");
			assertThat(properties.getSource()).isEqualTo("dev");
			assertThat(properties.getClient().getConnectTimeout()).isEqualTo(Duration.ofSeconds(5));
			assertThat(properties.getClient().getReadTimeout()).isEqualTo(Duration.ofSeconds(30));
			assertThat(properties.getClient().getExportPath()).isNull();
			assertThat(properties.getClient().getRetry().getMaxAttempts()).isEqualTo(3);
			assertThat(properties.getClient().getRetry().getInitialInterval()).isEqualTo(Duration.ofMillis(500));
			assertThat(properties.getClient().getRetry().getMultiplier()).isEqualTo(2.0);
			assertThat(properties.getClient().getRetry().getMaxInterval()).isEqualTo(Duration.ofSeconds(5));
			assertThat(properties.getClient().getRetry().getMaxElapsedTime()).isEqualTo(Duration.ofSeconds(15));
		});
	}

	@Test
	void bindsEveryGeneralAndClientProperty() {
		this.contextRunner
			.withPropertyValues("honeyhive.base-url=https://hh.example.com", "honeyhive.source=production",
					"honeyhive.client.connect-timeout=2s", "honeyhive.client.read-timeout=7s",
					"honeyhive.client.export-path=/v1/events/export", "honeyhive.client.retry.max-attempts=5",
					"honeyhive.client.retry.initial-interval=100ms", "honeyhive.client.retry.multiplier=1.5",
					"honeyhive.client.retry.max-interval=2s", "honeyhive.client.retry.max-elapsed-time=20s",
					"honeyhive.tracing.capture-inputs=false", "honeyhive.tracing.capture-outputs=false",
					"honeyhive.tracing.max-value-size=1KB", "honeyhive.tracing.redaction-patterns=pin,ssn",
					"honeyhive.tracing.session-name=assistant", "honeyhive.tracing.async-timeout=1m",
					"honeyhive.publisher.max-queue-size=100", "honeyhive.publisher.max-queue-bytes=1MB",
					"honeyhive.publisher.max-batch-size=10", "honeyhive.publisher.schedule-delay=2s",
					"honeyhive.publisher.export-timeout=3s", "honeyhive.publisher.shutdown-timeout=4s")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				HoneyHiveProperties properties = context.getBean(HoneyHiveProperties.class);
				assertThat(properties.getApiKey()).isEqualTo("test-key");
				assertThat(properties.getProject()).isEqualTo("proj");
				assertThat(properties.getBaseUrl()).isEqualTo("https://hh.example.com");
				assertThat(properties.getSource()).isEqualTo("production");
				HoneyHiveProperties.Client client = properties.getClient();
				assertThat(client.getConnectTimeout()).isEqualTo(Duration.ofSeconds(2));
				assertThat(client.getReadTimeout()).isEqualTo(Duration.ofSeconds(7));
				assertThat(client.getExportPath()).isEqualTo("/v1/events/export");
				assertThat(client.getRetry().getMaxAttempts()).isEqualTo(5);
				assertThat(client.getRetry().getInitialInterval()).isEqualTo(Duration.ofMillis(100));
				assertThat(client.getRetry().getMultiplier()).isEqualTo(1.5);
				assertThat(client.getRetry().getMaxInterval()).isEqualTo(Duration.ofSeconds(2));
				assertThat(client.getRetry().getMaxElapsedTime()).isEqualTo(Duration.ofSeconds(20));
				HoneyHiveProperties.Tracing tracing = properties.getTracing();
				assertThat(tracing.isCaptureInputs()).isFalse();
				assertThat(tracing.isCaptureOutputs()).isFalse();
				assertThat(tracing.getMaxValueSize()).isEqualTo(DataSize.ofKilobytes(1));
				assertThat(tracing.getRedactionPatterns()).containsExactly("pin", "ssn");
				assertThat(tracing.getSessionName()).isEqualTo("assistant");
				assertThat(tracing.getAsyncTimeout()).isEqualTo(Duration.ofMinutes(1));
				HoneyHiveProperties.Publisher publisher = properties.getPublisher();
				assertThat(publisher.getMaxQueueSize()).isEqualTo(100);
				assertThat(publisher.getMaxQueueBytes()).isEqualTo(DataSize.ofMegabytes(1));
				assertThat(publisher.getMaxBatchSize()).isEqualTo(10);
				assertThat(publisher.getScheduleDelay()).isEqualTo(Duration.ofSeconds(2));
				assertThat(publisher.getExportTimeout()).isEqualTo(Duration.ofSeconds(3));
				assertThat(publisher.getShutdownTimeout()).isEqualTo(Duration.ofSeconds(4));
			});
	}

	@Test
	void leavesOutTheApplicationsRestClientBuilderAndCustomizers() {
		server.stubFor(post("/events").willReturn(okJson("{\"event_id\":\"e-1\"}")));
		AtomicInteger applicationInterceptorCalls = new AtomicInteger();
		this.contextRunner.withPropertyValues("honeyhive.base-url=" + server.baseUrl())
			.withBean(RestClientCustomizer.class, () -> (builder) -> builder.defaultHeader("X-Customized", "yes")
				.requestInterceptor((request, body, execution) -> {
					applicationInterceptorCalls.incrementAndGet();
					request.getHeaders().setBearerAuth("application-credential");
					return execution.execute(request, body);
				}))
			.run((context) -> {
				context.getBean(EventsClient.class).createEvent(event());
				server.verify(postRequestedFor(urlEqualTo("/events")).withoutHeader("X-Customized")
					.withHeader("Authorization", equalTo("Bearer test-key")));
				assertThat(applicationInterceptorCalls).hasValue(0);
			});
	}

	@Test
	void leavesOutAnApplicationRestClientBuilderBean() {
		server.stubFor(post("/events").willReturn(okJson("{\"event_id\":\"e-1\"}")));
		this.contextRunner.withPropertyValues("honeyhive.base-url=" + server.baseUrl())
			.withBean(RestClient.Builder.class,
					() -> RestClient.builder().defaultHeader("X-Application", "yes").baseUrl("http://registry"))
			.run((context) -> {
				context.getBean(EventsClient.class).createEvent(event());
				server.verify(postRequestedFor(urlEqualTo("/events")).withoutHeader("X-Application")
					.withHeader("Authorization", equalTo("Bearer test-key")));
			});
	}

	@Test
	void startsWithTwoApplicationRestClientBuildersAndNoPrimary() {
		this.contextRunner.withBean("firstBuilder", RestClient.Builder.class, RestClient::builder)
			.withBean("secondBuilder", RestClient.Builder.class, RestClient::builder)
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(RestEventsClient.class));
	}

	@Test
	void appliesHoneyHiveRestClientCustomizersInOrder() {
		server.stubFor(post("/events").willReturn(okJson("{\"event_id\":\"e-1\"}")));
		this.contextRunner.withPropertyValues("honeyhive.base-url=" + server.baseUrl())
			.withBean("second", HoneyHiveRestClientCustomizer.class, () -> new OrderedCustomizer(2, "second"))
			.withBean("first", HoneyHiveRestClientCustomizer.class, () -> new OrderedCustomizer(1, "first"))
			.run((context) -> {
				context.getBean(EventsClient.class).createEvent(event());
				server.verify(postRequestedFor(urlEqualTo("/events")).withHeader("X-Team", equalTo("second"))
					.withHeader("Authorization", equalTo("Bearer test-key")));
			});
	}

	@Test
	void observesHoneyHiveCallsWithBootsObservationSupport() {
		server.stubFor(post("/events").willReturn(okJson("{\"event_id\":\"e-1\"}")));
		List<String> observed = new CopyOnWriteArrayList<>();
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(new ObservationHandler<>() {

			@Override
			public boolean supportsContext(Observation.Context context) {
				return context instanceof ClientRequestObservationContext;
			}

			@Override
			public void onStop(Observation.Context context) {
				observed.add(((ClientRequestObservationContext) context).getCarrier().getURI().getPath());
			}

		});
		this.contextRunner.withPropertyValues("honeyhive.base-url=" + server.baseUrl())
			.withConfiguration(AutoConfigurations.of(RestClientObservationAutoConfiguration.class))
			.withBean(ObservationRegistry.class, () -> registry)
			.run((context) -> {
				context.getBean(EventsClient.class).createEvent(event());
				assertThat(observed).containsExactly("/events");
			});
	}

	private static CreateEventRequest event() {
		return CreateEventRequest.builder().eventType(EventType.TOOL).build();
	}

	@Test
	void exportPathIsFoundByItselfUnlessPinned() {
		server.stubFor(post("/events/export").willReturn(aResponse().withStatus(404)));
		server.stubFor(post("/v1/events/export").willReturn(okJson("{\"events\": []}")));
		this.contextRunner.withPropertyValues("honeyhive.base-url=" + server.baseUrl()).run((context) -> {
			assertThat(context.getBean(HoneyHiveProperties.class).getClient().getExportPath()).isNull();
			assertThat(context.getBean(EventsClient.class).getEvents(GetEventsRequest.of("proj")).events()).isEmpty();
		});
		this.contextRunner
			.withPropertyValues("honeyhive.base-url=" + server.baseUrl(), "honeyhive.client.export-path=/events/export")
			.run((context) -> assertThatExceptionOfType(HoneyHiveApiException.class)
				.isThrownBy(() -> context.getBean(EventsClient.class).getEvents(GetEventsRequest.of("proj"))));
		server.verify(exactly(2), postRequestedFor(urlEqualTo("/events/export")));
		server.verify(exactly(1), postRequestedFor(urlEqualTo("/v1/events/export")));
	}

	static final class OrderedCustomizer implements HoneyHiveRestClientCustomizer, Ordered {

		private final int order;

		private final String team;

		OrderedCustomizer(int order, String team) {
			this.order = order;
			this.team = team;
		}

		@Override
		public void customize(RestClient.Builder builder) {
			builder.defaultHeaders((headers) -> headers.set("X-Team", this.team));
		}

		@Override
		public int getOrder() {
			return this.order;
		}

	}

	@Test
	void worksWithoutBootsHttpClientModule() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("org.springframework.boot.http.client."))
			.withConfiguration(AutoConfigurations.of(HoneyHiveAutoConfiguration.class))
			.run((context) -> assertThat(context).hasSingleBean(RestEventsClient.class));
	}

	@Test
	void userClientWins() {
		EventsClient own = mock(EventsClient.class);
		this.contextRunner.withBean(EventsClient.class, () -> own)
			.run((context) -> assertThat(context).getBean(EventsClient.class).isSameAs(own));
	}

	@Test
	void disabledByProperty() {
		this.contextRunner.withPropertyValues("honeyhive.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(EventsClient.class)
				.doesNotHaveBean(HoneyHiveProperties.class));
	}

	@Test
	void missingApiKeyStartsWithOneWarningAndCallsFailClearly(CapturedOutput output) {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(RestClientAutoConfiguration.class, HoneyHiveAutoConfiguration.class))
			.withPropertyValues("honeyhive.project=proj")
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(EventsClient.class);
				assertThatExceptionOfType(HoneyHiveConfigurationException.class)
					.isThrownBy(() -> context.getBean(EventsClient.class).createEvent(event()))
					.withMessageContaining("honeyhive.api-key");
			});
		assertThat(output).containsOnlyOnce("No HoneyHive API key is set").contains("HH_API_KEY");
	}

	@Test
	void plainHttpToARemoteHostIsWarnedAbout(CapturedOutput output) {
		this.contextRunner.withPropertyValues("honeyhive.base-url=http://hh.example.com")
			.run((context) -> assertThat(context).hasNotFailed());
		assertThat(output).contains("plain http").contains("http://hh.example.com").doesNotContain("test-key");
	}

	@Test
	void plainHttpToLoopbackIsNotWarnedAbout(CapturedOutput output) {
		for (String url : List.of("http://localhost:8080/collector", "http://127.0.0.1:9", "http://[::1]:9")) {
			this.contextRunner.withPropertyValues("honeyhive.base-url=" + url)
				.run((context) -> assertThat(context).hasNotFailed());
		}
		assertThat(output).doesNotContain("plain http");
	}

	@Test
	void invalidValuesStopStartupNamingTheProperty() {
		assertInvalid("honeyhive.base-url=not a url", "honeyhive.base-url");
		assertInvalid("honeyhive.base-url=ftp://hh.example.com", "honeyhive.base-url");
		assertInvalid("honeyhive.base-url=", "honeyhive.base-url");
		assertInvalid("honeyhive.project= ", "honeyhive.project");
		assertInvalid("honeyhive.source=", "honeyhive.source");
		assertInvalid("honeyhive.client.connect-timeout=0s", "honeyhive.client.connect-timeout");
		assertInvalid("honeyhive.client.read-timeout=-1s", "honeyhive.client.read-timeout");
		assertInvalid("honeyhive.client.export-path=events/export", "honeyhive.client.export-path");
		assertInvalid("honeyhive.client.retry.max-attempts=0", "honeyhive.client.retry.max-attempts");
		assertInvalid("honeyhive.client.retry.multiplier=0.5", "honeyhive.client.retry.multiplier");
		assertInvalid("honeyhive.client.retry.initial-interval=0ms", "honeyhive.client.retry.initial-interval");
	}

	private void assertInvalid(String property, String name) {
		this.contextRunner.withPropertyValues(property).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.satisfies((ex) -> assertThat(((InvalidConfigurationPropertyValueException) ex).getName())
					.isEqualTo(name));
		});
	}

	@Test
	void propertiesToStringHidesTheKey() {
		this.contextRunner.run((context) -> assertThat(context.getBean(HoneyHiveProperties.class).toString())
			.doesNotContain("test-key")
			.contains("******"));
	}

}
