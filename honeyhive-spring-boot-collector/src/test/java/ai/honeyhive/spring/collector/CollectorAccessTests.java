package ai.honeyhive.spring.collector;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpMethod;
import org.springframework.web.context.WebApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who the collector answers: loopback addresses only, unless
 * {@code honeyhive.collector.allow-others} says otherwise.
 */
@SpringBootTest
class CollectorAccessTests {

	@Autowired
	private WebApplicationContext context;

	@Test
	void shouldAnswerLoopbackRequests() {
		CollectorClient client = new CollectorClient(this.context);
		assertThat(client.get("/", "127.0.0.1").status()).isEqualTo(200);
		assertThat(client.get("/", "0:0:0:0:0:0:0:1").status()).isEqualTo(200);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/", "/sessions/any", "/sessions/any/export" })
	void shouldRefuseOtherHostsOnThePage(String path) {
		CollectorClient.Response response = new CollectorClient(this.context).get(path, "192.0.2.10");
		assertThat(response.status()).isEqualTo(403);
		assertThat(response.body()).isEqualTo(LoopbackOnlyFilter.MESSAGE).contains("honeyhive.collector.allow-others");
	}

	@Test
	void shouldRefuseOtherHostsOnTheApi() {
		CollectorClient.Response response = new CollectorClient(this.context).send(HttpMethod.POST, "/session/start",
				"{}", "Bearer key", "198.51.100.7");
		assertThat(response.status()).isEqualTo(403);
	}

	@Test
	void shouldTellLoopbackAddressesFromOthersWithoutLookingUpNames() {
		assertThat(LoopbackOnlyFilter.isLoopback("127.0.0.1")).isTrue();
		assertThat(LoopbackOnlyFilter.isLoopback("127.1.2.3")).isTrue();
		assertThat(LoopbackOnlyFilter.isLoopback("::1")).isTrue();
		assertThat(LoopbackOnlyFilter.isLoopback("0:0:0:0:0:0:0:1")).isTrue();
		assertThat(LoopbackOnlyFilter.isLoopback("10.0.0.1")).isFalse();
		assertThat(LoopbackOnlyFilter.isLoopback("::ffff:192.0.2.1")).isFalse();
		assertThat(LoopbackOnlyFilter.isLoopback("localhost")).isFalse();
		assertThat(LoopbackOnlyFilter.isLoopback("")).isFalse();
		assertThat(LoopbackOnlyFilter.isLoopback(null)).isFalse();
	}

}
