package ai.honeyhive.spring.client;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link EventIds} and {@link StarterVersion}: ids are canonical random
 * (version 4, IETF variant) UUIDs, and the starter knows its version.
 */
class EventIdsTests {

	@Test
	void idsAreDistinctVersion4UuidsOfTheIetfVariant() {
		Set<String> ids = new HashSet<>();
		for (int i = 0; i < 1000; i++) {
			String id = EventIds.next();
			UUID uuid = UUID.fromString(id);
			assertThat(uuid.version()).as(id).isEqualTo(4);
			assertThat(uuid.variant()).as(id).isEqualTo(2);
			assertThat(uuid.toString()).isEqualTo(id);
			assertThat(EventIds.isUuid(id)).isTrue();
			ids.add(id);
		}
		assertThat(ids).as("the random bits vary").hasSize(1000);
	}

	@Test
	void onlyTheCanonicalFormIsAUuid() {
		assertThat(EventIds.isUuid("123e4567-E89B-12d3-a456-426614174000")).isTrue();
		assertThat(EventIds.isUuid(null)).isFalse();
		assertThat(EventIds.isUuid("")).isFalse();
		assertThat(EventIds.isUuid("123e4567e89b12d3a456426614174000")).isFalse();
		assertThat(EventIds.isUuid("{123e4567-e89b-12d3-a456-426614174000}")).isFalse();
		assertThat(EventIds.isUuid("123e4567-e89b-12d3-a456-42661417400g")).isFalse();
	}

	@Test
	void theStarterVersionIsTheBuildsVersion() {
		assertThat(StarterVersion.get()).matches("\\d+\\.\\d+\\.\\d+.*");
		assertThat(RestEventsClient.USER_AGENT).isEqualTo("honeyhive-spring-boot-starter/" + StarterVersion.get());
	}

}
