package ai.honeyhive.spring.benchmarks;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import ai.honeyhive.spring.publisher.BatchingEventPublisher;
import ai.honeyhive.spring.tracing.HoneyHiveTracer;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * The traced call of {@link TracingOverheadBenchmark} (capture on) while the backend is
 * healthy, answers 503 after two seconds, or refuses connections. The publisher sends
 * over HTTP to a loopback sink; the caller must not notice the difference.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = { "-Xms1g", "-Xmx1g" })
@State(Scope.Benchmark)
public class BackendTroubleBenchmark {

	@Param({ "healthy", "slow503", "refused" })
	public String backend;

	private LoopbackSink sink;

	private ConfigurableApplicationContext context;

	Work traced;

	HoneyHiveTracer tracer;

	@Setup(Level.Trial)
	public void start() throws IOException {
		this.sink = new LoopbackSink();
		String baseUrl = this.sink.baseUrl();
		if ("slow503".equals(this.backend)) {
			this.sink.unavailable(Duration.ofSeconds(2));
		}
		else if ("refused".equals(this.backend)) {
			baseUrl = "http://127.0.0.1:" + closedPort();
		}
		this.context = BenchmarkContexts.http(baseUrl);
		this.traced = this.context.getBean("traced", Work.class);
		this.tracer = this.context.getBean(HoneyHiveTracer.class);
	}

	@TearDown(Level.Trial)
	public void stop() {
		System.err.println("publisher: " + this.context.getBean(BatchingEventPublisher.class).getStatus());
		this.context.close();
		this.sink.close();
	}

	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	/** A {@link RollingSession} per thread, and the argument's counter. */
	@State(Scope.Thread)
	public static class Session {

		RollingSession session;

		int number;

		@Setup(Level.Iteration)
		public void open(BackendTroubleBenchmark benchmark) {
			this.session = new RollingSession(benchmark.tracer);
		}

		void next() {
			this.session.next();
		}

		@TearDown(Level.Iteration)
		public void close() {
			this.session.close();
		}

	}

	@Benchmark
	public String traced(Session session) {
		session.next();
		return this.traced.call(TracingOverheadBenchmark.TEXT, session.number++);
	}

}
