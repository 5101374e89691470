package ai.honeyhive.spring.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An HTTP sink on loopback that reads every request body in full, counts requests and
 * bytes, and answers either as HoneyHive would on success or with a slow 503.
 */
final class LoopbackSink implements AutoCloseable {

	static {
		// The JDK server writes a response's headers and body separately; without
		// TCP_NODELAY
		// every answer waits for the client's delayed ACK (about 40 ms), which would
		// measure
		// the sink, not the publishers.
		System.setProperty("sun.net.httpserver.nodelay", "true");
	}

	private static final byte[] BATCH_ANSWER = "{\"success\":true}".getBytes(StandardCharsets.UTF_8);

	private static final byte[] SESSION_ANSWER = "{\"session_id\":\"sink\"}".getBytes(StandardCharsets.UTF_8);

	private static final byte[] UNAVAILABLE = "{\"statusCode\":503,\"message\":\"unavailable\",\"success\":false}"
		.getBytes(StandardCharsets.UTF_8);

	private final HttpServer server;

	private final ExecutorService executor;

	private final AtomicLong requests = new AtomicLong();

	private final AtomicLong bytes = new AtomicLong();

	private volatile Duration unavailableDelay;

	LoopbackSink() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
		this.executor = Executors.newFixedThreadPool(4, (runnable) -> {
			Thread thread = new Thread(runnable, "loopback-sink");
			thread.setDaemon(true);
			return thread;
		});
		this.server.setExecutor(this.executor);
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	/**
	 * Answer every request with 503 after the given delay, or normally when {@code null}.
	 * @param delay the delay before a 503, or {@code null} for healthy answers
	 */
	void unavailable(Duration delay) {
		this.unavailableDelay = delay;
	}

	String baseUrl() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	long requests() {
		return this.requests.get();
	}

	long bytes() {
		return this.bytes.get();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			long read = 0;
			try (InputStream body = exchange.getRequestBody()) {
				byte[] buffer = new byte[16384];
				int count;
				while ((count = body.read(buffer)) != -1) {
					read += count;
				}
			}
			this.requests.incrementAndGet();
			this.bytes.addAndGet(read);
			Duration delay = this.unavailableDelay;
			if (delay != null) {
				pause(delay);
				respond(exchange, 503, UNAVAILABLE);
				return;
			}
			String path = exchange.getRequestURI().getPath();
			if (path.endsWith("/v1/traces")) {
				// OTLP/HTTP: an empty protobuf ExportTraceServiceResponse
				exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
				exchange.sendResponseHeaders(200, -1);
			}
			else if ("PUT".equals(exchange.getRequestMethod())) {
				exchange.sendResponseHeaders(200, -1);
			}
			else if (path.endsWith("/session/start")) {
				respond(exchange, 200, SESSION_ANSWER);
			}
			else {
				respond(exchange, 200, BATCH_ANSWER);
			}
		}
	}

	private static void pause(Duration delay) {
		// Simulates a slow backend inside the server; nothing waits on it for
		// synchronisation.
		try {
			Thread.sleep(delay.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

}
