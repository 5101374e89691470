package ai.honeyhive.spring.client;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

import org.springframework.util.StringUtils;

/**
 * The starter's version, read from {@code starter.properties} (filtered by the build),
 * for the {@code User-Agent} header.
 */
final class StarterVersion {

	private StarterVersion() {
	}

	static String get() {
		try (InputStream in = StarterVersion.class.getResourceAsStream("starter.properties")) {
			if (in != null) {
				Properties properties = new Properties();
				properties.load(in);
				String version = properties.getProperty("version");
				if (StringUtils.hasText(version) && !version.startsWith("$")) {
					return version;
				}
			}
		}
		catch (IOException ex) {
			// fall through
		}
		return "unknown";
	}

}
