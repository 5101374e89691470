package com.example.chat;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import ai.honeyhive.spring.collector.CollectedSession;
import ai.honeyhive.spring.collector.CollectorStore;
import ai.honeyhive.spring.collector.standalone.HoneyHiveCollectorApplication;
import ai.honeyhive.spring.publisher.EventPublisher;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application sends to a standalone collector, started on its own port, through
 * {@code honeyhive.base-url} (what {@code HH_API_URL} sets), as another service (or a
 * non-Java one) would; its own embedded collector stays off.
 */
@SpringBootTest(properties = "honeyhive.collector.enabled=false")
@Timeout(60)
class StandaloneCollectorTests {

	private static ConfigurableApplicationContext standalone;

	@Autowired
	private ChatService chat;

	@Autowired
	private EventPublisher publisher;

	@DynamicPropertySource
	static void pointAtStandaloneCollector(DynamicPropertyRegistry registry) {
		standalone = HoneyHiveCollectorApplication.run("--server.port=0", "--spring.main.banner-mode=off");
		int port = ((WebServerApplicationContext) standalone).getWebServer().getPort();
		// What HH_API_URL and HH_API_KEY map to; dynamic properties arrive after the
		// environment post-processors that map those variables have run.
		registry.add("honeyhive.base-url", () -> "http://localhost:" + port + "/honeyhive/api");
		registry.add("honeyhive.api-key", () -> "any-key");
	}

	@AfterAll
	static void stopStandaloneCollector() {
		if (standalone != null) {
			standalone.close();
		}
	}

	@Test
	void shouldDeliverTracesToStandaloneCollector() {
		this.chat.reply("When are you open?");
		assertThat(this.publisher.flush(Duration.ofSeconds(30))).isTrue();
		CollectorStore store = standalone.getBean(CollectorStore.class);
		assertThat(store.sessions()).singleElement().satisfies((CollectedSession session) -> {
			assertThat(session.name()).isEqualTo("chat");
			assertThat(session.events()).extracting((event) -> event.eventName())
				.containsExactlyInAnyOrder("reply", "find_fact", "generate");
		});
	}

}
