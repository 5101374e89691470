package ai.honeyhive.spring.collector;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/**
 * The application the collector's {@code @SpringBootTest}s start: auto-configuration
 * alone, as in an application that only added the dependency.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class CollectorTestApplication {

}
