package io.github.larkapprovalbot.message;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.larkapprovalbot.validation.HttpUrl;
import io.github.larkapprovalbot.message.RuleGroups.Comment;
import io.github.larkapprovalbot.message.RuleGroups.Custom;
import io.github.larkapprovalbot.message.RuleGroups.General;
import io.github.larkapprovalbot.message.RuleGroups.Payload;
import io.github.larkapprovalbot.message.RuleGroups.QuickApproval;
import io.github.larkapprovalbot.message.RuleGroups.TitleUser;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.hibernate.validator.group.GroupSequenceProvider;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /open-apis/approval/v1/message/send} for every general template and the custom template
 * 1021. Field names and nesting follow the wire exactly; absent fields are omitted on output. Build one from plain
 * texts with {@link #builder(BotTemplate)}, which allocates the {@code @i18n@} keys.
 * <p>
 * A plain {@code jakarta.validation.Validator#validate(message)} applies exactly the rules of the message's
 * {@code template_id}, reporting every violation at once.
 *
 * @param templateId the card template, one of {@link BotTemplate}
 * @param userId the recipient's user_id (employee id); this or {@code openId} is required
 * @param openId the recipient's open_id
 * @param uuid idempotency key, at most 64 characters: the same uuid and user get one card
 * @param approvalName i18n key of the approval definition name in the card title
 * @param titleUserId the user named in the card title (applicant, approver, commenter...)
 * @param titleUserIdType {@code user_id} (default) or {@code open_id}
 * @param comment i18n key of the comment area (markdown)
 * @param content the applicant and the summaries
 * @param note i18n key of the note area
 * @param senderUserId employee id of the sender, for IM cards
 * @param text forwarding message, for IM cards
 * @param actions at most two; on general templates the first is {@code DETAIL}
 * @param actionCallback where quick-approval clicks are called back
 * @param actionConfigs the quick-approval buttons
 * @param customTitle i18n key of the 1021 title
 * @param customContent i18n key of the 1021 content (markdown)
 * @param i18nResources the texts of every i18n key, per locale
 */
@GroupSequenceProvider(RuleGroups.TemplateSequence.class)
@RecipientRequired(groups = Payload.class)
@I18nKeysResolved(groups = Payload.class)
@FirstActionIsDetail(groups = General.class)
@SummariesRequired(groups = General.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApprovalBotMessage(
		@JsonProperty("template_id") @NotBlank(groups = Payload.class) @KnownTemplate(
				groups = Payload.class) @Nullable String templateId,
		@JsonProperty("user_id") @Nullable String userId,
		@JsonProperty("open_id") @Nullable String openId,
		@JsonProperty("uuid") @Size(max = 64, groups = Payload.class) @Nullable String uuid,
		@JsonProperty("approval_name") @NotBlank(groups = General.class) @Nullable String approvalName,
		@JsonProperty("title_user_id") @NotBlank(groups = TitleUser.class) @Nullable String titleUserId,
		@JsonProperty("title_user_id_type") @Pattern(regexp = "|user_id|open_id",
				message = "must be user_id or open_id", groups = Payload.class) @Nullable String titleUserIdType,
		@JsonProperty("comment") @NotBlank(groups = Comment.class) @Nullable String comment,
		@JsonProperty("content") @NotNull(groups = General.class) @Valid @Nullable Content content,
		@JsonProperty("note") @Nullable String note,
		@JsonProperty("sender_user_id") @Nullable String senderUserId,
		@JsonProperty("text") @Nullable String text,
		@JsonProperty("actions") @NotEmpty(groups = General.class) @Size(max = 2,
				groups = Payload.class) @Nullable List<@NotNull(groups = Payload.class) @Valid Action> actions,
		@JsonProperty("action_callback") @NotNull(
				groups = QuickApproval.class) @Valid @Nullable ActionCallback actionCallback,
		@JsonProperty("action_configs") @NotEmpty(groups = QuickApproval.class) @Nullable List<@NotNull(
				groups = Payload.class) @Valid ActionConfig> actionConfigs,
		@JsonProperty("custom_title") @NotBlank(groups = Custom.class) @Nullable String customTitle,
		@JsonProperty("custom_content") @NotBlank(groups = Custom.class) @Nullable String customContent,
		@JsonProperty("i18n_resources") @NotEmpty(groups = Payload.class) @Nullable List<@NotNull(
				groups = Payload.class) @Valid I18nResource> i18nResources) {

	/** The action_name of the first action on general templates. */
	public static final String DETAIL = "DETAIL";

	/**
	 * Creates the record; its lists are copied, so that it cannot change afterwards.
	 *
	 * @param templateId the card template, one of {@link BotTemplate}
	 * @param userId the recipient's user_id (employee id); this or {@code openId} is required
	 * @param openId the recipient's open_id
	 * @param uuid idempotency key, at most 64 characters: the same uuid and user get one card
	 * @param approvalName i18n key of the approval definition name in the card title
	 * @param titleUserId the user named in the card title (applicant, approver, commenter...)
	 * @param titleUserIdType {@code user_id} (default) or {@code open_id}
	 * @param comment i18n key of the comment area (markdown)
	 * @param content the applicant and the summaries
	 * @param note i18n key of the note area
	 * @param senderUserId employee id of the sender, for IM cards
	 * @param text forwarding message, for IM cards
	 * @param actions at most two; on general templates the first is {@code DETAIL}
	 * @param actionCallback where quick-approval clicks are called back
	 * @param actionConfigs the quick-approval buttons
	 * @param customTitle i18n key of the 1021 title
	 * @param customContent i18n key of the 1021 content (markdown)
	 * @param i18nResources the texts of every i18n key, per locale
	 */
	public ApprovalBotMessage {
		actions = (actions != null) ? List.copyOf(actions) : null;
		actionConfigs = (actionConfigs != null) ? List.copyOf(actionConfigs) : null;
		i18nResources = (i18nResources != null) ? List.copyOf(i18nResources) : null;
	}

	/**
	 * Starts a message of the given template from plain texts.
	 * @param template the card template
	 * @return a builder
	 */
	public static ApprovalBotMessageBuilder builder(BotTemplate template) {
		return new ApprovalBotMessageBuilder(template);
	}

	/**
	 * Returns a copy with another uuid; the client uses it to give every send an idempotency key.
	 * @param uuid the uuid
	 * @return the copy
	 */
	public ApprovalBotMessage withUuid(String uuid) {
		return new ApprovalBotMessage(this.templateId, this.userId, this.openId, uuid, this.approvalName,
				this.titleUserId, this.titleUserIdType, this.comment, this.content, this.note, this.senderUserId,
				this.text, this.actions, this.actionCallback, this.actionConfigs, this.customTitle,
				this.customContent, this.i18nResources);
	}

	/**
	 * The applicant and the summaries of a card ({@code content}).
	 *
	 * @param userId applicant user id; empty hides the applicant
	 * @param userIdType {@code user_id} (default) or {@code open_id}
	 * @param departmentId applicant department; required when {@code userId} is given
	 * @param userName i18n key of the applicant name, for applicants who are not real users
	 * @param departmentName i18n key of the department name
	 * @param summaries at most five summaries
	 */
	@ApplicantDepartment
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record Content(@JsonProperty("user_id") @Nullable String userId,
			@JsonProperty("user_id_type") @Pattern(regexp = "|user_id|open_id", message = "must be user_id or open_id") @Nullable String userIdType,
			@JsonProperty("department_id") @Nullable String departmentId,
			@JsonProperty("user_name") @Nullable String userName,
			@JsonProperty("department_name") @Nullable String departmentName,
			@JsonProperty("summaries") @Size(max = 5) @Nullable List<@NotNull @Valid Summary> summaries) {

		/**
		 * Creates the record; the summaries are copied, so that it cannot change afterwards.
		 *
		 * @param userId applicant user id; empty hides the applicant
		 * @param userIdType {@code user_id} (default) or {@code open_id}
		 * @param departmentId applicant department; required when {@code userId} is given
		 * @param userName i18n key of the applicant name, for applicants who are not real users
		 * @param departmentName i18n key of the department name
		 * @param summaries at most five summaries
		 */
		public Content {
			summaries = (summaries != null) ? List.copyOf(summaries) : null;
		}

	}

	/**
	 * One summary line ({@code content.summaries[]}).
	 *
	 * @param summary i18n key of the summary (markdown)
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record Summary(@JsonProperty("summary") @Nullable String summary) {

	}

	/**
	 * A link button ({@code actions[]}): all four links are required and must be absolute http(s) URLs.
	 *
	 * @param actionName {@code DETAIL} for the first action of general templates, otherwise an i18n key
	 * @param url the default link
	 * @param androidUrl the Android link
	 * @param iosUrl the iOS link
	 * @param pcUrl the desktop link
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record Action(@JsonProperty("action_name") @NotBlank @Nullable String actionName,
			@JsonProperty("url") @NotNull @HttpUrl @Nullable String url,
			@JsonProperty("android_url") @NotNull @HttpUrl @Nullable String androidUrl,
			@JsonProperty("ios_url") @NotNull @HttpUrl @Nullable String iosUrl,
			@JsonProperty("pc_url") @NotNull @HttpUrl @Nullable String pcUrl) {

		/**
		 * Creates an action whose four links are the same URL.
		 * @param actionName the action name ({@code DETAIL} or an i18n key)
		 * @param url the link for every platform
		 * @return the action
		 */
		public static Action of(String actionName, String url) {
			return new Action(actionName, url, url, url, url);
		}

	}

	/**
	 * Where Lark calls back when a quick-approval button is clicked ({@code action_callback}).
	 *
	 * @param actionCallbackUrl the callback URL
	 * @param actionCallbackToken the token Lark sends back in the callback body
	 * @param actionCallbackKey the key Lark encrypts the callback body with, if any
	 * @param actionContext opaque context returned in the callback
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record ActionCallback(
			@JsonProperty("action_callback_url") @NotNull @HttpUrl @Nullable String actionCallbackUrl,
			@JsonProperty("action_callback_token") @Nullable String actionCallbackToken,
			@JsonProperty("action_callback_key") @Nullable String actionCallbackKey,
			@JsonProperty("action_context") @Nullable String actionContext) {

		@Override
		public String toString() {
			return "ActionCallback[actionCallbackUrl=" + this.actionCallbackUrl + ", actionCallbackToken="
					+ mask(this.actionCallbackToken) + ", actionCallbackKey=" + mask(this.actionCallbackKey)
					+ ", actionContext=" + this.actionContext + "]";
		}

		private static @Nullable String mask(@Nullable String secret) {
			return (secret == null || secret.isEmpty()) ? secret : "******";
		}

	}

	/**
	 * A quick-approval button ({@code action_configs[]}).
	 *
	 * @param actionType {@code APPROVE}, {@code REJECT} or a custom key
	 * @param actionName i18n key of the button text; required for a custom key
	 * @param isNeedReason whether the approver is asked for a reason
	 * @param isReasonRequired whether the reason is mandatory
	 * @param isNeedAttachment whether attachments may be added to the reason
	 * @param nextStatus the status Lark sets after a successful callback; absent leaves the update to the caller
	 */
	@ActionNameForCustomType
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record ActionConfig(
			@JsonProperty("action_type") @NotBlank @Nullable String actionType,
			@JsonProperty("action_name") @Nullable String actionName,
			@JsonProperty("is_need_reason") @Nullable Boolean isNeedReason,
			@JsonProperty("is_reason_required") @Nullable Boolean isReasonRequired,
			@JsonProperty("is_need_attachment") @Nullable Boolean isNeedAttachment,
			@JsonProperty("next_status") @Pattern(regexp = MessageStatus.PATTERN,
					message = "must be one of " + MessageStatus.PATTERN) @Nullable String nextStatus) {

		/** The built-in approve action type. */
		public static final String APPROVE = "APPROVE";

		/** The built-in reject action type. */
		public static final String REJECT = "REJECT";

		/**
		 * An approve button.
		 * @param nextStatus the status Lark sets after a successful callback, or {@code null} to update it yourself
		 * @return the action config
		 */
		public static ActionConfig approve(@Nullable MessageStatus nextStatus) {
			return new ActionConfig(APPROVE, null, null, null, null, (nextStatus != null) ? nextStatus.name() : null);
		}

		/**
		 * A reject button.
		 * @param nextStatus the status Lark sets after a successful callback, or {@code null} to update it yourself
		 * @return the action config
		 */
		public static ActionConfig reject(@Nullable MessageStatus nextStatus) {
			return new ActionConfig(REJECT, null, null, null, null, (nextStatus != null) ? nextStatus.name() : null);
		}

		/**
		 * Returns a copy that asks the approver for a reason.
		 * @param required whether the reason is mandatory
		 * @param attachments whether attachments may be added
		 * @return the copy
		 */
		public ActionConfig withReason(boolean required, boolean attachments) {
			return new ActionConfig(this.actionType, this.actionName, true, required, attachments, this.nextStatus);
		}

	}

}
