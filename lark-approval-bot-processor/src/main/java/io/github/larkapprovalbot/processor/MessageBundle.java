package io.github.larkapprovalbot.processor;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The message keys of the application's default bundle, read from the files the processor option names, or why they
 * are not checked.
 */
final class MessageBundle {

	private final @Nullable Set<String> keys;

	private final String files;

	private final @Nullable String uncheckedReason;

	private MessageBundle(@Nullable Set<String> keys, String files, @Nullable String uncheckedReason) {
		this.keys = keys;
		this.files = files;
		this.uncheckedReason = uncheckedReason;
	}

	/**
	 * Reads the bundle the option names.
	 * @param option the option's value: a path, or paths separated by commas; {@code null} when not given
	 * @return the bundle, unchecked when the option is absent or a file cannot be read
	 */
	static MessageBundle load(@Nullable String option) {
		if (option == null || option.isBlank()) {
			return unchecked("The message keys of @LarkCardTemplate cards are not checked: the option "
					+ LarkCardTemplateProcessor.MESSAGES_OPTION + " is not set (pass -A"
					+ LarkCardTemplateProcessor.MESSAGES_OPTION + "=<path of messages.properties>)");
		}
		Set<String> keys = new HashSet<>();
		List<String> names = new ArrayList<>();
		for (String name : option.split(",")) {
			String file = name.trim();
			if (file.isEmpty()) {
				continue;
			}
			names.add(file);
			String problem = read(file, keys);
			if (problem != null) {
				return unchecked("The message keys of @LarkCardTemplate cards are not checked: the file " + file
						+ " named by the option " + LarkCardTemplateProcessor.MESSAGES_OPTION + " " + problem);
			}
		}
		return new MessageBundle(keys, String.join(", ", names), null);
	}

	private static MessageBundle unchecked(String reason) {
		return new MessageBundle(null, "", reason);
	}

	private static @Nullable String read(String file, Set<String> keys) {
		Path path;
		try {
			path = Path.of(file);
		}
		catch (InvalidPathException ex) {
			return "is not a valid path (" + ex.getMessage() + ")";
		}
		if (!Files.isRegularFile(path)) {
			return "is not found";
		}
		Properties properties = new Properties();
		try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
			properties.load(reader);
		}
		catch (IOException | IllegalArgumentException ex) {
			return "cannot be read as UTF-8 properties (" + ex.getMessage() + ")";
		}
		keys.addAll(properties.stringPropertyNames());
		return null;
	}

	/**
	 * Returns why the keys are not checked.
	 * @return the reason, or {@code null} when they are
	 */
	@Nullable String uncheckedReason() {
		return this.uncheckedReason;
	}

	/**
	 * Returns whether a key is missing from the bundle.
	 * @param key the message key
	 * @return {@code true} when the bundle was read and has no such key
	 */
	boolean lacks(String key) {
		Set<String> keys = this.keys;
		return keys != null && !keys.contains(key);
	}

	/**
	 * Returns the files the keys were read from.
	 * @return the file names, separated by commas
	 */
	String files() {
		return this.files;
	}

}
