package com.example.chat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.htmlunit.WebClient;
import org.htmlunit.html.DomNode;
import org.htmlunit.html.HtmlElement;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import ai.honeyhive.spring.publisher.EventPublisher;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A new application with the starter and the collector and no API key: a chat call over
 * HTTP, then the page at {@code /honeyhive}, read by a browser, shows its tree; a request
 * from another host is refused.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "HH_API_KEY=")
@AutoConfigureMockMvc
@Timeout(60)
class ChatTracePageTests {

	@LocalServerPort
	private int port;

	@Autowired
	private EventPublisher publisher;

	@Autowired
	private MockMvc mvc;

	@Autowired
	private Environment environment;

	@Test
	void shouldShowChatTreeOnTracePage() throws Exception {
		Map<?, ?> reply = RestClient.create("http://localhost:" + this.port)
			.post()
			.uri("/chat")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("message", "When are you open?"))
			.retrieve()
			.body(Map.class);
		assertThat((String) reply.get("reply")).contains("Opening hours");
		assertThat(this.publisher.flush(Duration.ofSeconds(30))).isTrue();
		try (WebClient browser = new WebClient()) {
			browser.getOptions().setCssEnabled(false);
			HtmlPage page = browser.getPage("http://localhost:" + this.port + "/honeyhive");
			assertThat(page.getTitleText()).isEqualTo("HoneyHive collector");
			HtmlElement session = page.querySelector("li.node[data-type='session']");
			assertThat(name(session)).isEqualTo("chat");
			assertThat(childNames(session)).containsExactly("reply");
			HtmlElement chain = page.querySelector("li.node[data-type='chain']");
			assertThat(name(chain)).isEqualTo("reply");
			assertThat(childNames(chain)).containsExactly("find_fact", "generate");
			HtmlElement model = page.querySelector("li.node[data-type='model']");
			assertThat(model.getVisibleText()).contains("model canned-1", "tokens 12 prompt + 9 completion = 21");
			assertThat(page.querySelectorAll(".orphan")).isEmpty();
		}
	}

	@Test
	void shouldPointStarterAtCollector() {
		assertThat(this.environment.getProperty("honeyhive.base-url"))
			.isEqualTo("http://localhost:" + this.port + "/honeyhive/api");
		assertThat(this.environment.getProperty("honeyhive.collector.enabled", Boolean.class)).isTrue();
	}

	@Test
	void shouldRefuseRequestsFromOtherHosts() throws Exception {
		this.mvc.perform(get("/honeyhive").with((request) -> {
			request.setRemoteAddr("203.0.113.5");
			return request;
		}))
			.andExpect(status().isForbidden())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("honeyhive.collector.allow-others")));
		this.mvc.perform(post("/honeyhive/api/events").contentType(MediaType.APPLICATION_JSON)
			.content("{}")
			.header("Authorization", "Bearer key")
			.with((request) -> {
				request.setRemoteAddr("203.0.113.5");
				return request;
			})).andExpect(status().isForbidden());
		this.mvc.perform(get("/honeyhive")).andExpect(status().isOk());
	}

	private static String name(HtmlElement node) {
		List<DomNode> names = node.getByXPath("./div[@class='head']/span[@class='name']");
		assertThat(names).hasSize(1);
		return names.get(0).getVisibleText();
	}

	private static List<String> childNames(HtmlElement node) {
		List<DomNode> names = node.getByXPath("./ul/li/div[@class='head']/span[@class='name']");
		return names.stream().map(DomNode::getVisibleText).toList();
	}

}
