package ai.honeyhive.spring.hardening;

import java.util.List;
import java.util.Map;

import ai.honeyhive.spring.client.CreateEventRequest;
import ai.honeyhive.spring.publisher.InMemoryEventPublisher;
import ai.honeyhive.spring.tracing.HoneyHiveTracer;
import ai.honeyhive.spring.tracing.ModelCall;
import ai.honeyhive.spring.tracing.SessionOptions;
import ai.honeyhive.spring.tracing.SessionScope;
import ai.honeyhive.spring.tracing.TraceEvent;
import ai.honeyhive.spring.tracing.TraceEventAspect;
import ai.honeyhive.spring.tracing.TracingSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.aop.aspectj.annotation.AspectJProxyFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Redaction applies alike to inputs, outputs, metadata, config, feedback, metrics, user
 * properties, errors, session options and enrichment: a secret put in each never reaches
 * the publisher.
 */
@Timeout(30)
class RedactionEverywhereTests {

	private static final String SECRET = "S3CR3T-VALUE-0042";

	private static final JsonMapper json = JsonMapper.builder().build();

	private final InMemoryEventPublisher publisher = new InMemoryEventPublisher();

	private final HoneyHiveTracer tracer = new HoneyHiveTracer(this.publisher, TracingSettings.defaults());

	private Vault proxy() {
		AspectJProxyFactory factory = new AspectJProxyFactory(new Vault(this.tracer));
		factory.setProxyTargetClass(true);
		factory.addAspect(new TraceEventAspect(this.tracer));
		return factory.getProxy();
	}

	@Test
	void shouldRedactASecretWhereverItIsPut() {
		Vault vault = proxy();
		try (SessionScope session = this.tracer.startSession(SessionOptions.builder("s")
			.input("password", SECRET)
			.metadata("client_secret", SECRET)
			.userProperty("api_key", SECRET)
			.build())) {
			this.tracer.enrichSession((s) -> s.metadata("access_token", SECRET)
				.outputs("password", SECRET)
				.config("apiKey", SECRET)
				.feedback("secret", SECRET)
				.metrics("token", SECRET)
				.userProperties("authorization", SECRET));
			Map<String, Object> result = vault.open(SECRET, Map.of("user", "ada", "password", SECRET));
			assertThat(result).containsEntry("secret", SECRET);
			assertThatIllegalStateException().isThrownBy(() -> vault.fail(SECRET))
				.withMessage("login failed: password=" + SECRET);
		}
		String recorded = json.writeValueAsString(
				List.of(this.publisher.getSessions(), this.publisher.getEvents(), this.publisher.getUpdates()));
		assertThat(recorded).doesNotContain(SECRET).contains("[REDACTED]").contains("ada");
		CreateEventRequest open = this.publisher.findEvent("open").orElseThrow();
		assertThat(open.inputs()).containsEntry("apiKey", "[REDACTED]")
			.containsEntry("credentials", Map.of("user", "ada", "password", "[REDACTED]"));
		assertThat(open.outputs()).containsEntry("result", Map.of("secret", "[REDACTED]", "visible", "yes"))
			.containsEntry("password", "[REDACTED]");
		assertThat(open.metadata()).containsEntry("client_secret", "[REDACTED]");
		assertThat(open.config()).containsEntry("authorization", "[REDACTED]");
		assertThat(open.feedback()).containsEntry("secret", "[REDACTED]");
		assertThat(open.metrics()).containsEntry("api-key", "[REDACTED]");
		assertThat(open.userProperties()).containsEntry("password", "[REDACTED]");
		assertThat(this.publisher.findEvent("fail").orElseThrow().error())
			.isEqualTo("java.lang.IllegalStateException: login failed: password=[REDACTED]");
		assertThat(this.publisher.getSessions().get(0).inputs()).containsEntry("password", "[REDACTED]");
		assertThat(this.publisher.getUpdates().get(0).metadata()).containsEntry("access_token", "[REDACTED]");
	}

	@Test
	void shouldRedactAModelCallsHyperparametersButNotItsLayout() {
		Vault vault = proxy();
		try (SessionScope session = this.tracer.startSession(SessionOptions.builder("s").build())) {
			vault.model();
		}
		CreateEventRequest model = this.publisher.findEvent("model").orElseThrow();
		assertThat(model.config()).containsEntry("hyperparameters",
				Map.of("api_key", "[REDACTED]", "temperature", 0.2, "max_tokens", 100));
		assertThat(model.metadata()).containsEntry("prompt_tokens", 3L).containsEntry("completion_tokens", 4L);
		assertThat(json.writeValueAsString(this.publisher.getEvents())).doesNotContain(SECRET);
	}

	@TraceEvent
	public static class Vault {

		private final HoneyHiveTracer tracer;

		public Vault(HoneyHiveTracer tracer) {
			this.tracer = tracer;
		}

		public Map<String, Object> open(String apiKey, Map<String, String> credentials) {
			this.tracer.enrichCurrentEvent((event) -> event.metadata("client_secret", SECRET)
				.config(Map.of("authorization", "Bearer " + SECRET))
				.feedback("secret", SECRET)
				.metrics("api-key", SECRET)
				.userProperties("password", SECRET)
				.outputs("password", SECRET)
				.inputs("token", SECRET));
			return Map.of("secret", apiKey, "visible", "yes");
		}

		public String model() {
			this.tracer.recordModelCall(ModelCall.builder()
				.model("gpt-4o")
				.hyperparameter("api_key", SECRET)
				.hyperparameter("temperature", 0.2)
				.hyperparameter("max_tokens", 100)
				.promptTokens(3)
				.completionTokens(4)
				.build());
			return "done";
		}

		public String fail(String password) {
			throw new IllegalStateException("login failed: password=" + password);
		}

	}

}
