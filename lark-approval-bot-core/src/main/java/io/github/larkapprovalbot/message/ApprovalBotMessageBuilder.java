package io.github.larkapprovalbot.message;

import java.util.ArrayList;
import java.util.List;

import io.github.larkapprovalbot.message.ApprovalBotMessage.Action;
import io.github.larkapprovalbot.message.ApprovalBotMessage.ActionCallback;
import io.github.larkapprovalbot.message.ApprovalBotMessage.ActionConfig;
import io.github.larkapprovalbot.message.ApprovalBotMessage.Content;
import io.github.larkapprovalbot.message.ApprovalBotMessage.Summary;
import org.jspecify.annotations.Nullable;

/**
 * Builds an {@link ApprovalBotMessage} from plain texts: every text-bearing field takes an {@link I18nText} (or a
 * plain string for every locale) and the builder allocates the {@code @i18n@} keys and {@code i18n_resources}.
 * The result is not validated here; the client validates before it sends.
 */
public final class ApprovalBotMessageBuilder {

	/** The locale whose resource holds every key unless {@link #defaultLocale(LarkLocale)} says otherwise. */
	public static final LarkLocale DEFAULT_LOCALE = LarkLocale.ZH_CN;

	private final BotTemplate template;

	private LarkLocale defaultLocale = DEFAULT_LOCALE;

	private @Nullable String userId;

	private @Nullable String openId;

	private @Nullable String uuid;

	private @Nullable I18nText approvalName;

	private @Nullable String titleUserId;

	private @Nullable String titleUserIdType;

	private @Nullable I18nText comment;

	private @Nullable String applicantUserId;

	private @Nullable String applicantUserIdType;

	private @Nullable String applicantDepartmentId;

	private @Nullable I18nText applicantName;

	private @Nullable I18nText applicantDepartmentName;

	private final List<I18nText> summaries = new ArrayList<>();

	private @Nullable I18nText note;

	private @Nullable String senderUserId;

	private @Nullable String text;

	private final List<ActionSpec> actions = new ArrayList<>();

	private @Nullable ActionCallback actionCallback;

	private final List<ActionConfigSpec> actionConfigs = new ArrayList<>();

	private @Nullable I18nText customTitle;

	private @Nullable I18nText customContent;

	ApprovalBotMessageBuilder(BotTemplate template) {
		this.template = template;
	}

	/**
	 * Sets the locale whose resource holds every key ({@link #DEFAULT_LOCALE} by default).
	 * @param defaultLocale the default locale
	 * @return this builder
	 */
	public ApprovalBotMessageBuilder defaultLocale(LarkLocale defaultLocale) {
		this.defaultLocale = defaultLocale;
		return this;
	}

	/**
	 * Sends the card to a user by user_id (employee id).
	 * @param userId the recipient's user_id
	 * @return this builder
	 */
	public ApprovalBotMessageBuilder toUserId(String userId) {
		this.userId = userId;
		return this;
	}

	/**
	 * Sends the card to a user by open_id.
	 * @param openId the recipient's open_id
	 * @return this builder
	 */
	public ApprovalBotMessageBuilder toOpenId(String openId) {
		this.openId = openId;
		return this;
	}

	/**
	 * Sets the idempotency key; when none is set the client generates one per send.
	 * @param uuid at most 64 characters
	 * @return this builder
	 */
	public ApprovalBotMessageBuilder uuid(String uuid) {
		this.uuid = uuid;
		return this;
	}

	/**
	 * Sets the approval definition's name in the card title, the same text in every locale.
	 * @param approvalName the name
	 * @return this builder
	 */
	public ApprovalBotMessageBuilder approvalName(String approvalName) {
		return approvalName(I18nText.of(approvalName));
	}

	/**
	 * Sets the approval definition's name in the card title.
	 * @param approvalName the name, per locale
	 * @return this builder
	 */
	public ApprovalBotMessageBuilder approvalName(I18nText approvalName) {
		this.approvalName = approvalName;
		return this;
	}

	/**
	 * Sets the user named in the title, by user_id.
	 * @param titleUserId the user id
	 * @return this builder
	 */
	public ApprovalBotMessageBuilder titleUserId(String titleUserId) {
		this.titleUserId = titleUserId;
		this.titleUserIdType = "user_id";
		return this;
	}

