package io.github.larkapprovalbot.center;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Allocates {@code @i18n@NNN} keys for the texts of one payload and collects them into {@code i18n_resources}: the
 * default locale holds every key, the other locales the keys they translate. Equal texts share one key.
 */
final class CenterI18nKeys {

	private final CenterLocale defaultLocale;

	private final Map<CenterText, String> keys = new LinkedHashMap<>();

	CenterI18nKeys(CenterLocale defaultLocale) {
		this.defaultLocale = defaultLocale;
	}

	/**
	 * Returns the key of a text, allocating one on first use.
	 * @param field the JSON path of the field, for the error when the default locale has no text
	 * @param text the text, or {@code null}
	 * @return the key, or {@code null} for no text
	 */
	@Nullable String key(String field, @Nullable CenterText text) {
		if (text == null) {
			return null;
		}
		if (text.text(this.defaultLocale).isEmpty()) {
			throw new IllegalArgumentException(
					field + " has no text in the default locale " + this.defaultLocale.tag() + ": " + text);
		}
		// Three digits at least: Lark asks approval_name's key to have 9 characters or more.
		return this.keys.computeIfAbsent(text, (t) -> String.format("%s%03d", I18nCoverage.KEY_PREFIX,
				this.keys.size() + 1));
	}

	List<CenterI18nResource> resources() {
		Map<CenterLocale, List<CenterI18nResource.Text>> byLocale = new EnumMap<>(CenterLocale.class);
		byLocale.put(this.defaultLocale, new ArrayList<>());
		this.keys.forEach((text, key) -> {
			String fallback = text.text(this.defaultLocale).orElseThrow();
			for (CenterLocale locale : CenterLocale.values()) {
				boolean isDefault = locale == this.defaultLocale;
				text.text(locale)
					.filter((value) -> isDefault || !value.equals(fallback))
					.ifPresent((value) -> byLocale.computeIfAbsent(locale, (l) -> new ArrayList<>())
						.add(new CenterI18nResource.Text(key, value)));
			}
		});
		List<CenterI18nResource> resources = new ArrayList<>();
		resources.add(CenterI18nResource.of(this.defaultLocale, true, byLocale.remove(this.defaultLocale)));
		byLocale.forEach((locale, texts) -> resources.add(CenterI18nResource.of(locale, false, texts)));
		return resources;
	}

}
