package ai.honeyhive.spring.tracing;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import ai.honeyhive.spring.client.CreateEventRequest;
import ai.honeyhive.spring.publisher.InMemoryEventPublisher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.aop.aspectj.annotation.AspectJProxyFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A traced class compiled without {@code -parameters} (as an application that imports
 * Boot's BOM instead of using its parent is): its arguments are named {@code arg0},
 * {@code arg1}..., so redaction by name cannot see which one is a password; nothing is
 * recorded in their place, and one WARN per class names the fix.
 */
@Timeout(60)
@ExtendWith(OutputCaptureExtension.class)
class MissingParameterNamesTests {

	private static final String SOURCE = """
			package example;

			import ai.honeyhive.spring.tracing.TraceEvent;

			public class LoginService {

				@TraceEvent
				public String connect(String user, String password) {
					return "connected " + user;
				}

				@TraceEvent
				public String greet(String user) {
					return "hello " + user;
				}

			}
			""";

	@TempDir
	Path directory;

	@Test
	void shouldNeverSendArgumentsWhoseNamesAreMissingWhileRedactionIsOn(CapturedOutput output) throws Exception {
		InMemoryEventPublisher publisher = new InMemoryEventPublisher();
		try (HoneyHiveTracer tracer = new HoneyHiveTracer(publisher, TracingSettings.defaults());
				URLClassLoader loader = compileWithoutParameters()) {
			Object service = loader.loadClass("example.LoginService").getConstructor().newInstance();
			assertThat(service.getClass().getMethod("connect", String.class, String.class).getParameters()[1]
				.isNamePresent()).isFalse();
			Object proxy = proxy(service, tracer);
			Method connect = proxy.getClass().getMethod("connect", String.class, String.class);
			assertThat(connect.invoke(proxy, "bob", "hunter2")).isEqualTo("connected bob");
			proxy.getClass().getMethod("greet", String.class).invoke(proxy, "bob");
			CreateEventRequest event = TraceTrees.event(publisher, "connect");
			assertThat(event.inputs()).containsOnlyKeys("arg0", "arg1")
				.containsEntry("arg1", Redaction.MARKER)
				.containsEntry("arg0", Redaction.MARKER);
			assertThat(publisher.getEvents()).allSatisfy(
					(recorded) -> assertThat(String.valueOf(recorded.inputs())).doesNotContain("hunter2", "bob"));
			assertThat(output).containsOnlyOnce("Parameter names of example.LoginService are not available")
				.contains("-parameters");
		}
	}

	@Test
	void shouldRecordArgumentsUnderPositionalNamesWhenNoRedactionIsConfigured() throws Exception {
		InMemoryEventPublisher publisher = new InMemoryEventPublisher();
		TracingSettings settings = new TracingSettings(null, "dev", "application", true, true, 16 * 1024, List.of(),
				TracingSettings.defaults().asyncTimeout());
		try (HoneyHiveTracer tracer = new HoneyHiveTracer(publisher, settings);
				URLClassLoader loader = compileWithoutParameters()) {
			Object proxy = proxy(loader.loadClass("example.LoginService").getConstructor().newInstance(), tracer);
			proxy.getClass().getMethod("greet", String.class).invoke(proxy, "bob");
			assertThat(TraceTrees.event(publisher, "greet").inputs()).containsEntry("arg0", "bob");
		}
	}

	private URLClassLoader compileWithoutParameters() throws Exception {
		Path source = this.directory.resolve("example/LoginService.java");
		Files.createDirectories(source.getParent());
		Files.writeString(source, SOURCE);
		JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
		String classpath = Path.of(TraceEvent.class.getProtectionDomain().getCodeSource().getLocation().toURI())
			.toString();
		// No -parameters (and no -g): the names are not in the class file
		int status = compiler.run(null, null, null, "-classpath", classpath, "-d", this.directory.toString(),
				source.toString());
		assertThat(status).isZero();
		return new URLClassLoader(new URL[] { this.directory.toUri().toURL() }, getClass().getClassLoader());
	}

	private static Object proxy(Object target, HoneyHiveTracer tracer) {
		AspectJProxyFactory factory = new AspectJProxyFactory(target);
		factory.setProxyTargetClass(true);
		factory.addAspect(new TraceEventAspect(tracer));
		return factory.getProxy(target.getClass().getClassLoader());
	}

}