	/**
	 * Sets the user named in the title, by open_id.
	 * @param titleOpenId the open id
	 * @return this builder
	 */
	public ApprovalBotMessageBuilder titleOpenId(String titleOpenId) {
		this.titleUserId = titleOpenId;
		this.titleUserIdType = "open_id";
		return this;
	}

	/**
	 * Sets the comment area (markdown), the same text in every locale.
	 * @param comment the comment
	 * @return this builder
	 */
	public ApprovalBotMessageBuilder comment(String comment) {
		return comment(I18nText.of(comment));
	}

	/**
	 * Sets the comment area (markdown).
	 * @param comment the comment, per locale
	 * @return this builder
	 */
	public ApprovalBotMessageBuilder comment(I18nText comment) {
		this.comment = comment;
		return this;
	}

	/**
	 * Shows the applicant, a real user given by user_id, with their department.
	 * @param userId the applicant's user_id
	 * @param departmentId the applicant's department_id (not open_department_id); Lark requires it, so a missing one
	 * is reported as {@code content.department_id} when the message is validated
	 * @return this builder
	 */
	public ApprovalBotMessageBuilder applicant(String userId, @Nullable String departmentId) {
		this.applicantUserId = userId;
		this.applicantUserIdType = "user_id";
		this.applicantDepartmentId = departmentId;
		return this;
	}

	/**
	 * Shows an applicant who is not a Lark user, by name and department name.
	 * @param name the applicant name
	 * @param departmentName the department name, or {@code null}
	 * @return this builder
	 */
	public ApprovalBotMessageBuilder applicantName(I18nText name, @Nullable I18nText departmentName) {
		this.applicantName = name;
		this.applicantDepartmentName = departmentName;
		return this;
	}

	/**
	 * Adds a summary line (markdown), the same text in every locale; Lark shows at most five.
	 * @param summary the summary
	 * @return this builder
	 */
	public ApprovalBotMessageBuilder summary(String summary) {
		return summary(I18nText.of(summary));
	}

	/**
	 * Adds a summary line (markdown); Lark shows at most five.
	 * @param summary the summary
	 * @return this builder
	 */
	public ApprovalBotMessageBuilder summary(I18nText summary) {
		this.summaries.add(summary);
		return this;
	}

	/**
	 * Sets the note area, the same text in every locale.
	 * @param note the note
	 * @return this builder
	 */
	public ApprovalBotMessageBuilder note(String note) {
		return note(I18nText.of(note));
	}

	/**
	 * Sets the note area.
	 * @param note the note, per locale
	 * @return this builder
	 */
	public ApprovalBotMessageBuilder note(I18nText note) {
		this.note = note;
		return this;
	}

	/**
	 * Sets the sender and forwarding text of IM cards.
	 * @param senderUserId the sender's employee id
	 * @param text the forwarding message, or {@code null}
	 * @return this builder
	 */
	public ApprovalBotMessageBuilder sender(String senderUserId, @Nullable String text) {
		this.senderUserId = senderUserId;
		this.text = text;
		return this;
	}

	/**
	 * Adds the DETAIL link of general templates, the same URL on every platform.
	 * @param url the absolute http(s) URL
	 * @return this builder
	 */
	public ApprovalBotMessageBuilder detail(String url) {
		return detail(url, url, url, url);
	}

	/**
	 * Adds the DETAIL link of general templates with one URL per platform.
	 * @param url the default link
	 * @param androidUrl the Android link
	 * @param iosUrl the iOS link
	 * @param pcUrl the desktop link
	 * @return this builder
	 */
	public ApprovalBotMessageBuilder detail(String url, String androidUrl, String iosUrl, String pcUrl) {
		this.actions.add(new ActionSpec(null, new Action(ApprovalBotMessage.DETAIL, url, androidUrl, iosUrl, pcUrl)));
		return this;
	}

	/**
	 * Adds a named link button (the second action of general templates, or any action of 1021).
	 * @param name the button text
	 * @param url the link for every platform
	 * @return this builder
	 */
	public ApprovalBotMessageBuilder action(I18nText name, String url) {
		this.actions.add(new ActionSpec(name, Action.of("", url)));
		return this;
	}

