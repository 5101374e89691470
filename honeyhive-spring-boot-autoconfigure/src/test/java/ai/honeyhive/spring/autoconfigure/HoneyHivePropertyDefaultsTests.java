package ai.honeyhive.spring.autoconfigure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ai.honeyhive.spring.springai.SpringAiCaptureSettings;
import ai.honeyhive.spring.tracing.TracingSettings;
import org.junit.jupiter.api.Test;

import org.springframework.beans.BeanWrapper;
import org.springframework.beans.PropertyAccessorFactory;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.core.convert.ConversionService;
import org.springframework.core.convert.TypeDescriptor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that the defaults of the {@code honeyhive.*} properties are the defaults of the
 * settings they feed ({@link TracingSettings#defaults()},
 * {@link SpringAiCaptureSettings#defaults()}; the client's and the publisher's builders
 * are checked in their packages), and that the README's properties tables state them.
 */
class HoneyHivePropertyDefaultsTests {

	private static final Pattern README_ROW = Pattern.compile("^\\| `(honeyhive\\.[a-z.-]+)` \\| `([^`]*)` \\|");

	@Test
	void shouldDefaultTheTracingPropertiesAsTracingSettings() {
		// Without spring.application.name the project is unset and the session name is
		// the settings' own default
		assertThat(HoneyHiveTracingAutoConfiguration.tracingSettings(new HoneyHiveProperties()))
			.isEqualTo(TracingSettings.defaults());
	}

	@Test
	void shouldDefaultTheSpringAiPropertiesAsSpringAiCaptureSettings() {
		assertThat(HoneyHiveSpringAiAutoConfiguration.captureSettings(new HoneyHiveSpringAiProperties()))
			.isEqualTo(SpringAiCaptureSettings.defaults());
	}

	@Test
	void shouldStateInTheReadmeTheDefaultsOfTheProperties() throws IOException {
		BeanWrapper properties = PropertyAccessorFactory.forBeanPropertyAccess(new HoneyHiveProperties());
		BeanWrapper springAi = PropertyAccessorFactory.forBeanPropertyAccess(new HoneyHiveSpringAiProperties());
		ConversionService conversion = ApplicationConversionService.getSharedInstance();
		List<String> checked = new ArrayList<>();
		for (String line : Files.readAllLines(Path.of("..", "README.md"))) {
			Matcher row = README_ROW.matcher(line);
			if (!row.find()) {
				continue;
			}
			String name = row.group(1);
			BeanWrapper target = name.startsWith("honeyhive.spring-ai.") ? springAi : properties;
			String path = beanPath(name.substring(
					name.startsWith("honeyhive.spring-ai.") ? "honeyhive.spring-ai.".length() : "honeyhive.".length()));
			if (!target.isReadableProperty(path)) {
				continue; // another module's property (the collector's)
			}
			Object stated = conversion.convert(row.group(2), TypeDescriptor.valueOf(String.class),
					target.getPropertyTypeDescriptor(path));
			assertThat(stated).as("README default of %s", name).isEqualTo(target.getPropertyValue(path));
			checked.add(name);
		}
		assertThat(checked).as("README rows checked").hasSizeGreaterThan(30);
	}

	/** {@code client.retry.max-attempts} to {@code client.retry.maxAttempts}. */
	private static String beanPath(String name) {
		StringBuilder path = new StringBuilder();
		boolean upper = false;
		for (char c : name.toCharArray()) {
			if (c == '-') {
				upper = true;
			}
			else {
				path.append(upper ? Character.toUpperCase(c) : c);
				upper = false;
			}
		}
		return path.toString();
	}

}
