/**
 * The collector as a standalone application.
 */
@NullMarked
package ai.honeyhive.spring.collector.standalone;

import org.jspecify.annotations.NullMarked;
