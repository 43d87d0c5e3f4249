package io.github.larkapprovalbot;

import java.net.URL;
import java.util.Set;
import java.util.TreeSet;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;

/**
 * The architecture rules every module's tests apply to its own classes: no import cycle between packages, and a
 * public API that changes only on purpose.
 */
public final class ArchitectureRules {

	private ArchitectureRules() {
	}

	/**
	 * Imports the main classes of one module.
	 * @param aClassOfTheModule any main class of the module
	 * @return the module's classes under {@code io.github.larkapprovalbot}
	 */
	public static JavaClasses mainClassesOf(Class<?> aClassOfTheModule) {
		URL location = aClassOfTheModule.getProtectionDomain().getCodeSource().getLocation();
		return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importLocations(Set.of(Location.of(location)));
	}

	/**
	 * Fails when two packages of the classes depend on each other, directly or through others (every package,
	 * the root included, is a slice of its own).
	 * @param classes the classes
	 */
	public static void assertNoPackageCycles(JavaClasses classes) {
		SlicesRuleDefinition.slices()
			.matching("(**)")
			.should()
			.beFreeOfCycles()
			.as("packages are free of import cycles")
			.check(classes);
	}

	/**
	 * Returns the types a user of the module can see: public, and public all the way out, outside packages named
	 * {@code internal}.
	 * @param classes the classes
	 * @return their names, sorted
	 */
	public static Set<String> publicApi(JavaClasses classes) {
		Set<String> api = new TreeSet<>();
		for (JavaClass type : classes) {
			if (!type.getPackageName().contains(".internal") && effectivelyPublic(type)) {
				api.add(type.getName());
			}
		}
		return api;
	}

	private static boolean effectivelyPublic(JavaClass type) {
		if (type.isAnonymousClass() || type.isLocalClass() || !type.getModifiers().contains(JavaModifier.PUBLIC)) {
			return false;
		}
		return type.getEnclosingClass().map(ArchitectureRules::effectivelyPublic).orElse(true);
	}

}
