package io.github.larkapprovalbot.center;

import java.util.Locale;
import java.util.Optional;

/**
 * The 16 locales the approval center's v4 APIs take in {@code i18n_resources} (the approval bot's
 * {@code message/send} takes three, see {@link io.github.larkapprovalbot.message.LarkLocale}).
 */
public enum CenterLocale {

	/** Chinese (Simplified), {@code zh-CN}. */
	ZH_CN("zh-CN"),

	/** English (US), {@code en-US}. */
	EN_US("en-US"),

	/** Japanese, {@code ja-JP}. */
	JA_JP("ja-JP"),

	/** Chinese (Hong Kong), {@code zh-HK}. */
	ZH_HK("zh-HK"),

	/** Chinese (Taiwan), {@code zh-TW}. */
	ZH_TW("zh-TW"),

	/** German, {@code de-DE}. */
	DE_DE("de-DE"),

	/** Spanish, {@code es-ES}. */
	ES_ES("es-ES"),

	/** French, {@code fr-FR}. */
	FR_FR("fr-FR"),

	/** Indonesian, {@code id-ID}. */
	ID_ID("id-ID"),

	/** Italian, {@code it-IT}. */
	IT_IT("it-IT"),

	/** Korean, {@code ko-KR}. */
	KO_KR("ko-KR"),

	/** Portuguese (Brazil), {@code pt-BR}. */
	PT_BR("pt-BR"),

	/** Thai, {@code th-TH}. */
	TH_TH("th-TH"),

	/** Vietnamese, {@code vi-VN}. */
	VI_VN("vi-VN"),

	/** Malay, {@code ms-MY}. */
	MS_MY("ms-MY"),

	/** Russian, {@code ru-RU}. */
	RU_RU("ru-RU");

	/** The wire forms of every locale, as a rule's pattern. */
	static final String PATTERN = "zh-CN|en-US|ja-JP|zh-HK|zh-TW|de-DE|es-ES|fr-FR|id-ID|it-IT|ko-KR|pt-BR|th-TH"
			+ "|vi-VN|ms-MY|ru-RU";

	private final String tag;

	CenterLocale(String tag) {
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
	 * Finds the locale of a wire form.
	 * @param tag for example {@code en-US}
	 * @return the locale, if it is one of the 16
	 */
	public static Optional<CenterLocale> fromTag(String tag) {
		for (CenterLocale locale : values()) {
			if (locale.tag.equals(tag)) {
				return Optional.of(locale);
			}
		}
		return Optional.empty();
	}

	/**
	 * Finds the locale of a Java locale by language and country.
	 * @param locale the Java locale
	 * @return the matching locale, if it is one of the 16
	 */
	public static Optional<CenterLocale> fromLocale(Locale locale) {
		return fromTag(locale.toLanguageTag());
	}

}
