package io.github.larkapprovalbot.message;

import java.util.Locale;
import java.util.Optional;

/**
 * The locales the approval bot API documents for {@code i18n_resources}.
 */
public enum LarkLocale {

	/** Chinese (Simplified), {@code zh-CN}. */
	ZH_CN("zh-CN"),

	/** English (US), {@code en-US}. */
	EN_US("en-US"),

	/** Japanese, {@code ja-JP}. */
	JA_JP("ja-JP");

	private final String tag;

	LarkLocale(String tag) {
		this.tag = tag;
	}

	/**
	 * Returns the wire form, for example {@code zh-CN}.
	 * @return the language tag
	 */
	public String tag() {
		return this.tag;
	}

	/**
	 * Returns the Java locale of this Lark locale.
	 * @return the locale
	 */
	public Locale toLocale() {
		return Locale.forLanguageTag(this.tag);
	}

	/**
	 * Finds the Lark locale of a tag in either the documented ({@code en-US}) or the underscore ({@code en_us}) form.
	 * @param tag the tag
	 * @return the matching locale, if it is one of the documented ones
	 */
	public static Optional<LarkLocale> fromTag(String tag) {
		String normalized = normalize(tag);
		for (LarkLocale locale : values()) {
			if (locale.tag.equals(normalized)) {
				return Optional.of(locale);
			}
		}
		return Optional.empty();
	}

	/**
	 * Finds the Lark locale for a Java locale by language and country.
	 * @param locale the Java locale
	 * @return the matching Lark locale, if any
	 */
	public static Optional<LarkLocale> fromLocale(Locale locale) {
		return fromTag(locale.toLanguageTag());
	}

	/**
	 * Normalises {@code xx_yy} and {@code xx-yy} forms to {@code xx-YY}; other values are returned unchanged.
	 * @param tag the tag as received
	 * @return the normalised tag
	 */
	public static String normalize(String tag) {
		if (tag.length() == 5 && (tag.charAt(2) == '_' || tag.charAt(2) == '-')) {
			return tag.substring(0, 2).toLowerCase(Locale.ROOT) + "-" + tag.substring(3).toUpperCase(Locale.ROOT);
		}
		return tag;
	}

}
