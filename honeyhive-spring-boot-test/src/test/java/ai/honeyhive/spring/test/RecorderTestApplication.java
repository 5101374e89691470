package ai.honeyhive.spring.test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * The application the recorder's {@code @SpringBootTest}s start.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({ SupportAssistant.class, KnowledgeBase.class, ChatModel.class })
class RecorderTestApplication {

}
