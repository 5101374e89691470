package ai.honeyhive.spring.collector;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The collector over real HTTP on a random port: the starter's base URL points at it
 * before the server starts, and the wire format holds through the servlet container.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "honeyhive.enabled=false", "HH_API_KEY=", "honeyhive.api-key=" })
@Timeout(60)
class CollectorRandomPortTests {

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@LocalServerPort
	private int port;

	@Autowired
	private Environment environment;

	@Autowired
	private CollectorStore store;

	@Test
	void shouldPointStarterAtCollectorOnActualPort() {
		assertThat(this.environment.getProperty("honeyhive.base-url"))
			.isEqualTo("http://localhost:" + this.port + "/honeyhive/api");
		assertThat(this.environment.getProperty("honeyhive.collector.enabled", Boolean.class)).isTrue();
	}

	@Test
	void shouldStartSessionOverHttpAtConfiguredBaseUrl() throws Exception {
		HttpResponse<String> response = post("/session/start", """
				{"session": {"project": "support", "session_name": "over http", "source": "dev",
				 "session_id": "0e7f0000-0000-4000-8000-000000000001"}}
				""", "Bearer local-collector");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
		assertThat(CollectorClient.parse(response.body()))
			.isEqualTo(Map.of("session_id", "0e7f0000-0000-4000-8000-000000000001"));
		assertThat(this.store.session("0e7f0000-0000-4000-8000-000000000001")).isPresent();
		HttpResponse<String> page = this.http.send(
				HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/honeyhive")).GET().build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("over http");
	}

	@Test
	void shouldAnswerMalformedJsonAndMissingAuthInErrorShapeOverHttp() throws Exception {
		HttpResponse<String> malformed = post("/events", "{\"event\": ", "Bearer local-collector");
		assertThat(malformed.statusCode()).isEqualTo(400);
		assertThat(CollectorClient.parse(malformed.body())).containsEntry("statusCode", 400)
			.containsEntry("success", false)
			.containsEntry("errorCode", "INVALID_JSON");
		HttpResponse<String> unauthorized = post("/events", "{}", null);
		assertThat(unauthorized.statusCode()).isEqualTo(401);
		assertThat(CollectorClient.parse(unauthorized.body())).containsEntry("statusCode", 401)
			.containsEntry("errorCode", "UNAUTHORIZED");
	}

	private HttpResponse<String> post(String path, String body, @Nullable String auth) throws Exception {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create(this.environment.getRequiredProperty("honeyhive.base-url") + path))
			.timeout(Duration.ofSeconds(10))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (auth != null) {
			request.header("Authorization", auth);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
