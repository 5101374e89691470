package ai.honeyhive.spring.client;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests that the request records refuse, when they are built, what no server call could
 * carry, naming the field; and that a missing key is not worth retrying.
 */
class RequestRecordsTests {

	@Test
	void requestsRefuseMissingListsAndIds() {
		assertThatIllegalArgumentException().isThrownBy(() -> new CreateEventBatchRequest(null, null, null))
			.withMessage("'events' must not be null");
		assertThatIllegalArgumentException().isThrownBy(() -> new CreateModelEventBatchRequest(null, null, null))
			.withMessage("'modelEvents' must not be null");
		assertThatIllegalArgumentException().isThrownBy(() -> new GetEventsRequest("p", null, null, null, null, null))
			.withMessage("'filters' must not be null");
		assertThatIllegalArgumentException().isThrownBy(() -> UpdateEventRequest.builder(" ").build())
			.withMessage("'eventId' must not be empty");
	}

	@Test
	void aMissingKeyIsNotWorthRetrying() {
		assertThat(new HoneyHiveConfigurationException("no key").isRetryable()).isFalse();
	}

}
