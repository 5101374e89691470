package ai.honeyhive.spring.collector.standalone;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import ai.honeyhive.spring.collector.CollectorStore;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The standalone collector in-process: it listens on the port it is given, stays on with
 * an API key around, and says where to look in exactly one INFO line.
 */
@ExtendWith(OutputCaptureExtension.class)
@Timeout(60)
class HoneyHiveCollectorApplicationTests {

	@Test
	void shouldStartOnGivenPortAndLogOneLineWithPageUrl(CapturedOutput output) {
		try (ConfigurableApplicationContext context = HoneyHiveCollectorApplication.run("--server.port=0",
				"--server.address=127.0.0.1", "--honeyhive.api-key=hh-real-key", "--spring.main.banner-mode=off")) {
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			assertThat(context.getBean(CollectorStore.class)).isNotNull();
			Matcher lines = Pattern.compile("INFO .*HoneyHive collector: traces shown at (\\S+), ")
				.matcher(output.getOut());
			assertThat(lines.find()).as(output.getOut()).isTrue();
			assertThat(lines.group(1)).isEqualTo("http://localhost:" + port + "/honeyhive");
			assertThat(lines.find()).as("a second startup line").isFalse();
			assertThat(output.getOut()).contains("answering localhost only").doesNotContain("hh-real-key");
		}
	}

}
