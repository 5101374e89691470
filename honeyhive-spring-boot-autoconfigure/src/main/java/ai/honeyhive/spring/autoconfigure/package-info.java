/**
 * Spring Boot auto-configuration and configuration properties for HoneyHive.
 */
@NullMarked
package ai.honeyhive.spring.autoconfigure;

import org.jspecify.annotations.NullMarked;
