package ai.honeyhive.spring.reliability;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import ai.honeyhive.spring.reliability.FaultServer.Answer;
import ai.honeyhive.spring.tracing.TraceEvent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every {@code honeyhive-*} thread a context starts (publisher senders, the timer of
 * asynchronous results) ends when the context closes, even with an asynchronous event
 * still open.
 */
@Timeout(60)
class ContextThreadsTests {

	private final FaultServer server = new FaultServer(3L, 0, Map.of(Answer.OK, 1));

	@AfterEach
	void stop() {
		this.server.shutdown();
	}

	@Test
	void shouldLeaveNoThreadOfTheContextAliveAfterItCloses() throws Exception {
		ContextThreads.run(() -> ReliabilityContexts.runner(this.server.baseUrl())
			.withBean(Pending.class, Pending::new)
			.withPropertyValues("honeyhive.publisher.max-concurrent-exports=2")
			.run((context) -> {
				context.getBean(Pending.class).answer(new CompletableFuture<>());
				assertThat(ContextThreads.liveHoneyHiveThreads()).as("threads while open")
					.contains("honeyhive-tracing-timeout")
					.anyMatch((name) -> name.startsWith("honeyhive-publisher-"));
				context.close();
				assertThat(ContextThreads.liveHoneyHiveThreads()).as("threads after close").isEmpty();
			}));
	}

	@TraceEvent
	static class Pending {

		public CompletableFuture<String> answer(CompletableFuture<String> result) {
			return result;
		}

	}

}
