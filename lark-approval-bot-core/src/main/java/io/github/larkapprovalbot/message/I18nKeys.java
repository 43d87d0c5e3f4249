package io.github.larkapprovalbot.message;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Allocates {@code @i18n@N} keys for texts and collects them into {@code i18n_resources}: the default locale holds
 * every key, other locales only the keys they translate. Equal texts share one key.
 */
final class I18nKeys {

	private final LarkLocale defaultLocale;

	private final Map<I18nText, String> keys = new LinkedHashMap<>();

	I18nKeys(LarkLocale defaultLocale) {
		this.defaultLocale = defaultLocale;
	}

	/**
	 * Returns the key of a text, allocating one on first use.
	 * @param field the wire name of the field, for the error when the default locale has no text
	 * @param text the text
	 * @return the {@code @i18n@} key
	 */
	String key(String field, I18nText text) {
		if (text.text(this.defaultLocale).isEmpty()) {
			throw new IllegalArgumentException(
					field + " has no text in the default locale " + this.defaultLocale.tag() + ": " + text);
		}
		return this.keys.computeIfAbsent(text, (t) -> "@i18n@" + (this.keys.size() + 1));
	}

	List<I18nResource> resources() {
		Map<LarkLocale, Map<String, String>> byLocale = new LinkedHashMap<>(); // the default locale first
		byLocale.put(this.defaultLocale, new LinkedHashMap<>());
		this.keys.forEach((text, key) -> {
			for (LarkLocale locale : LarkLocale.values()) {
				boolean isDefault = locale == this.defaultLocale;
				text.text(locale)
					.filter((value) -> isDefault || !value.equals(text.text(this.defaultLocale).orElseThrow()))
					.ifPresent((value) -> byLocale.computeIfAbsent(locale, (l) -> new LinkedHashMap<>()).put(key, value));
			}
		});
		List<I18nResource> resources = new ArrayList<>();
		byLocale.forEach((locale, texts) -> resources.add(I18nResource.of(locale, locale == this.defaultLocale, texts)));
		return resources;
	}

}
