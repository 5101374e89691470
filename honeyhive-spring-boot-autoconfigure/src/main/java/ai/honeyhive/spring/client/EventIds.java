package ai.honeyhive.spring.client;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Random UUIDv4 event ids, generated locally so that an event keeps its id on every
 * resend. Ids only need to be unique, not unpredictable, so they come from
 * {@link ThreadLocalRandom} instead of the contended, slower {@link UUID#randomUUID()}.
 *
 * @since 0.1.0
 */
public final class EventIds {

	private static final Pattern UUID_TEXT = Pattern
		.compile("\\p{XDigit}{8}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{12}");

	private EventIds() {
	}

	/**
	 * Return whether the text is a UUID in its canonical form ({@code 8-4-4-4-12}
	 * hexadecimal digits), as HoneyHive wants session ids.
	 * @param text the text
	 * @return whether it is a UUID
	 * @since 0.1.0
	 */
	public static boolean isUuid(@Nullable String text) {
		return text != null && UUID_TEXT.matcher(text).matches();
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
