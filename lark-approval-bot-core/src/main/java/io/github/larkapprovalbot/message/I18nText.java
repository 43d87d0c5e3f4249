package io.github.larkapprovalbot.message;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * A plain text, either one text for every locale or one per locale, that a builder turns into an {@code @i18n@}
 * key and its {@code i18n_resources} entries.
 */
public final class I18nText {

	private final @Nullable String text;

	private final Map<LarkLocale, String> texts;

	private I18nText(@Nullable String text, Map<LarkLocale, String> texts) {
		this.text = text;
		this.texts = texts;
	}

	/**
	 * One text for every locale.
	 * @param text the text
	 * @return the i18n text
	 */
	public static I18nText of(String text) {
		Objects.requireNonNull(text, "text must not be null");
		return new I18nText(text, Map.of());
	}

	/**
	 * One text per locale; locales without a text fall back to the default locale's text on Lark's side.
	 * @param texts the texts by locale
	 * @return the i18n text
	 */
	public static I18nText of(Map<LarkLocale, String> texts) {
		if (texts.isEmpty()) {
			throw new IllegalArgumentException("texts must not be empty");
		}
		return new I18nText(null, Collections.unmodifiableMap(new EnumMap<>(texts)));
	}

	/**
	 * Texts in Chinese and English.
	 * @param zhCn the zh-CN text
	 * @param enUs the en-US text
	 * @return the i18n text
	 */
	public static I18nText of(String zhCn, String enUs) {
		return of(Map.of(LarkLocale.ZH_CN, zhCn, LarkLocale.EN_US, enUs));
	}

	/**
	 * Returns the text for a locale, falling back to the text for every locale.
	 * @param locale the locale
	 * @return the text, if there is one for that locale
	 */
	public Optional<String> text(LarkLocale locale) {
		String localized = this.texts.get(locale);
		return Optional.ofNullable((localized != null) ? localized : this.text);
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return (this == other) || (other instanceof I18nText that && Objects.equals(this.text, that.text)
				&& this.texts.equals(that.texts));
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.text, this.texts);
	}

	@Override
	public String toString() {
		return (this.text != null) ? this.text : this.texts.toString();
	}

}
