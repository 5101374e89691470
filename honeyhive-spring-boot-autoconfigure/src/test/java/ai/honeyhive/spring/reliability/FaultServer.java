package ai.honeyhive.spring.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/**
 * A WireMock server that plays HoneyHive with faults: every answer is chosen at random
 * (fixed seed) from success, 503 with and without {@code Retry-After}, 429, a partial
 * batch answer computed from the request, a connection reset, an answer slower than the
 * client's read timeout and an HTML 502 page; it can also be switched "down" (every
 * request reset). It records what the server stored, by record id: a record counts as
 * stored when the answer says so, and also when the answer is only late (the server did
 * the work, the client gave up waiting): that is the one way a record can honestly be
 * stored twice.
 */
final class FaultServer implements ResponseDefinitionTransformerV2 {

	enum Answer {

		OK, UNAVAILABLE, UNAVAILABLE_RETRY_AFTER, TOO_MANY, PARTIAL, RESET, SLOW, HTML_502

	}

	private static final JsonMapper json = JsonMapper.builder().build();

	private final Random random;

	private final int slowMillis;

	private final Map<Answer, Integer> weights;

	private final int totalWeight;

	private volatile boolean down;

	private final WireMockServer server;

	/** Record id to the number of times the server stored it. */
	final Map<String, AtomicInteger> stored = new ConcurrentHashMap<>();

	/** Record ids whose first storage was acknowledged late (read timeout). */
	final Set<String> storedUnacknowledged = ConcurrentHashMap.newKeySet();

	/** Event id to the stored event (the last copy). */
	final Map<String, JsonNode> events = new ConcurrentHashMap<>();

	/** Session id to the children ids its update listed. */
	final Map<String, List<String>> sessionChildren = new ConcurrentHashMap<>();

	final Map<Answer, AtomicLong> answers = new ConcurrentHashMap<>();

	final AtomicLong requests = new AtomicLong();

	FaultServer(long seed, int slowMillis, Map<Answer, Integer> weights) {
		this.random = new Random(seed);
		this.slowMillis = slowMillis;
		this.weights = weights;
		this.totalWeight = weights.values().stream().mapToInt(Integer::intValue).sum();
		this.server = new WireMockServer(
				wireMockConfig().dynamicPort().disableRequestJournal().containerThreads(16).extensions(this));
		this.server.start();
		this.server.stubFor(any(anyUrl()).willReturn(ok()));
	}

	String baseUrl() {
		return this.server.baseUrl();
	}

	void down(boolean down) {
		this.down = down;
	}

	void shutdown() {
		this.server.stop();
	}

	@Override
	public String getName() {
		return "honeyhive-faults";
	}

	@Override
	public boolean applyGlobally() {
		return true;
	}

