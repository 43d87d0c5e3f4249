package io.github.larkapprovalbot.center;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One locale's texts for the {@code @i18n@} keys of a definition or an instance ({@code i18n_resources[]} of the v4
 * external APIs, where {@code texts} is an array of {@code {key, value}}).
 *
 * @param locale one of the 16 documented locales, for example {@code zh-CN}
 * @param texts the texts of the keys
 * @param isDefault whether this is the default locale, which must hold every key
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CenterI18nResource(
		@JsonProperty("locale") @NotNull @Pattern(regexp = CenterLocale.PATTERN,
				message = "must be one of the 16 documented locales (zh-CN, en-US, ja-JP, ...)") @Nullable String locale,
		@JsonProperty("texts") @NotNull @Nullable List<@Valid @NotNull Text> texts,
		@JsonProperty("is_default") @NotNull @Nullable Boolean isDefault) {

	/**
	 * Creates the record; its lists are copied, so that it cannot change afterwards.
	 *
	 * @param locale one of the 16 documented locales, for example {@code zh-CN}
	 * @param texts the texts of the keys
	 * @param isDefault whether this is the default locale, which must hold every key
	 */
	public CenterI18nResource {
		texts = (texts != null) ? List.copyOf(texts) : null;
	}

	/**
	 * Creates a resource.
	 * @param locale the locale
	 * @param isDefault whether it is the default locale
	 * @param texts the texts
	 * @return the resource
	 */
	public static CenterI18nResource of(CenterLocale locale, boolean isDefault, List<Text> texts) {
		return new CenterI18nResource(locale.tag(), texts, isDefault);
	}

	/**
	 * The text of one key.
	 *
	 * @param key an {@code @i18n@} key
	 * @param value the text
	 */
	public record Text(@JsonProperty("key") @NotBlank @Pattern(regexp = "@i18n@.+",
			message = "must be an i18n key starting with @i18n@") @Nullable String key,
			@JsonProperty("value") @NotNull @Nullable String value) {

	}

}
