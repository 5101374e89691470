package ai.honeyhive.spring.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import ai.honeyhive.spring.testserver.DeliveryScenario;
import ai.honeyhive.spring.testserver.HoneyHiveTestServer;

/**
 * Delivery under a real network: an application whose every request is a top-level traced
 * call, and so its own session (a chain, a tool and a model event), against a
 * HoneyHive-compatible loopback server that answers every call after a fixed latency;
 * default settings unless given. Prints what was stored once, duplicates, the publisher's
 * own accounting, HTTP calls per session and how long closing the context took.
 * <p>
 * Arguments: {@code latencyMillis sessionsPerSecond seconds [batch|start-endpoint]
 * [faults]}; {@code faults} adds random faults on a fifth of the answers (503, 429, HTML
 * 502, partial answers, 1 s slow answers) and a 3 s outage halfway through.
 */
public final class DeliveryBenchmark {

	private DeliveryBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int latencyMillis = (args.length > 0) ? Integer.parseInt(args[0]) : 100;
		int sessionsPerSecond = (args.length > 1) ? Integer.parseInt(args[1]) : 200;
		int seconds = (args.length > 2) ? Integer.parseInt(args[2]) : 60;
		String transport = (args.length > 3) ? args[3] : "batch";
		boolean faults = args.length > 4 && args[4].equals("faults");
		try (HoneyHiveTestServer server = new HoneyHiveTestServer(42).latency(Duration.ofMillis(latencyMillis))) {
			if (faults) {
				server.faults(0.2, Duration.ofSeconds(1));
			}
			List<String> properties = new ArrayList<>();
			properties.add("honeyhive.publisher.session-transport=" + transport);
			properties.add("logging.level.root=warn");
			long start = System.nanoTime();
			DeliveryScenario.Result result = new DeliveryScenario(server).sessionsPerSecond(sessionsPerSecond)
				.duration(Duration.ofSeconds(seconds))
				.properties(properties.toArray(String[]::new))
				.run(() -> {
					if (faults) {
						outage(server);
					}
				});
			double elapsed = (System.nanoTime() - start) / 1e9;
			System.out.printf("latency %d ms, %d sessions/s for %d s, session transport %s%s%n", latencyMillis,
					sessionsPerSecond, seconds, transport, faults ? ", faults and a 3 s outage" : "");
			System.out.println(result);
			System.out.printf("events stored once per second of run: %.0f%n", result.storedEventsOnce / elapsed);
			System.out.printf("calls by route: batch %d, session start %d, update %d%n",
					server.calls("POST /events/batch"), server.calls("POST /session/start"),
					server.calls("PUT /events"));
		}
	}

	private static void outage(HoneyHiveTestServer server) {
		server.down(true);
		Thread restore = new Thread(() -> {
			java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofSeconds(3).toNanos());
			server.down(false);
		}, "outage");
		restore.setDaemon(true);
		restore.start();
	}

}
