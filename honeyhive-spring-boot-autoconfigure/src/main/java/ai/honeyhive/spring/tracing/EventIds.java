package ai.honeyhive.spring.tracing;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Random UUIDv4 event ids. Ids only need to be unique, not unpredictable, so they come
 * from {@link ThreadLocalRandom} instead of the contended, slower
 * {@link UUID#randomUUID()}.
 */
final class EventIds {

	private EventIds() {
	}

	static String next() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		long mostSignificant = (random.nextLong() & ~0xF000L) | 0x4000L;
		long leastSignificant = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
		return new UUID(mostSignificant, leastSignificant).toString();
	}

}
