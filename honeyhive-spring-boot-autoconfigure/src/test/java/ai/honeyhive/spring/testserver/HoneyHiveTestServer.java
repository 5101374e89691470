package ai.honeyhive.spring.testserver;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A HoneyHive-compatible server on loopback for delivery tests and benchmarks: it stores
 * sessions and events by id the way the current server does (session records in batches,
 * a repeated session start merged into the session, updates merged key by key with
 * children ids appended), answers every call after a fixed latency without holding a
 * thread, and can inject faults: 503 (with and without {@code Retry-After}), 429, HTML
 * 502, partial batch answers, slow answers, a down period, or a batch route that refuses
 * session records. Counts calls by route and records every store of a record, so that a
 * test can tell stored-once from duplicates.
 */
public final class HoneyHiveTestServer implements AutoCloseable {

	static {
		// Answers go out in one write without waiting for the client's delayed ACK
		System.setProperty("sun.net.httpserver.nodelay", "true");
	}

	private static final JsonMapper json = JsonMapper.builder().build();

	private final HttpServer server;

	private final ExecutorService handlers;

	private final ScheduledExecutorService answers;

	private final Random random;

	private volatile Duration latency = Duration.ZERO;

	private volatile double faultRate;

	private volatile Duration slowAnswer = Duration.ofSeconds(1);

	private volatile boolean down;

	private volatile boolean refuseSessionsInBatches;

	private final AtomicLong rateLimitedCalls = new AtomicLong();

	private volatile Duration rateLimitRetryAfter = Duration.ZERO;

	/** Record id (event or session) to how many times a create stored it. */
	private final Map<String, AtomicInteger> creates = new ConcurrentHashMap<>();

	/** Record id to the stored document, updates and repeated starts merged in. */
	private final Map<String, ObjectNode> records = new ConcurrentHashMap<>();

	private final Map<String, AtomicLong> calls = new ConcurrentHashMap<>();

	private final ConcurrentLinkedQueue<Long> callTimes = new ConcurrentLinkedQueue<>();