	@Override
	public ResponseDefinition transform(ServeEvent serveEvent) {
		this.requests.incrementAndGet();
		if (this.down) {
			count(Answer.RESET);
			return ResponseDefinitionBuilder.responseDefinition().withFault(Fault.CONNECTION_RESET_BY_PEER).build();
		}
		Answer answer = next();
		count(answer);
		String url = serveEvent.getRequest().getUrl();
		String method = serveEvent.getRequest().getMethod().getName();
		JsonNode body = json.readTree(serveEvent.getRequest().getBodyAsString());
		return switch (answer) {
			case OK -> {
				List<String> ids = store(method, url, body, false);
				yield ResponseDefinitionBuilder.responseDefinition()
					.withStatus(200)
					.withHeader("Content-Type", "application/json")
					.withBody(success(url, ids))
					.build();
			}
			case SLOW -> {
				store(method, url, body, true);
				yield ResponseDefinitionBuilder.responseDefinition()
					.withStatus(200)
					.withFixedDelay(this.slowMillis)
					.withBody("{}")
					.build();
			}
			case PARTIAL -> partial(method, url, body);
			case UNAVAILABLE -> ResponseDefinitionBuilder.responseDefinition().withStatus(503).build();
			case UNAVAILABLE_RETRY_AFTER ->
				ResponseDefinitionBuilder.responseDefinition().withStatus(503).withHeader("Retry-After", "1").build();
			case TOO_MANY -> ResponseDefinitionBuilder.responseDefinition()
				.withStatus(429)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"message\":\"rate limited\",\"errorCode\":\"RATE_LIMIT\"}")
				.build();
			case RESET ->
				ResponseDefinitionBuilder.responseDefinition().withFault(Fault.CONNECTION_RESET_BY_PEER).build();
			case HTML_502 -> ResponseDefinitionBuilder.responseDefinition()
				.withStatus(502)
				.withHeader("Content-Type", "text/html")
				.withBody("<html><body><h1>502 Bad Gateway</h1></body></html>")
				.build();
		};
	}

	private synchronized Answer next() {
		int pick = this.random.nextInt(this.totalWeight);
		for (Map.Entry<Answer, Integer> entry : this.weights.entrySet()) {
			pick -= entry.getValue();
			if (pick < 0) {
				return entry.getKey();
			}
		}
		return Answer.OK;
	}

	private synchronized boolean coin() {
		return this.random.nextBoolean();
	}

	private void count(Answer answer) {
		this.answers.computeIfAbsent(answer, (key) -> new AtomicLong()).incrementAndGet();
	}

	private ResponseDefinition partial(String method, String url, JsonNode body) {
		if (!url.equals("/events/batch")) {
			return ResponseDefinitionBuilder.responseDefinition().withStatus(500).withBody("internal error").build();
		}
		List<JsonNode> created = new ArrayList<>();
		List<String> errors = new ArrayList<>();
		for (JsonNode event : body.get("events")) {
			if (coin()) {
				created.add(event);
			}
			else {
				errors.add("event " + event.get("event_id").asString() + " could not be stored");
			}
		}
		ObjectNode answer = json.createObjectNode();
		ArrayNode ids = answer.putArray("event_ids");
		for (JsonNode event : created) {
			storeEvent(event, false);
			ids.add(event.get("event_id").asString());
		}
		ArrayNode errorList = answer.putArray("errors");
		errors.forEach(errorList::add);
		answer.put("success", false);
		return ResponseDefinitionBuilder.responseDefinition()
			.withStatus(500)
			.withHeader("Content-Type", "application/json")
			.withBody(answer.toString())
			.build();
	}

	private List<String> store(String method, String url, JsonNode body, boolean late) {
		List<String> ids = new ArrayList<>();
		if (url.equals("/events/batch")) {
			for (JsonNode event : body.get("events")) {
				storeEvent(event, late);
				ids.add(event.get("event_id").asString());
			}
		}
		else if (url.equals("/session/start")) {
			String id = body.get("session").get("session_id").asString();
			storeSession(body.get("session"), late);
			ids.add(id);
		}
		else if (url.equals("/events") && method.equals("PUT")) {
			String id = body.get("event_id").asString();
			storeRecord("update:" + id, late);
			storeChildren(id, body);
		}
		return ids;
	}

	private void storeEvent(JsonNode event, boolean late) {
		String id = event.get("event_id").asString();
		if (event.has("event_type") && "session".equals(event.get("event_type").asString())) {
			storeSession(event, late);
			return;
		}
		storeRecord("event:" + id, late);
		this.events.put(id, event);
	}

	/**
	 * Store a session record; one that carries its end (merged by the publisher) stores
	 * the end as well, as the update it replaced would have.
	 */
	private void storeSession(JsonNode session, boolean late) {
		String id = session.get("session_id").asString();
		storeRecord("session:" + id, late);
		if (session.has("end_time")) {
			storeRecord("update:" + id, late);
			storeChildren(id, session);
		}
	}

	private void storeChildren(String id, JsonNode record) {
		List<String> children = new ArrayList<>();
		JsonNode childrenIds = record.get("children_ids");
		if (childrenIds != null && childrenIds.isArray()) {
			childrenIds.forEach((child) -> children.add(child.asString()));
		}
		this.sessionChildren.put(id, children);
	}

	private void storeRecord(String key, boolean late) {
		int times = this.stored.computeIfAbsent(key, (k) -> new AtomicInteger()).incrementAndGet();
		if (late && times == 1) {
			this.storedUnacknowledged.add(key);
		}
	}

	private static String success(String url, List<String> ids) {
		if (url.equals("/events/batch")) {
			ObjectNode answer = json.createObjectNode();
			ArrayNode list = answer.putArray("event_ids");
			ids.forEach(list::add);
			answer.put("success", true);
			return answer.toString();
		}
		if (url.equals("/session/start")) {
			return "{\"session_id\":\"" + ids.get(0) + "\"}";
		}
		return "";
	}

}
