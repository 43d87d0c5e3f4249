package io.github.larkapprovalbot.test;

import org.junit.jupiter.api.Test;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.aot.hint.predicate.RuntimeHintsPredicates.resource;

/**
 * The inbox page is a resource of a native image, through the registrar {@code META-INF/spring/aot.factories} names.
 */
class SandboxRuntimeHintsTests {

	@Test
	void inboxPageIsARegisteredResource() {
		RuntimeHints hints = new RuntimeHints();
		SpringFactoriesLoader.forResourceLocation("META-INF/spring/aot.factories")
			.load(RuntimeHintsRegistrar.class)
			.forEach((registrar) -> registrar.registerHints(hints, getClass().getClassLoader()));
		assertThat(new ClassPathResource(SandboxRuntimeHints.INBOX_PAGE).exists()).isTrue();
		assertThat(resource().forResource(SandboxRuntimeHints.INBOX_PAGE)).accepts(hints);
	}

}
