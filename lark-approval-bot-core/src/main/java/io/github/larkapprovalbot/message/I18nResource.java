package io.github.larkapprovalbot.message;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One locale's texts for the {@code @i18n@} keys of a message ({@code i18n_resources[]}).
 *
 * @param locale {@code zh-CN}, {@code en-US} or {@code ja-JP}; {@code zh_cn}-style input is normalised
 * @param isDefault whether this is the default locale, which must hold every key
 * @param texts the texts by {@code @i18n@} key; empty when no key needs one (an update to a fixed status)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record I18nResource(
		@JsonProperty("locale") @NotNull @Pattern(regexp = "zh-CN|en-US|ja-JP",
				message = "must be one of zh-CN, en-US, ja-JP") @Nullable String locale,
		@JsonProperty("is_default") @NotNull @Nullable Boolean isDefault,
		@JsonProperty("texts") @NotNull @Nullable Map<@Pattern(regexp = "@i18n@.+",
				message = "must be an i18n key starting with @i18n@") String, @NotNull String> texts) {

	/**
	 * Creates the resource; the locale is normalized to its wire form and the texts are copied, keeping their order.
	 *
	 * @param locale {@code zh-CN}, {@code en-US} or {@code ja-JP}; {@code zh_cn}-style input is normalised
	 * @param isDefault whether this is the default locale, which must hold every key
	 * @param texts the texts by {@code @i18n@} key; empty when no key needs one (an update to a fixed status)
	 */
	public I18nResource {
		locale = (locale != null) ? LarkLocale.normalize(locale) : null;
		texts = (texts != null) ? Collections.unmodifiableMap(new LinkedHashMap<>(texts)) : null;
	}

	/**
	 * Creates a resource for a documented locale.
	 * @param locale the locale
	 * @param isDefault whether it is the default locale
	 * @param texts the texts by key
	 * @return the resource
	 */
	public static I18nResource of(LarkLocale locale, boolean isDefault, Map<String, String> texts) {
		return new I18nResource(locale.tag(), isDefault, texts);
	}

}
