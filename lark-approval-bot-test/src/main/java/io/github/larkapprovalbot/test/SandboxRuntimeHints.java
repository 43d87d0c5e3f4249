package io.github.larkapprovalbot.test;

import org.jspecify.annotations.Nullable;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * The runtime hints a native image needs where an application embeds the sandbox (as the sample does in its
 * {@code sandbox} profile): the inbox page, which the sandbox reads from the class path. The sandbox reads and writes
 * JSON as trees and maps, which need no hint. Spring's AOT engine loads this class from
 * {@code META-INF/spring/aot.factories}.
 */
final class SandboxRuntimeHints implements RuntimeHintsRegistrar {

	/** The inbox page, beside {@link Inbox}. */
	static final String INBOX_PAGE = "io/github/larkapprovalbot/test/inbox.html";

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		hints.resources().registerPattern(INBOX_PAGE);
	}

}
