package ai.honeyhive.spring.collector;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.web.context.WebApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code honeyhive.collector.allow-others=true} the collector answers any host.
 */
@SpringBootTest(properties = "honeyhive.collector.allow-others=true")
class CollectorAllowOthersTests {

	@Autowired
	private WebApplicationContext context;

	@Test
	void shouldAnswerOtherHostsWhenAllowed() {
		assertThat(new CollectorClient(this.context).get("/", "192.0.2.10").status()).isEqualTo(200);
	}

}
