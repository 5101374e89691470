package ai.honeyhive.spring.tracing;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Spliterator;
import java.util.concurrent.Future;
import java.util.stream.BaseStream;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.StreamWriteConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.ClassUtils;

/**
 * Turns captured values into JSON-ready snapshots: plain values as they are, other
 * objects converted by Jackson into maps and lists, unserialisable values replaced by a
 * description, oversized values truncated with a visible marker. Never throws.
 */
final class ValueCapture {

	static final String TRUNCATED_MARKER = "...[truncated by HoneyHive: ";

	private static final String[] UNSERIALIZABLE_TYPE_NAMES = { "jakarta.servlet.ServletRequest",
			"jakarta.servlet.ServletResponse", "jakarta.servlet.http.HttpSession", "javax.servlet.ServletRequest",
			"javax.servlet.ServletResponse", "org.springframework.web.multipart.MultipartFile",
			"org.springframework.core.io.InputStreamSource", "org.springframework.context.ApplicationContext",
			"org.reactivestreams.Publisher", "java.sql.Connection", "javax.sql.DataSource" };

	private final int maxValueSize;

	private final Redaction redaction;

	private final JsonMapper mapper;

	private final List<Class<?>> unserializableTypes;

	private final ClassValue<Boolean> unserializable = new ClassValue<>() {

		@Override
		protected Boolean computeValue(Class<?> type) {
			for (Class<?> candidate : ValueCapture.this.unserializableTypes) {
				if (candidate.isAssignableFrom(type)) {
					return true;
				}
			}
			return false;
		}

	};

	ValueCapture(int maxValueSize, Redaction redaction) {
		this.maxValueSize = maxValueSize;
		this.redaction = redaction;
		// A low nesting limit turns cyclic graphs into a fast failure instead of a deep
		// recursion
		JsonFactory factory = JsonFactory.builder()
			.streamWriteConstraints(StreamWriteConstraints.builder().maxNestingDepth(64).build())
			.build();
		this.mapper = JsonMapper.builder(factory).disable(SerializationFeature.CLOSE_CLOSEABLE).build();
		List<Class<?>> types = new ArrayList<>(List.of(InputStream.class, OutputStream.class, Reader.class,
				Writer.class, BaseStream.class, Iterator.class, Spliterator.class, Future.class, Thread.class,
				ClassLoader.class, java.util.concurrent.CompletionStage.class, java.nio.channels.Channel.class));
		ClassLoader classLoader = ValueCapture.class.getClassLoader();
		for (String name : UNSERIALIZABLE_TYPE_NAMES) {
			if (ClassUtils.isPresent(name, classLoader)) {
				types.add(ClassUtils.resolveClassName(name, classLoader));
			}
		}
		this.unserializableTypes = List.copyOf(types);
	}

	Redaction redaction() {
		return this.redaction;
	}

	/**
	 * Return a snapshot of the value, safe to serialise later.
	 */
	@Nullable Object capture(@Nullable Object value) {
		return capture(value, true);
	}

	/**
	 * Return a snapshot of the value, redacting matching map keys inside it or not (for
	 * the starter's own layouts, such as a model call's hyperparameters).
	 */
	@Nullable Object capture(@Nullable Object value, boolean redact) {
		if (value == null) {
			return null;
		}
		if (value instanceof String string) {
			return truncate(string);
		}
		Class<?> type = value.getClass();
		if (type == Integer.class || type == Long.class || type == Boolean.class || type == Double.class
				|| type == Float.class || type == Short.class || type == Byte.class || type == BigDecimal.class
				|| type == BigInteger.class) {
			return value;
		}
		if (value instanceof Character || value instanceof CharSequence) {
			return truncate(value.toString());
		}
		if (value instanceof Enum<?> constant) {
			return constant.name();
		}
		try {
			return convert(value, type, redact);
		}
		catch (Throwable ex) { // NOSONAR capture must never throw into the user's method
			rethrowIfFatal(ex);
			return describe(type);
		}
	}

	String truncate(String value) {
		if (value.length() <= this.maxValueSize) {
			return value;
		}
		return value.substring(0, this.maxValueSize) + TRUNCATED_MARKER + value.length() + " chars]";
	}

	private @Nullable Object convert(Object value, Class<?> type, boolean redact) {
		if (this.unserializable.get(type)) {
			return describe(type);
		}
		BoundedOutputStream out = new BoundedOutputStream(this.maxValueSize);
		try {
			this.mapper.writeValue(out, value);
		}
		catch (RuntimeException ex) {
			if (!isSizeExceeded(ex)) {
				throw ex;
			}
			// Redact the prefix as text: the structure is lost with the truncation
			String prefix = new String(out.buffer(), 0, Math.min(out.size(), this.maxValueSize),
					StandardCharsets.UTF_8);
			return (redact ? this.redaction.redactText(prefix) : prefix) + TRUNCATED_MARKER + "more than "
					+ this.maxValueSize + " bytes of JSON]";
		}
		Object tree = this.mapper.readValue(out.buffer(), 0, out.size(), Object.class);
		return redact ? this.redaction.redactTree(tree) : tree;
	}

	private static boolean isSizeExceeded(Throwable ex) {
		// Jackson may wrap what the stream throws
		for (Throwable candidate = ex; candidate != null; candidate = candidate.getCause()) {
			if (candidate instanceof SizeExceededException) {
				return true;
			}
		}
		return false;
	}

	private static String describe(Class<?> type) {
		return "<unserializable: " + type.getName() + ">";
	}

	private static void rethrowIfFatal(Throwable ex) {
		if (ex instanceof VirtualMachineError && !(ex instanceof StackOverflowError)) {
			throw (VirtualMachineError) ex;
		}
	}

	/**
	 * Stops serialisation once the limit is passed, so an oversized value costs no more
	 * than the limit.
	 */
	private static final class BoundedOutputStream extends ByteArrayOutputStream {

		private final int limit;

		BoundedOutputStream(int limit) {
			super(Math.min(limit + 1, 256));
			this.limit = limit;
		}

		byte[] buffer() {
			return this.buf;
		}

		@Override
		public synchronized void write(int b) {
			ensureRoom(1);
			super.write(b);
		}

		@Override
		public synchronized void write(byte[] b, int off, int len) {
			int room = this.limit - this.count;
			if (len > room) {
				super.write(b, off, Math.max(room, 0));
				throw new SizeExceededException();
			}
			super.write(b, off, len);
		}

		private void ensureRoom(int len) {
			if (this.count + len > this.limit) {
				throw new SizeExceededException();
			}
		}

	}

	private static final class SizeExceededException extends RuntimeException {

		SizeExceededException() {
			super(null, null, false, false);
		}

	}

}
