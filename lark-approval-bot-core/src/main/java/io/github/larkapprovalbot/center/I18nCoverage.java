package io.github.larkapprovalbot.center;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.github.larkapprovalbot.internal.Violations;
import jakarta.validation.ConstraintValidatorContext;
import org.jspecify.annotations.Nullable;

/**
 * The i18n rule of definitions and instances: exactly one resource is the default, and it holds every key the payload
 * names or another locale translates.
 */
final class I18nCoverage {

	static final String KEY_PREFIX = "@i18n@";

	private I18nCoverage() {
	}

	/** Adds a field documented as a key, if set: {@link #check} refuses plain text in it. */
	static void put(Map<String, String> keys, String path, @Nullable String value) {
		if (value != null) {
			keys.put(path, value);
		}
	}

	/** Adds a field that may hold a key or plain text, if it holds a key. */
	static void putIfKey(Map<String, String> keys, String path, @Nullable String value) {
		if (value != null && value.startsWith(KEY_PREFIX)) {
			keys.put(path, value);
		}
	}

	/** {@code task_list[0].action_name} as the record's property path: {@code taskList, 0, actionName}. */
	private static Object[] propertyPath(String jsonPath) {
		List<Object> path = new ArrayList<>();
		for (String part : jsonPath.split("\\.")) {
			int index = part.indexOf('[');
			path.add(camel((index < 0) ? part : part.substring(0, index)));
			if (index >= 0) {
				path.add(Integer.valueOf(part.substring(index + 1, part.length() - 1)));
			}
		}
		return path.toArray();
	}

	private static String camel(String snake) {
		StringBuilder name = new StringBuilder(snake.length());
		boolean upper = false;
		for (char c : snake.toCharArray()) {
			if (c == '_') {
				upper = true;
			}
			else {
				name.append(upper ? Character.toUpperCase(c) : c);
				upper = false;
			}
		}
		return name.toString();
	}

	/**
	 * Checks the rule: every field that takes a key holds one, reported at that field, and the resources cover every
	 * key, reported at {@code i18n_resources}.
	 * @param context the validator context
	 * @param resources the payload's resources
	 * @param used the keys the payload's fields name, by JSON path
	 * @return whether the rule holds
	 */
	static boolean check(ConstraintValidatorContext context, @Nullable List<CenterI18nResource> resources,
			Map<String, String> used) {
		boolean keys = true;
		for (Map.Entry<String, String> field : used.entrySet()) {
			if (!field.getValue().startsWith(KEY_PREFIX) || field.getValue().length() == KEY_PREFIX.length()) {
				// Lark shows a field's text through i18n_resources only: plain text here would show as it is typed.
				Violations.report(context, "must be an " + KEY_PREFIX + " key that i18n_resources translates, was '"
						+ field.getValue() + "'", propertyPath(field.getKey()));
				keys = false;
			}
		}
		if (!keys) {
			return false;
		}
		if (resources == null || resources.isEmpty()) {
			return true; // reported by @NotEmpty
		}
		List<Integer> defaults = new ArrayList<>();
		for (int i = 0; i < resources.size(); i++) {
			if (resources.get(i) != null && Boolean.TRUE.equals(resources.get(i).isDefault())) {
				defaults.add(i);
			}
		}
		if (defaults.size() != 1) {
			Violations.report(context, "must have exactly one default locale (is_default true), has "
					+ defaults.size(), "i18nResources");
			return false;
		}
		CenterI18nResource fallback = resources.get(defaults.get(0));
		Set<String> held = keys(fallback);
		// Each key with the first field that names it.
		Map<String, String> needed = new LinkedHashMap<>();
		used.forEach((path, key) -> needed.putIfAbsent(key, path));
		for (int i = 0; i < resources.size(); i++) {
			CenterI18nResource resource = resources.get(i);
			if (resource != null && resource != fallback) {
				for (String key : keys(resource)) {
					needed.putIfAbsent(key, "i18n_resources[" + i + "]");
				}
			}
		}
		String missing = needed.entrySet()
			.stream()
			.filter((entry) -> !held.contains(entry.getKey()))
			.map((entry) -> entry.getKey() + " (" + entry.getValue() + ")")
			.collect(Collectors.joining(", "));
		if (!missing.isEmpty()) {
			Violations.report(context, "the default locale " + fallback.locale() + " must hold every key; it lacks "
					+ missing, "i18nResources", defaults.get(0), "texts");
			return false;
		}
		return true;
	}

	private static Set<String> keys(CenterI18nResource resource) {
		return (resource.texts() != null) ? resource.texts()
			.stream()
			.filter((text) -> text != null && text.key() != null)
			.map(CenterI18nResource.Text::key)
			.collect(Collectors.toSet()) : Set.of();
	}

}
