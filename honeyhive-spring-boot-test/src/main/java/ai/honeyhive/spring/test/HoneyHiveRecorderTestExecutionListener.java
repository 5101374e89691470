package ai.honeyhive.spring.test;

import org.springframework.context.ApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestContextAnnotationUtils;
import org.springframework.test.context.TestExecutionListener;

/**
 * Clears the {@link InMemoryEventPublisher} beans of a test's application context, as
 * {@link AutoConfigureHoneyHiveRecorder#reset()} asks: before each test method by
 * default, or before each test class. It only acts on a context the test framework has
 * already loaded, so it never loads one itself.
 *
 * @since 0.1.0
 */
public final class HoneyHiveRecorderTestExecutionListener implements TestExecutionListener, Ordered {

	/** Runs after the listeners that prepare the test instance. */
	public static final int ORDER = 2500;

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public void beforeTestClass(TestContext testContext) {
		// A context already loaded was cached for another test class: its records are not
		// this class's.
		clear(testContext);
	}

	@Override
	public void beforeTestMethod(TestContext testContext) {
		if (reset(testContext) == RecorderReset.BEFORE_EACH_TEST_METHOD) {
			clear(testContext);
		}
	}

	private static RecorderReset reset(TestContext testContext) {
		AutoConfigureHoneyHiveRecorder annotation = TestContextAnnotationUtils
			.findMergedAnnotation(testContext.getTestClass(), AutoConfigureHoneyHiveRecorder.class);
		return (annotation != null) ? annotation.reset() : RecorderReset.BEFORE_EACH_TEST_METHOD;
	}

	private static void clear(TestContext testContext) {
		if (!testContext.hasApplicationContext()) {
			return;
		}
		ApplicationContext context = testContext.getApplicationContext();
		context.getBeanProvider(InMemoryEventPublisher.class).stream().forEach(InMemoryEventPublisher::clear);
	}

}
