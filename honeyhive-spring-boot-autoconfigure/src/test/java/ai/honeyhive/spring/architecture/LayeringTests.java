package ai.honeyhive.spring.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * Holds the layout of ../shared/STYLE.md: only {@code autoconfigure} may use Spring Boot;
 * the client, tracing, publisher and Spring AI capture read as a library over Spring
 * Framework, the publisher keeps Micrometer out, and only the Spring AI capture (whose
 * dependencies are optional) touches Spring AI, recording through the tracer.
 */
class LayeringTests {

	private final JavaClasses classes = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("ai.honeyhive.spring");

	@Test
	void onlyAutoconfigureUsesSpringBoot() {
		noClasses().that()
			.resideInAnyPackage("ai.honeyhive.spring.client..", "ai.honeyhive.spring.tracing..",
					"ai.honeyhive.spring.publisher..", "ai.honeyhive.spring.springai..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("org.springframework.boot..")
			.check(this.classes);
	}

	@Test
	void clientDependsOnNoOtherPartOfTheStarter() {
		noClasses().that()
			.resideInAPackage("ai.honeyhive.spring.client..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("ai.honeyhive.spring.tracing..", "ai.honeyhive.spring.publisher..",
					"ai.honeyhive.spring.autoconfigure..")
			.check(this.classes);
	}

	@Test
	void onlySpringAiCaptureUsesSpringAi() {
		noClasses().that()
			.resideOutsideOfPackages("ai.honeyhive.spring.springai..")
			.and()
			.resideInAPackage("ai.honeyhive.spring..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("org.springframework.ai..")
			.check(this.classes);
	}

	@Test
	void springAiCaptureRecordsThroughTheTracerAlone() {
		noClasses().that()
			.resideInAPackage("ai.honeyhive.spring.springai..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("ai.honeyhive.spring.publisher..", "ai.honeyhive.spring.autoconfigure..")
			.check(this.classes);
	}

	@Test
	void publisherKeepsMicrometerOut() {
		noClasses().that()
			.resideInAPackage("ai.honeyhive.spring.publisher..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("io.micrometer.core..")
			.check(this.classes);
	}

}
