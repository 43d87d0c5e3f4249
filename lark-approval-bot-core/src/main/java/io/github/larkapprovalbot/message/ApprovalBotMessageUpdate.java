package io.github.larkapprovalbot.message;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /open-apis/approval/v1/message/update}, which changes the status of a 1008 card sent in
 * the last 30 days.
 *
 * @param messageId the message_id returned by {@code message/send}
 * @param status one of {@link MessageStatus}
 * @param statusName i18n key of the title after a {@code CUSTOM} status
 * @param detailActionName i18n key of the detail button after a {@code CUSTOM} status
 * @param i18nResources the texts of the i18n keys; the Feishu page marks it required, while the Lark guide's own example
 * sends none: it may be left out here, and the client then sends an empty resource of the default locale
 */
@CustomStatusTexts
@I18nKeysResolved
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApprovalBotMessageUpdate(
		@JsonProperty("message_id") @NotBlank @Nullable String messageId,
		@JsonProperty("status") @NotNull @Pattern(regexp = MessageStatus.PATTERN,
				message = "must be one of " + MessageStatus.PATTERN) @Nullable String status,
		@JsonProperty("status_name") @Nullable String statusName,
		@JsonProperty("detail_action_name") @Nullable String detailActionName,
		@JsonProperty("i18n_resources") @Nullable List<@NotNull @Valid I18nResource> i18nResources) {

	/**
	 * Creates the record; its lists are copied, so that it cannot change afterwards.
	 *
	 * @param messageId the message_id returned by {@code message/send}
	 * @param status one of {@link MessageStatus}
	 * @param statusName i18n key of the title after a {@code CUSTOM} status
	 * @param detailActionName i18n key of the detail button after a {@code CUSTOM} status
	 * @param i18nResources the texts of the i18n keys; the Feishu page marks it required, while the Lark guide's own example
	 * sends none: it may be left out here, and the client then sends an empty resource of the default locale
	 */
	public ApprovalBotMessageUpdate {
		i18nResources = (i18nResources != null) ? List.copyOf(i18nResources) : null;
	}

	/**
	 * An update to one of the fixed statuses. It carries the {@code i18n_resources} the update page requires, with no
	 * texts, since no key needs one.
	 * @param messageId the message to update
	 * @param status the new status; {@link MessageStatus#CUSTOM} needs {@link #custom}
	 * @return the update
	 */
	public static ApprovalBotMessageUpdate of(String messageId, MessageStatus status) {
		return new ApprovalBotMessageUpdate(messageId, status.name(), null, null, null).withI18nResources();
	}

	/**
	 * Returns this update with the {@code i18n_resources} the Feishu page requires: its own, or else an empty
	 * resource of the default locale, since no key needs a text.
	 * @return the update as it goes on the wire
	 */
	public ApprovalBotMessageUpdate withI18nResources() {
		if (this.i18nResources != null && !this.i18nResources.isEmpty()) {
			return this;
		}
		return new ApprovalBotMessageUpdate(this.messageId, this.status, this.statusName, this.detailActionName,
				List.of(I18nResource.of(ApprovalBotMessageBuilder.DEFAULT_LOCALE, true, Map.of())));
	}

	/**
	 * An update to a custom status with its own title and detail button texts; keys are allocated for them.
	 * @param messageId the message to update
	 * @param defaultLocale the locale whose resource holds every key
	 * @param statusName the title text
	 * @param detailActionName the detail button text, or {@code null} to keep the default
	 * @return the update
	 */
	public static ApprovalBotMessageUpdate custom(String messageId, LarkLocale defaultLocale, I18nText statusName,
			@Nullable I18nText detailActionName) {
		I18nKeys keys = new I18nKeys(defaultLocale);
		String statusKey = keys.key("status_name", statusName);
		String detailKey = (detailActionName != null) ? keys.key("detail_action_name", detailActionName) : null;
		return new ApprovalBotMessageUpdate(messageId, MessageStatus.CUSTOM.name(), statusKey, detailKey,
				keys.resources());
	}

}
