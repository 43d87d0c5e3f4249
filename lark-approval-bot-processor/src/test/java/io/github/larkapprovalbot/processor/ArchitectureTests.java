package io.github.larkapprovalbot.processor;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The processor's one public type is the service javac loads, and it uses nothing outside the JDK but the two enums
 * of core that load without core's dependencies: its path is this jar and core's.
 */
class ArchitectureTests {

	private final JavaClasses classes = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("io.github.larkapprovalbot.processor");

	@Test
	void publicTypesAreTheService() {
		assertThat(this.classes.stream()
			.filter((type) -> type.getModifiers().contains(JavaModifier.PUBLIC))
			.map(JavaClass::getSimpleName)).containsExactly("LarkCardTemplateProcessor");
	}

	@Test
	void dependsOnTheJdkAndTwoEnumsOfCoreOnly() {
		assertThat(this.classes.stream()
			.flatMap((type) -> type.getDirectDependenciesFromSelf().stream())
			.map((dependency) -> dependency.getTargetClass().getBaseComponentType().getName())
			.filter((name) -> !name.startsWith("java.") && !name.startsWith("javax.")
					&& !name.startsWith("io.github.larkapprovalbot.processor.") && !name.startsWith("org.jspecify.")
					&& name.contains("."))
			.distinct()).containsExactlyInAnyOrder("io.github.larkapprovalbot.message.BotTemplate",
					"io.github.larkapprovalbot.message.MessageStatus");
	}

}
