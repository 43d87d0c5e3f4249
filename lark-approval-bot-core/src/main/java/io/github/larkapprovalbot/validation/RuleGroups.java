package io.github.larkapprovalbot.validation;

/**
 * Bean Validation groups of the message's own rules. A message is validated with the composite group of its
 * template (see {@link TemplateGroupSequenceProvider}), so that one plain {@code Validator#validate} applies exactly
 * the rules of its {@code template_id} and reports every violation at once. Nested records (content, actions,
 * i18n resources) keep their rules in {@code Default}: Bean Validation cascades with the requested group, not the
 * sequence element, so a rule that depends on the template is declared on the message itself.
 */
public final class RuleGroups {

	private RuleGroups() {
	}

	/** Rules every payload obeys, whatever its template. */
	public interface Payload {

	}

	/** General templates: approval_name, content.summaries and actions required; the first action is DETAIL. */
	public interface General {

	}

	/** Templates that require title_user_id. */
	public interface TitleUser {

	}

	/** Templates that require comment. */
	public interface Comment {

	}

	/** Quick-approval templates: action_configs and action_callback required. */
	public interface QuickApproval {

	}

	/** The custom template 1021: custom_title and custom_content required. */
	public interface Custom {

	}

	/** 1005, 1006, 1007, 1024. */
	public interface GeneralTemplate extends Payload, General {

	}

	/** 1002, 1003, 1015, 1016, 1019, 1026. */
	public interface TitleUserTemplate extends Payload, General, TitleUser {

	}

	/** 1001, 1004, 1017, 1018, 1027. */
	public interface CommentTemplate extends Payload, General, TitleUser, Comment {

	}

	/** 1008, 1009-1013, 1020. */
	public interface QuickApprovalTemplate extends Payload, General, TitleUser, QuickApproval {

	}

	/** 1028: quick approval without an applicant in the title. */
	public interface QuickApprovalWithoutTitleUserTemplate extends Payload, General, QuickApproval {

	}

	/** 1021. */
	public interface CustomTemplate extends Payload, Custom {

	}

}
