package ai.honeyhive.spring.client;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class LenientEpochMillisDeserializerTests {

	private final JsonMapper mapper = JsonMapper.builder().build();

	@Test
	void readsNumbersNumericStringsAndDateTimes() {
		assertThat(LenientEpochMillisDeserializer.parse("1712011099000")).isEqualTo(1712011099000L);
		assertThat(LenientEpochMillisDeserializer.parse("2024-04-01T22:38:19Z")).isEqualTo(1712011099000L);
		assertThat(LenientEpochMillisDeserializer.parse("2024-04-01T23:38:19+01:00")).isEqualTo(1712011099000L);
		assertThat(LenientEpochMillisDeserializer.parse("2024-04-01T22:38:19")).isEqualTo(1712011099000L);
		assertThat(LenientEpochMillisDeserializer.parse("2024-04-01 22:38:19.500")).isEqualTo(1712011099500L);
		assertThat(LenientEpochMillisDeserializer.parse("yesterday")).isNull();
		assertThat(LenientEpochMillisDeserializer.parse(" ")).isNull();
		assertThat(LenientEpochMillisDeserializer.parse(null)).isNull();
	}

	@Test
	void eventTimesAreLenient() {
		Event event = this.mapper.readValue("""
				{"event_id": "e", "start_time": "2024-04-01 22:38:19", "end_time": 1712011100000.0,
				 "duration": 1000}
				""", Event.class);
		assertThat(event.startTime()).isEqualTo(1712011099000L);
		assertThat(event.endTime()).isEqualTo(1712011100000L);
		Event odd = this.mapper.readValue("{\"start_time\": {\"$date\": 1}, \"end_time\": \"never\"}", Event.class);
		assertThat(odd.startTime()).isNull();
		assertThat(odd.endTime()).isNull();
	}

}
