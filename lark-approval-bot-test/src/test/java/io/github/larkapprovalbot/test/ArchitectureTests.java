package io.github.larkapprovalbot.test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The test library's public API is what users call; a new public type is a deliberate choice.
 */
class ArchitectureTests {

	private final JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("io.github.larkapprovalbot.test");

	@Test
	void publicTypesAreTheDocumentedApi() {
		assertThat(this.classes.stream()
			.filter((type) -> type.getModifiers().contains(JavaModifier.PUBLIC))
			.map((type) -> type.getName().substring("io.github.larkapprovalbot.test.".length()))).containsExactlyInAnyOrder(
					"AutoConfigureLarkSandbox", "Fault", "LarkSandbox", "LarkSandbox$Builder", "SandboxMessage",
					"SandboxMessage$Kind", "SandboxRequest", "SandboxRequest$Endpoint", "TestClock");
	}

	@Test
	void theSandboxDependsOnNoClientCode() {
		assertThat(this.classes.stream()
			.flatMap((type) -> type.getDirectDependenciesFromSelf().stream())
			.map((dependency) -> dependency.getTargetClass().getPackageName())
			.filter((name) -> name.startsWith("io.github.larkapprovalbot") && !name.equals("io.github.larkapprovalbot.test")))
			.isEmpty();
	}

}
