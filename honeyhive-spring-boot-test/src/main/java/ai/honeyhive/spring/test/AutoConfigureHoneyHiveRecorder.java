package ai.honeyhive.spring.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;

/**
 * Replaces HoneyHive's batching publisher with an {@link InMemoryEventPublisher} bean in
 * a Spring test: traced calls are recorded in memory, nothing leaves the process, and the
 * records are visible as soon as the traced call returns. Inject the recorder and assert
 * with {@link HoneyHiveRecorderAssert}: <pre class="code">
 * &#64;SpringBootTest
 * &#64;AutoConfigureHoneyHiveRecorder
 * class AssistantTests {
 *
 *     &#64;Autowired
 *     InMemoryEventPublisher recorder;
 *
 *     &#64;Test
 *     void answerIsTraced() {
 *         assistant.answer("How do I reset my password?");
 *         HoneyHiveRecorderAssert.assertThat(recorder).hasTree("""
 *                 session support-chat
 *                   chain answer_question
 *                 """);
 *     }
 *
 * }
 * </pre> The recorder is cleared before each test method (see {@link #reset()}). An
 * {@code EventPublisher} bean the test declares itself still wins.
 *
 * @since 0.1.0
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ImportAutoConfiguration(HoneyHiveRecorderAutoConfiguration.class)
public @interface AutoConfigureHoneyHiveRecorder {

	/**
	 * When the recorder is cleared.
	 * @return the reset mode
	 */
	RecorderReset reset() default RecorderReset.BEFORE_EACH_TEST_METHOD;

}
