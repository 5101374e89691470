package ai.honeyhive.spring.test;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * {@code reset = BEFORE_TEST_CLASS}: the records of a class's test methods accumulate,
 * and the class starts empty even when it shares a cached context with another class.
 */
@SpringBootTest(properties = { "honeyhive.tracing.session-name=support-chat",
		"honeyhive.base-url=http://127.0.0.1:9/never-called" })
@AutoConfigureHoneyHiveRecorder(reset = RecorderReset.BEFORE_TEST_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RecorderResetPerClassTests {

	@Autowired
	private SupportAssistant assistant;

	@Autowired
	private InMemoryEventPublisher recorder;

	@Test
	@Order(1)
	void firstRecordsOneSession() {
		this.assistant.answer("How?");
		HoneyHiveRecorderAssert.assertThat(this.recorder).hasSessionCount(1);
	}

	@Test
	@Order(2)
	void secondSeesBothSessions() {
		this.assistant.answer("How?");
		HoneyHiveRecorderAssert.assertThat(this.recorder).hasSessionCount(2);
	}

}
