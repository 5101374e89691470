/**
 * An embedded, in-memory HoneyHive-compatible collector for local work: the Events API
 * paths the starter uses, checked as the real API checks them, and a page that draws each
 * session as a tree.
 */
@NullMarked
package ai.honeyhive.spring.collector;

import org.jspecify.annotations.NullMarked;
