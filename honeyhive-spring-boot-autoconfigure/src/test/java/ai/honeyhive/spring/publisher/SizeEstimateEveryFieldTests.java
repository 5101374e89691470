package ai.honeyhive.spring.publisher;

import java.util.List;
import java.util.Map;

import ai.honeyhive.spring.client.CreateEventRequest;
import ai.honeyhive.spring.client.SessionStartRequest;
import ai.honeyhive.spring.client.UpdateEventRequest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that the size estimate counts every field of every record, not only the ones that
 * are usually heavy: a record heavy in any one field is estimated close to its measured
 * size on the wire.
 */
class SizeEstimateEveryFieldTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final String TEXT = "x".repeat(50 * 1024);

	private static final Map<String, Object> MAP = Map.of("notes", TEXT);

	private static final List<String> IDS = List.of(TEXT.substring(25 * 1024), TEXT.substring(25 * 1024));

	@Test
	void anEventHeavyInAnyFieldIsEstimatedCloseToItsSize() {
		assertEstimates(List.of(CreateEventRequest.builder().project(TEXT).build(),
				CreateEventRequest.builder().source(TEXT).build(), CreateEventRequest.builder().eventName(TEXT).build(),
				CreateEventRequest.builder().eventId(TEXT).build(),
				CreateEventRequest.builder().sessionId(TEXT).build(),
				CreateEventRequest.builder().parentId(TEXT).build(),
				CreateEventRequest.builder().childrenIds(IDS).build(),
				CreateEventRequest.builder().feedback(MAP).build(), CreateEventRequest.builder().metrics(MAP).build(),
				CreateEventRequest.builder().userProperties(MAP).build()));
	}

	@Test
	void anUpdateHeavyInAnyFieldIsEstimatedCloseToItsSize() {
		assertEstimates(
				List.of(UpdateEventRequest.builder(TEXT).build(), UpdateEventRequest.builder("u").feedback(MAP).build(),
						UpdateEventRequest.builder("u").metrics(MAP).build(),
						UpdateEventRequest.builder("u").userProperties(MAP).build(),
						UpdateEventRequest.builder("u").childrenIds(IDS).build()));
	}

	@Test
	void aSessionHeavyInAnyFieldIsEstimatedCloseToItsSize() {
		assertEstimates(List.of(SessionStartRequest.builder().project(TEXT).build(),
				SessionStartRequest.builder().sessionName(TEXT).build(),
				SessionStartRequest.builder().source(TEXT).build(),
				SessionStartRequest.builder().sessionId(TEXT).build(),
				SessionStartRequest.builder().childrenIds(IDS).build(),
				SessionStartRequest.builder().userProperties(MAP).build(),
				SessionStartRequest.builder().metrics(MAP).build(),
				SessionStartRequest.builder().feedback(MAP).build()));
	}

	private static void assertEstimates(List<Object> records) {
		for (Object record : records) {
			long measured = json.writeValueAsBytes(record).length;
			assertThat(measured).as("a heavy record").isGreaterThan(50 * 1024);
			assertThat(SizeEstimator.estimate(record)).as("estimate of a record measuring %d bytes", measured)
				.isBetween(measured * 9 / 10, measured * 3 / 2);
		}
	}

}
