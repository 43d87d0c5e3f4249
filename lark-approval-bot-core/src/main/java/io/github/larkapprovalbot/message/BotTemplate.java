package io.github.larkapprovalbot.message;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The approval bot card templates, as the {@code message/send} template table documents them.
 */
public enum BotTemplate {

	/** 1001 收到评论. */
	COMMENT_RECEIVED("1001", Rules.COMMENT),
	/** 1002 审批暂存待办. */
	DRAFT_PENDING("1002", Rules.TITLE_USER),
	/** 1003 审批已拒绝. */
	REJECTED("1003", Rules.TITLE_USER),
	/** 1004 审批已通过. */
	APPROVED("1004", Rules.COMMENT),
	/** 1005 成功发起了审批. */
	SUBMITTED("1005", Rules.GENERAL),
	/** 1006 审批将被关闭. */
	CLOSING("1006", Rules.GENERAL),
	/** 1007 审批已被关闭. */
	CLOSED("1007", Rules.GENERAL),
	/** 1008 收到审批待办: the only template message/update can change. */
	PENDING_APPROVAL("1008", Rules.QUICK_APPROVAL),
	/** 1009 被加签. */
	COUNTERSIGN_ADDED("1009", Rules.QUICK_APPROVAL),
	/** 1010 被转交. */
	FORWARDED("1010", Rules.QUICK_APPROVAL),
	/** 1011 被委托. */
	DELEGATED("1011", Rules.QUICK_APPROVAL),
	/** 1012 被回退. */
	ROLLED_BACK("1012", Rules.QUICK_APPROVAL),
	/** 1013 人工催办(个人IM). */
	REMINDER("1013", Rules.QUICK_APPROVAL),
	/** 1015 被撤回. */
	WITHDRAWN("1015", Rules.TITLE_USER),
	/** 1016 被抄送. */
	CC("1016", Rules.TITLE_USER),
	/** 1017 评论被回复. */
	COMMENT_REPLIED("1017", Rules.COMMENT),
	/** 1018 评论被提及. */
	COMMENT_MENTIONED("1018", Rules.COMMENT),
	/** 1019 申请人离职转交主管. */
	APPLICANT_LEFT("1019", Rules.TITLE_USER),
	/** 1020 审批人离职抄送主管. */
	APPROVER_LEFT("1020", Rules.QUICK_APPROVAL),
	/** 1021 自定义模板. */
	CUSTOM("1021", Rules.CUSTOM),
	/** 1024 审批分享. */
	SHARED("1024", Rules.GENERAL),
	/** 1026 系统抄送. */
	SYSTEM_CC("1026", Rules.TITLE_USER),
	/** 1027 添加评论. */
	COMMENT_ADDED("1027", Rules.COMMENT),
	/** 1028 收到审批待办(无审批发起人). */
	PENDING_APPROVAL_WITHOUT_APPLICANT("1028", Rules.QUICK_APPROVAL_WITHOUT_TITLE_USER);

	private static final Map<String, BotTemplate> BY_ID = Arrays.stream(values())
		.collect(Collectors.toUnmodifiableMap(BotTemplate::id, Function.identity()));

	private final String id;

	private final Rules rules;

	BotTemplate(String id, Rules rules) {
		this.id = id;
		this.rules = rules;
	}

	/**
	 * Returns the {@code template_id} on the wire.
	 * @return the template id, for example {@code "1008"}
	 */
	public String id() {
		return this.id;
	}

	/**
	 * Returns the fields the template table lists as required, by their wire names.
	 * @return the required fields
	 */
	public List<String> requiredFields() {
		return this.rules.requiredFields;
	}

	/**
	 * Returns whether the card supports quick approval (action_configs and action_callback).
	 * @return whether quick approval is supported
	 */
	public boolean supportsQuickApproval() {
		return this.rules.requiredFields.contains("action_configs");
	}

	/**
	 * Returns whether this is the custom template 1021, whose actions are all named by i18n keys.
	 * @return whether the template is 1021
	 */
	public boolean isCustom() {
		return this == CUSTOM;
	}

	/** The composite validation group holding this template's rules. */
	Class<?> validationGroup() {
		return this.rules.group;
	}

	/**
	 * Finds a template by its wire id.
	 * @param id the template id
	 * @return the template, or empty when Lark does not document it
	 */
	public static Optional<BotTemplate> fromId(String id) {
		return Optional.ofNullable(BY_ID.get(id));
	}

	private enum Rules {

		GENERAL(RuleGroups.GeneralTemplate.class, "approval_name", "summaries", "actions"),

		TITLE_USER(RuleGroups.TitleUserTemplate.class, "approval_name", "title_user_id", "summaries", "actions"),

		COMMENT(RuleGroups.CommentTemplate.class, "approval_name", "title_user_id", "summaries", "actions", "comment"),

		QUICK_APPROVAL(RuleGroups.QuickApprovalTemplate.class, "approval_name", "title_user_id", "summaries",
				"actions", "action_configs", "action_callback"),

		QUICK_APPROVAL_WITHOUT_TITLE_USER(RuleGroups.QuickApprovalWithoutTitleUserTemplate.class, "approval_name",
				"summaries", "actions", "action_configs", "action_callback"),

		CUSTOM(RuleGroups.CustomTemplate.class, "custom_title", "custom_content");

		private final Class<?> group;

		private final List<String> requiredFields;

		Rules(Class<?> group, String... requiredFields) {
			this.group = group;
			this.requiredFields = List.of(requiredFields);
		}

	}

}
