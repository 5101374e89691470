package ai.honeyhive.spring.tracing;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import ai.honeyhive.spring.publisher.InMemoryEventPublisher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link HoneyHiveContext} and {@link HoneyHiveContextAccessor}.
 */
@Timeout(30)
class HoneyHiveContextTests {

	private final HoneyHiveTracer tracer = new HoneyHiveTracer(new InMemoryEventPublisher(),
			TracingSettings.defaults());

	private final ExecutorService executor = Executors.newSingleThreadExecutor();

	@AfterEach
	void shutdown() {
		this.executor.shutdownNow();
		this.tracer.close();
	}

	@Test
	void shouldCarryTheSessionToTasksOfAWrappedExecutorAndRestoreTheWorkerAfterwards() throws Exception {
		try (SessionScope session = this.tracer.startSession("s")) {
			CompletableFuture<String> seen = CompletableFuture
				.supplyAsync(() -> this.tracer.currentSessionId().orElse("none"), HoneyHiveContext.wrap(this.executor));
			assertThat(seen.get(10, TimeUnit.SECONDS)).isEqualTo(session.sessionId());
		}
		assertThat(this.executor.submit(HoneyHiveContext::isActive).get(10, TimeUnit.SECONDS)).isFalse();
	}

	@Test
	void shouldCarryTheSessionToWrappedCallablesAndSuppliers() throws Exception {
		try (SessionScope session = this.tracer.startSession("s")) {
			Callable<String> callable = HoneyHiveContext.wrap(() -> this.tracer.currentSessionId().orElse("none"));
			assertThat(this.executor.submit(callable).get(10, TimeUnit.SECONDS)).isEqualTo(session.sessionId());
			assertThat(CompletableFuture
				.supplyAsync(HoneyHiveContext.wrapSupplier(() -> this.tracer.currentSessionId().orElse("none")),
						this.executor)
				.get(10, TimeUnit.SECONDS)).isEqualTo(session.sessionId());
		}
	}

	@Test
	void shouldReturnTheTaskItselfWhenNoContextIsCurrent() {
		Runnable task = () -> {
		};
		assertThat(HoneyHiveContext.wrap(task)).isSameAs(task);
	}

	@Test
	void shouldReadWriteAndClearTheContextThroughTheAccessor() {
		HoneyHiveContextAccessor accessor = new HoneyHiveContextAccessor();
		assertThat(accessor.key()).isEqualTo(HoneyHiveContext.CONTEXT_KEY);
		try (SessionScope session = this.tracer.startSession("s")) {
			Object captured = accessor.getValue();
			accessor.setValue();
			assertThat(HoneyHiveContext.isActive()).isFalse();
			accessor.setValue(captured);
			assertThat(this.tracer.currentSessionId()).contains(session.sessionId());
		}
		assertThat(accessor.getValue()).isNull();
	}

	@Test
	void shouldRestoreThePreviousSessionWhenANestedSessionCloses() {
		try (SessionScope outer = this.tracer.startSession("outer")) {
			try (SessionScope inner = this.tracer.startSession("inner")) {
				assertThat(this.tracer.currentSessionId()).contains(inner.sessionId());
			}
			assertThat(this.tracer.currentSessionId()).contains(outer.sessionId());
		}
		assertThat(this.tracer.currentSessionId()).isEmpty();
	}

}
