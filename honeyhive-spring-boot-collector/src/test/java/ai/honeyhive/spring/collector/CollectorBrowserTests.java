package ai.honeyhive.spring.collector;

import java.util.List;

import org.htmlunit.Page;
import org.htmlunit.WebClient;
import org.htmlunit.html.DomNode;
import org.htmlunit.html.HtmlAnchor;
import org.htmlunit.html.HtmlElement;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.context.WebApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The trace page as a browser sees it (HtmlUnit over real HTTP): the session table, the
 * tree as nested list items, following links to one session, its JSON export and back.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Timeout(60)
class CollectorBrowserTests {

	@LocalServerPort
	private int port;

	@Autowired
	private WebApplicationContext context;

	@Autowired
	private CollectorStore store;

	private WebClient browser;

	@BeforeEach
	void setUp() {
		this.store.clear();
		this.browser = new WebClient();
		this.browser.getOptions().setCssEnabled(false);
		this.browser.getOptions().setTimeout(10_000);
	}

	@AfterEach
	void tearDown() {
		this.browser.close();
	}

	@Test
	void shouldShowSessionTreeAndFollowLinks() throws Exception {
		CollectorPageTests.seedConversation(new CollectorClient(this.context));
		HtmlPage index = this.browser.getPage("http://localhost:" + this.port + "/honeyhive");
		assertThat(index.getWebResponse().getStatusCode()).isEqualTo(200);
		assertThat(index.getTitleText()).isEqualTo("HoneyHive collector");
		List<HtmlElement> rows = index.getByXPath("//table/tbody/tr");
		assertThat(rows).hasSize(1);
		assertThat(rows.get(0).getVisibleText()).contains("support chat", "dev", "5");

		HtmlElement chain = node(index, "chain-1");
		assertThat(head(chain)).contains("chain", "assistant.answer", "45 ms");
		assertThat(childNames(chain)).containsExactly("faq.search", "docs.search", "chat.model");
		assertThat(childNames(node(index, "tool-docs"))).containsExactly("docs.rerank");
		HtmlElement model = node(index, "model-1");
		assertThat(model.getVisibleText()).contains("offline-support-1", "tokens 120 prompt + 30 completion = 150",
				"cost $0.00042");
		assertThat(node(index, "tool-docs").getVisibleText()).contains("IllegalStateException: index offline");
		assertThat(chain.getVisibleText()).contains("rating: 5");

		HtmlPage session = index.getAnchorByText("support chat").click();
		assertThat(session.getUrl().getPath()).isEqualTo("/honeyhive/sessions/" + CollectorPageTests.SESSION);
		assertThat(childNames(node(session, "chain-1"))).containsExactly("faq.search", "docs.search", "chat.model");

		HtmlAnchor json = session.getAnchorByText("JSON");
		Page export = json.click();
		assertThat(export.getWebResponse().getContentType()).isEqualTo("application/json");
		assertThat(CollectorClient.parse(export.getWebResponse().getContentAsString())).containsEntry("session_id",
				CollectorPageTests.SESSION);

		HtmlPage back = session.getAnchorByText("All sessions").click();
		assertThat(back.getUrl().getPath()).isEqualTo("/honeyhive");
		assertThat(back.getAnchorByText("Refresh").<HtmlPage>click().getTitleText()).isEqualTo("HoneyHive collector");
	}

	private static HtmlElement node(HtmlPage page, String eventId) {
		HtmlElement node = page.querySelector("li.node[data-event-id='" + eventId + "']");
		assertThat(node).as("node %s", eventId).isNotNull();
		return node;
	}

	private static String head(HtmlElement node) {
		List<DomNode> head = node.getByXPath("./div[@class='head']");
		assertThat(head).hasSize(1);
		return head.get(0).getVisibleText();
	}

	private static List<String> childNames(HtmlElement node) {
		List<DomNode> names = node.getByXPath("./ul/li/div[@class='head']/span[@class='name']");
		return names.stream().map(DomNode::getVisibleText).toList();
	}

}
