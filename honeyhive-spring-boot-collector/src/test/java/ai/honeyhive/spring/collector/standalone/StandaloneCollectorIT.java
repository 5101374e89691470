package ai.honeyhive.spring.collector.standalone;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged {@code -exec} jar started with {@code java -jar}, as a developer of
 * another application would start it: it says where it listens, takes the Events API
 * calls a HoneyHive SDK sends to {@code HH_API_URL}, and draws them.
 */
@Timeout(120)
class StandaloneCollectorIT {

	private static final Pattern STARTED = Pattern
		.compile("traces shown at (http://localhost:(\\d+)/honeyhive), Events API at (\\S+) \\(");

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final StringBuffer output = new StringBuffer();

	private Process process;

	@AfterEach
	void stop() throws Exception {
		if (this.process != null) {
			this.process.destroy();
			if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
			}
		}
	}

	@Test
	void shouldRunWithJavaJarOnGivenPortAndCollect() throws Exception {
		Path jar = Path.of(System.getProperty("collector.exec.jar", "target/missing-exec.jar"));
		assertThat(jar).exists();
		ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-jar", jar.toString(), "--server.port=0", "--server.address=127.0.0.1")
			.redirectErrorStream(true);
		// An API key in the environment must not turn the standalone collector off.
		builder.environment().put("HH_API_KEY", "hh-real-key");
		this.process = builder.start();
		Matcher started = awaitStartupLine();
		String page = started.group(1);
		String api = started.group(3);
		assertThat(api).isEqualTo(page + "/api");

		HttpResponse<String> session = this.http.send(HttpRequest.newBuilder(URI.create(api + "/session/start"))
			.header("Content-Type", "application/json")
			.header("Authorization", "Bearer any-key")
			.POST(HttpRequest.BodyPublishers.ofString("""
					{"session": {"project": "other-app", "session_name": "from another app", "source": "dev",
					 "session_id": "57a0da10-0000-4000-8000-000000000001"}}
					"""))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(session.statusCode()).as(session.body()).isEqualTo(200);
		HttpResponse<String> html = this.http.send(HttpRequest.newBuilder(URI.create(page)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(html.statusCode()).isEqualTo(200);
		assertThat(html.body()).contains("from another app");
		assertThat(this.output.toString()).doesNotContain("hh-real-key");
	}

	private Matcher awaitStartupLine() throws Exception {
		CompletableFuture<Matcher> startup = new CompletableFuture<>();
		Thread reader = new Thread(() -> {
			try (BufferedReader lines = new BufferedReader(
					new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
				String line;
				while ((line = lines.readLine()) != null) {
					this.output.append(line).append('\n');
					Matcher matcher = STARTED.matcher(line);
					if (matcher.find()) {
						startup.complete(matcher);
					}
				}
				startup.completeExceptionally(new AssertionError("Exited before starting:\n" + this.output));
			}
			catch (Exception ex) {
				startup.completeExceptionally(ex);
			}
		}, "standalone-collector-output");
		reader.setDaemon(true);
		reader.start();
		try {
			return startup.get(90, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new AssertionError("No startup line; output so far:\n" + this.output, ex);
		}
	}

}
