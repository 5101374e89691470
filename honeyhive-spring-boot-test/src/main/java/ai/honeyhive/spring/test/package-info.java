/**
 * Test support for applications traced with HoneyHive: an in-memory recorder in place of
 * the batching publisher, and AssertJ assertions over the recorded session trees.
 */
@NullMarked
package ai.honeyhive.spring.test;

import org.jspecify.annotations.NullMarked;
