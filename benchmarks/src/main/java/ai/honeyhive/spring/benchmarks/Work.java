package ai.honeyhive.spring.benchmarks;

/**
 * The traced method of the overhead benchmarks: a 100-character {@code String} and an
 * {@code int} in, a {@code String} out. Each variant is a bean implementing it with
 * different instrumentation.
 */
public interface Work {

	String call(String text, int number);

	/**
	 * The work itself, shared by every variant so that only the instrumentation differs.
	 * @param text the text
	 * @param number the number
	 * @return a short string derived from both
	 */
	static String compute(String text, int number) {
		return text.substring(0, 8) + number;
	}

}
