package ai.honeyhive.spring.test;

/**
 * When the {@link InMemoryEventPublisher} beans of a test's application context are
 * cleared. The context may be cached and shared by other test classes; either mode starts
 * a test class with an empty recorder.
 *
 * @since 0.1.0
 * @see AutoConfigureHoneyHiveRecorder#reset()
 */
public enum RecorderReset {

	/**
	 * Clear before each test method (before its {@code @BeforeEach} methods run), so each
	 * test sees only what it recorded.
	 */
	BEFORE_EACH_TEST_METHOD,

	/**
	 * Clear before the first test method of each test class only, so that the records of
	 * the class's test methods accumulate.
	 */
	BEFORE_TEST_CLASS

}
