package io.github.larkapprovalbot.center;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * A plain text for the approval center, one for every locale or one per locale, that a builder turns into an
 * {@code @i18n@} key and its {@code i18n_resources} entries.
 */
public final class CenterText {

	private final @Nullable String text;

	private final Map<CenterLocale, String> texts;

	private CenterText(@Nullable String text, Map<CenterLocale, String> texts) {
		this.text = text;
		this.texts = texts;
	}

	/**
	 * One text for every locale.
	 * @param text the text
	 * @return the text
	 */
	public static CenterText of(String text) {
		Objects.requireNonNull(text, "text must not be null");
		return new CenterText(text, Map.of());
	}

	/**
	 * One text per locale; a locale without one shows the default locale's.
	 * @param texts the texts by locale
	 * @return the text
	 */
	public static CenterText of(Map<CenterLocale, String> texts) {
		if (texts.isEmpty()) {
			throw new IllegalArgumentException("texts must not be empty");
		}
		return new CenterText(null, Collections.unmodifiableMap(new EnumMap<>(texts)));
	}

	/**
	 * Texts in Chinese and English.
	 * @param zhCn the zh-CN text
	 * @param enUs the en-US text
	 * @return the text
	 */
	public static CenterText of(String zhCn, String enUs) {
		return of(Map.of(CenterLocale.ZH_CN, zhCn, CenterLocale.EN_US, enUs));
	}

	/**
	 * Returns the text for a locale, falling back to the text for every locale.
	 * @param locale the locale
	 * @return the text, if there is one for that locale
	 */
	public Optional<String> text(CenterLocale locale) {
		String localized = this.texts.get(locale);
		return Optional.ofNullable((localized != null) ? localized : this.text);
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return (this == other) || (other instanceof CenterText that && Objects.equals(this.text, that.text)
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
