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

	/** Adds a field's key, if the field holds one. */
	static void put(Map<String, String> keys, String path, @Nullable String value) {
		if (value != null && value.startsWith(KEY_PREFIX)) {
			keys.put(path, value);
		}
	}

	/**
	 * Checks the rule, reporting each violation at {@code i18n_resources}.
	 * @param context the validator context
	 * @param resources the payload's resources
	 * @param used the keys the payload's fields name, by JSON path
	 * @return whether the rule holds
	 */
	static boolean check(ConstraintValidatorContext context, @Nullable List<CenterI18nResource> resources,
			Map<String, String> used) {
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
