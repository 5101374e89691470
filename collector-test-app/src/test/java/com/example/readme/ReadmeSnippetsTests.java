package com.example.readme;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's Java snippets compile as they are pasted: each is a whole source file
 * (imports included) and they are compiled together against what an application with the
 * starter and {@code honeyhive-spring-boot-test} has on its classpath, for the Java
 * release the starter targets.
 */
class ReadmeSnippetsTests {

	private static final Pattern JAVA_BLOCK = Pattern.compile("(?m)^```java\\n(.*?)^```$", Pattern.DOTALL);

	private static final Pattern PUBLIC_TYPE = Pattern
		.compile("(?m)^public (?:final |abstract )?(?:class|interface|record|enum) (\\w+)");

	@TempDir
	Path sources;

	@TempDir
	Path classes;

	@Test
	void everyJavaSnippetCompiles() throws IOException {
		List<Snippet> snippets = snippets(Files.readString(Path.of("..", "README.md")));
		assertThat(snippets).as("Java snippets in the README").hasSizeGreaterThanOrEqualTo(10);
		List<Path> files = new ArrayList<>();
		for (Snippet snippet : snippets) {
			Path file = this.sources.resolve(snippet.fileName());
			Files.writeString(file, snippet.source());
			files.add(file);
		}
		JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
		DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
		StringWriter output = new StringWriter();
		try (StandardJavaFileManager fileManager = compiler.getStandardFileManager(diagnostics, Locale.ROOT,
				StandardCharsets.UTF_8)) {
			List<String> options = List.of("--release", "17", "-parameters", "-proc:none", "-classpath", classpath(),
					"-d", this.classes.toString());
			boolean compiled = compiler
				.getTask(output, fileManager, diagnostics, options, null,
						fileManager.getJavaFileObjectsFromPaths(files))
				.call();
			assertThat(compiled).as(() -> describe(diagnostics) + output).isTrue();
		}
		assertThat(this.classes.resolve("AssistantTests.class")).exists();
	}

	@Test
	void aSnippetThatDoesNotCompileIsFound() throws IOException {
		String readme = "text\n```java\nclass Broken { void run() { undefined(); } }\n```\n";
		List<Snippet> snippets = snippets(readme);
		assertThat(snippets).singleElement().satisfies((snippet) -> assertThat(snippet.line()).isEqualTo(3));
		Path file = this.sources.resolve("Broken.java");
		Files.writeString(file, snippets.get(0).source());
		JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
		DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
		try (StandardJavaFileManager fileManager = compiler.getStandardFileManager(diagnostics, Locale.ROOT,
				StandardCharsets.UTF_8)) {
			boolean compiled = compiler
				.getTask(new StringWriter(), fileManager, diagnostics,
						List.of("-proc:none", "-d", this.classes.toString()), null,
						fileManager.getJavaFileObjectsFromPaths(List.of(file)))
				.call();
			assertThat(compiled).isFalse();
			assertThat(describe(diagnostics)).contains("undefined");
		}
	}

	private static List<Snippet> snippets(String readme) {
		List<Snippet> snippets = new ArrayList<>();
		Matcher matcher = JAVA_BLOCK.matcher(readme);
		while (matcher.find()) {
			int line = (int) readme.substring(0, matcher.start(1)).chars().filter((c) -> c == '\n').count() + 1;
			snippets.add(new Snippet(line, matcher.group(1)));
		}
		return snippets;
	}

	private static String classpath() {
		// Surefire passes the test classpath here when it launches through a manifest jar
		String classpath = System.getProperty("surefire.test.class.path");
		return (classpath != null && !classpath.isBlank()) ? classpath : System.getProperty("java.class.path");
	}

	private static String describe(DiagnosticCollector<JavaFileObject> diagnostics) {
		StringBuilder description = new StringBuilder();
		for (Diagnostic<? extends JavaFileObject> diagnostic : diagnostics.getDiagnostics()) {
			if (diagnostic.getKind() == Diagnostic.Kind.ERROR) {
				description.append(diagnostic.getSource().getName())
					.append(':')
					.append(diagnostic.getLineNumber())
					.append(": ")
					.append(diagnostic.getMessage(Locale.ROOT))
					.append('\n');
			}
		}
		return description.toString();
	}

	private record Snippet(int line, String source) {

		/** A snippet declaring a public type is the file of that type. */
		String fileName() {
			Matcher publicType = PUBLIC_TYPE.matcher(this.source);
			return (publicType.find() ? publicType.group(1) : "ReadmeSnippetAtLine" + this.line) + ".java";
		}

	}

}