	/**
	 * Start a server on a free loopback port.
	 * @param seed the seed of the fault injection
	 * @throws IOException if the server cannot start
	 */
	public HoneyHiveTestServer(long seed) throws IOException {
		this.random = new Random(seed);
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
		this.handlers = Executors.newFixedThreadPool(4, (runnable) -> daemon(runnable, "test-server"));
		this.answers = Executors.newScheduledThreadPool(2, (runnable) -> daemon(runnable, "test-server-answers"));
		this.server.setExecutor(this.handlers);
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	private static Thread daemon(Runnable runnable, String name) {
		Thread thread = new Thread(runnable, name);
		thread.setDaemon(true);
		return thread;
	}

	public String baseUrl() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	/** Answer every call after this latency. */
	public HoneyHiveTestServer latency(Duration latency) {
		this.latency = latency;
		return this;
	}

	/**
	 * Answer this share of calls with a fault chosen at random: 503, 503 with
	 * {@code Retry-After: 1}, 429, HTML 502, a partial batch answer, or a slow success.
	 */
	public HoneyHiveTestServer faults(double rate, Duration slowAnswer) {
		this.faultRate = rate;
		this.slowAnswer = slowAnswer;
		return this;
	}

	/** Refuse batches that hold session records with a 400 that names them. */
	public HoneyHiveTestServer refuseSessionsInBatches(boolean refuse) {
		this.refuseSessionsInBatches = refuse;
		return this;
	}

	/** Answer the next calls with 429 and this {@code Retry-After}. */
	public HoneyHiveTestServer rateLimit(int calls, Duration retryAfter) {
		this.rateLimitRetryAfter = retryAfter;
		this.rateLimitedCalls.set(calls);
		return this;
	}

	/** Reset every connection while down. */
	public void down(boolean down) {
		this.down = down;
	}

	/** How many creates stored this record (1 when stored once). */
	public int timesStored(String id) {
		AtomicInteger times = this.creates.get(id);
		return (times != null) ? times.get() : 0;
	}

	/** The ids stored by a create, sessions included. */
	public Map<String, Integer> storedCounts() {
		Map<String, Integer> counts = new ConcurrentHashMap<>();
		this.creates.forEach((id, times) -> counts.put(id, times.get()));
		return counts;
	}

	/** The stored record, with updates merged in. */
	public ObjectNode record(String id) {
		return this.records.get(id);
	}

	/** The stored records of the given type. */
	public List<ObjectNode> records(String eventType) {
		List<ObjectNode> matches = new ArrayList<>();
		for (ObjectNode record : this.records.values()) {
			if (eventType.equals(text(record, "event_type"))) {
				matches.add(record);
			}
		}
		return matches;
	}

	/**
	 * Calls answered, by route ({@code POST /events/batch}, {@code PUT /events}, ...).
	 */
	public long calls(String route) {
		AtomicLong count = this.calls.get(route);
		return (count != null) ? count.get() : 0;
	}

	public long totalCalls() {
		return this.calls.values().stream().mapToLong(AtomicLong::get).sum();
	}

	/** When each call arrived, in {@link System#nanoTime()}. */
	public List<Long> callTimes() {
		return new ArrayList<>(this.callTimes);
	}

	private void handle(HttpExchange exchange) throws IOException {
		byte[] body;
		try (InputStream in = exchange.getRequestBody()) {
			body = in.readAllBytes();
		}
		String route = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
		this.callTimes.add(System.nanoTime());
		this.calls.computeIfAbsent(route, (key) -> new AtomicLong()).incrementAndGet();
		if (this.down) {
			exchange.close();
			return;
		}
		Answer answer;
		try {
			answer = answer(route, json.readTree(body));
		}
		catch (RuntimeException ex) {
			answer = new Answer(400, "{\"message\":\"" + ex.getClass().getSimpleName() + "\"}", null, Duration.ZERO);
		}
		Answer toSend = answer;
		long delay = this.latency.toNanos() + toSend.extraDelay.toNanos();
		if (delay <= 0) {
			respond(exchange, toSend);
		}
		else {
			this.answers.schedule(() -> respond(exchange, toSend), delay, TimeUnit.NANOSECONDS);
		}
	}

	private Answer answer(String route, JsonNode body) {
		if (this.rateLimitedCalls.getAndUpdate((left) -> Math.max(0, left - 1)) > 0) {
			return new Answer(429, "{\"message\":\"rate limited\"}",
					String.valueOf(this.rateLimitRetryAfter.toSeconds()), Duration.ZERO);
		}
		Fault fault = nextFault();
		switch (fault) {
			case UNAVAILABLE:
				return new Answer(503, "{\"message\":\"unavailable\"}", null, Duration.ZERO);
			case UNAVAILABLE_RETRY_AFTER:
				return new Answer(503, "{\"message\":\"unavailable\"}", "1", Duration.ZERO);
			case TOO_MANY:
				return new Answer(429, "{\"message\":\"rate limited\"}", null, Duration.ZERO);
			case HTML_502:
				return new Answer(502, "<html><body><h1>502 Bad Gateway</h1></body></html>", null, Duration.ZERO);
			default:
				break;
		}
		Duration extra = (fault == Fault.SLOW) ? this.slowAnswer : Duration.ZERO;
		return switch (route) {
			case "POST /events/batch" -> batch(body, fault == Fault.PARTIAL, extra);
			case "POST /session/start" -> {
				ObjectNode session = (ObjectNode) body.get("session");
				String id = text(session, "session_id");
				ObjectNode record = session.deepCopy();
				record.put("event_id", id);
				record.put("event_type", "session");
				record.set("event_name", session.get("session_name"));
				storeStart(id, record);
				yield new Answer(200, "{\"session_id\":\"" + id + "\"}", null, extra);
			}
			case "PUT /events" -> {
				ObjectNode target = this.records.get(text(body, "event_id"));
				if (target == null) {
					yield new Answer(404, "{\"message\":\"event not found\"}", null, Duration.ZERO);
				}
				merge(target, (ObjectNode) body);
				yield new Answer(200, "", null, extra);
			}
			default -> new Answer(404, "{\"message\":\"no route\"}", null, Duration.ZERO);
		};
	}

	private Answer batch(JsonNode body, boolean partial, Duration extra) {
		JsonNode events = body.get("events");
		if (this.refuseSessionsInBatches) {
			for (JsonNode event : events) {
				if ("session".equals(text(event, "event_type"))) {
					return new Answer(400,
							"{\"message\":\"Invalid event_type 'session' at events[]: session events are not accepted "
									+ "in a batch\"}",
							null, Duration.ZERO);
				}
			}
		}
		ObjectNode answer = json.createObjectNode();
		ArrayNode ids = answer.putArray("event_ids");
		ArrayNode errors = answer.putArray("errors");
		for (JsonNode event : events) {
			String id = text(event, "event_id");
			if (partial && coin()) {
				errors.add("event " + id + " could not be stored, try again");
				continue;
			}
			ObjectNode record = ((ObjectNode) event).deepCopy();
			if ("session".equals(text(record, "event_type"))) {
				storeStart(id, record);
			}
			else {
				this.creates.computeIfAbsent(id, (key) -> new AtomicInteger()).incrementAndGet();
				this.records.put(id, record);
			}
			ids.add(id);
		}
		answer.put("success", errors.isEmpty());
		return new Answer(errors.isEmpty() ? 200 : 500, answer.toString(), null, extra);
	}

	/** A session start is idempotent on its id: a repeated start merges into it. */
	private void storeStart(String id, ObjectNode record) {
		this.creates.computeIfAbsent(id, (key) -> new AtomicInteger()).incrementAndGet();
		this.records.merge(id, record, (existing, repeated) -> {
			merge(existing, repeated);
			return existing;
		});
	}

	/** Merge as the server applies an update: objects key by key, children appended. */
	private static void merge(ObjectNode target, ObjectNode update) {
		synchronized (target) {
			for (Map.Entry<String, JsonNode> field : update.properties()) {
				String name = field.getKey();
				JsonNode value = field.getValue();
				JsonNode current = target.get(name);
				if (name.equals("children_ids") && current instanceof ArrayNode children && value.isArray()) {
					for (JsonNode child : value) {
						if (!children.toString().contains("\"" + child.asString() + "\"")) {
							children.add(child);
						}
					}
				}
				else if (current instanceof ObjectNode object && value instanceof ObjectNode values) {
					object.setAll(values);
				}
				else if (!name.equals("event_id")) {
					target.set(name, value);
				}
			}
		}
	}

	private synchronized Fault nextFault() {
		if (this.faultRate <= 0 || this.random.nextDouble() >= this.faultRate) {
			return Fault.NONE;
		}
		Fault[] faults = Fault.values();
		return faults[1 + this.random.nextInt(faults.length - 1)];
	}

	private synchronized boolean coin() {
		return this.random.nextBoolean();
	}

	private static String text(JsonNode node, String field) {
		JsonNode value = (node != null) ? node.get(field) : null;
		return (value != null && !value.isNull()) ? value.asString() : null;
	}

	private static void respond(HttpExchange exchange, Answer answer) {
		try (exchange) {
			byte[] bytes = answer.body.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders()
				.set("Content-Type", answer.body.startsWith("<") ? "text/html" : "application/json");
			if (answer.retryAfter != null) {
				exchange.getResponseHeaders().set("Retry-After", answer.retryAfter);
			}
			exchange.sendResponseHeaders(answer.status, (bytes.length > 0) ? bytes.length : -1);
			if (bytes.length > 0) {
				try (OutputStream out = exchange.getResponseBody()) {
					out.write(bytes);
				}
			}
		}
		catch (IOException ex) {
			// The client gave up waiting
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.answers.shutdownNow();
		this.handlers.shutdownNow();
	}

	private enum Fault {

		NONE, UNAVAILABLE, UNAVAILABLE_RETRY_AFTER, TOO_MANY, HTML_502, PARTIAL, SLOW

	}

	private record Answer(int status, String body, String retryAfter, Duration extraDelay) {
	}

}