	/**
	 * Sets where quick-approval clicks are called back.
	 * @param url the callback URL
	 * @param token the token Lark sends back, or {@code null}
	 * @param key the key Lark encrypts the callback with, or {@code null}
	 * @param context opaque context returned in the callback, or {@code null}
	 * @return this builder
	 */
	public ApprovalBotMessageBuilder callback(String url, @Nullable String token, @Nullable String key,
			@Nullable String context) {
		this.actionCallback = new ActionCallback(url, token, key, context);
		return this;
	}

	/**
	 * Adds a quick-approval button of a built-in type ({@link ActionConfig#approve}, {@link ActionConfig#reject}).
	 * @param config the button
	 * @return this builder
	 */
	public ApprovalBotMessageBuilder actionConfig(ActionConfig config) {
		this.actionConfigs.add(new ActionConfigSpec(null, config));
		return this;
	}

	/**
	 * Adds a quick-approval button with its own text, for a custom action type or to rename APPROVE/REJECT.
	 * @param config the button; its action_name is replaced by the key of {@code name}
	 * @param name the button text
	 * @return this builder
	 */
	public ApprovalBotMessageBuilder actionConfig(ActionConfig config, I18nText name) {
		this.actionConfigs.add(new ActionConfigSpec(name, config));
		return this;
	}

	/**
	 * Sets the title of the custom template (1021).
	 * @param customTitle the title, per locale
	 * @return this builder
	 */
	public ApprovalBotMessageBuilder customTitle(I18nText customTitle) {
		this.customTitle = customTitle;
		return this;
	}

	/**
	 * Sets the content of the custom template (1021), in markdown.
	 * @param customContent the content, per locale
	 * @return this builder
	 */
	public ApprovalBotMessageBuilder customContent(I18nText customContent) {
		this.customContent = customContent;
		return this;
	}

	/**
	 * Builds the wire payload, allocating {@code @i18n@} keys in field order.
	 * @return the message
	 * @throws IllegalArgumentException when a text has no value in the default locale
	 */
	public ApprovalBotMessage build() {
		I18nKeys keys = new I18nKeys(this.defaultLocale);
		String approvalNameKey = key(keys, "approval_name", this.approvalName);
		String commentKey = key(keys, "comment", this.comment);
		Content content = null;
		if (!this.summaries.isEmpty() || this.applicantUserId != null || this.applicantName != null) {
			List<Summary> summaryList = new ArrayList<>();
			for (I18nText summary : this.summaries) {
				summaryList.add(new Summary(keys.key("content.summaries", summary)));
			}
			content = new Content(this.applicantUserId, this.applicantUserIdType, this.applicantDepartmentId,
					key(keys, "content.user_name", this.applicantName),
					key(keys, "content.department_name", this.applicantDepartmentName), summaryList);
		}
		String noteKey = key(keys, "note", this.note);
		List<Action> actionList = new ArrayList<>();
		for (ActionSpec spec : this.actions) {
			Action action = spec.action;
			actionList.add((spec.name != null) ? new Action(keys.key("actions.action_name", spec.name), action.url(),
					action.androidUrl(), action.iosUrl(), action.pcUrl()) : action);
		}
		List<ActionConfig> configList = new ArrayList<>();
		for (ActionConfigSpec spec : this.actionConfigs) {
			ActionConfig config = spec.config;
			configList.add((spec.name != null) ? new ActionConfig(config.actionType(),
					keys.key("action_configs.action_name", spec.name), config.isNeedReason(),
					config.isReasonRequired(), config.isNeedAttachment(), config.nextStatus()) : config);
		}
		String customTitleKey = key(keys, "custom_title", this.customTitle);
		String customContentKey = key(keys, "custom_content", this.customContent);
		return new ApprovalBotMessage(this.template.id(), this.userId, this.openId, this.uuid, approvalNameKey,
				this.titleUserId, this.titleUserIdType, commentKey, content, noteKey, this.senderUserId, this.text,
				actionList.isEmpty() ? null : actionList, this.actionCallback,
				configList.isEmpty() ? null : configList, customTitleKey, customContentKey, keys.resources());
	}

	private static @Nullable String key(I18nKeys keys, String field, @Nullable I18nText text) {
		return (text != null) ? keys.key(field, text) : null;
	}

	private record ActionSpec(@Nullable I18nText name, Action action) {
	}

	private record ActionConfigSpec(@Nullable I18nText name, ActionConfig config) {
	}

}
