package ai.honeyhive.spring.client;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Random UUIDv4 event ids, generated locally so that an event keeps its id on every
 * resend. Ids only need to be unique, not unpredictable, so they come from
 * {@link ThreadLocalRandom} instead of the contended, slower {@link UUID#randomUUID()}.
 *
 * @since 0.1.0
 */
public final class EventIds {

	private EventIds() {
	}

	/**
	 * Return a new random UUIDv4, as a string.
	 * @return the id
	 */
	public static String next() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		long mostSignificant = (random.nextLong() & ~0xF000L) | 0x4000L;
		long leastSignificant = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
		return new UUID(mostSignificant, leastSignificant).toString();
	}

}
