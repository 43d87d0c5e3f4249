package io.github.larkapprovalbot.message;

import java.util.List;

import org.hibernate.validator.spi.group.DefaultGroupSequenceProvider;
import org.jspecify.annotations.Nullable;

/**
 * Bean Validation groups of the message's own rules. A message is validated with the composite group of its
 * template ({@link TemplateSequence}), so that one plain {@code Validator#validate} applies exactly the rules of its
 * {@code template_id} and reports every violation at once. Nested records (content, actions, i18n resources) keep
 * their rules in {@code Default}: Bean Validation cascades with the requested group, not the sequence element, so a
 * rule that depends on the template is declared on the message itself.
 */
final class RuleGroups {

	private RuleGroups() {
	}

	/** Rules every payload obeys, whatever its template. */
	interface Payload {

	}

	/** General templates: approval_name, content.summaries and actions required; the first action is DETAIL. */
	interface General {

	}

	/** Templates that require title_user_id. */
	interface TitleUser {

	}

	/** Templates that require comment. */
	interface Comment {

	}

	/** Quick-approval templates: action_configs and action_callback required. */
	interface QuickApproval {

	}

	/** The custom template 1021: custom_title and custom_content required. */
	interface Custom {

	}

	/** 1005, 1006, 1007, 1024. */
	interface GeneralTemplate extends Payload, General {

	}

	/** 1002, 1003, 1015, 1016, 1019, 1026. */
	interface TitleUserTemplate extends Payload, General, TitleUser {

	}

	/** 1001, 1004, 1017, 1018, 1027. */
	interface CommentTemplate extends Payload, General, TitleUser, Comment {

	}

	/** 1008, 1009-1013, 1020. */
	interface QuickApprovalTemplate extends Payload, General, TitleUser, QuickApproval {

	}

	/** 1028: quick approval without an applicant in the title. */
	interface QuickApprovalWithoutTitleUserTemplate extends Payload, General, QuickApproval {

	}

	/** 1021. */
	interface CustomTemplate extends Payload, Custom {

	}

	/**
	 * Redefines the default group of {@link ApprovalBotMessage} as its template's composite rule group. Every rule
	 * lives in one composite group (none in {@code Default}), so one validation pass reports all violations together;
	 * an unknown template gets the {@link Payload} rules, which include the template id check. Public only because
	 * Hibernate Validator instantiates it reflectively; the package-private enclosing class keeps it out of the API.
	 */
	public static final class TemplateSequence implements DefaultGroupSequenceProvider<ApprovalBotMessage> {

		@Override
		public List<Class<?>> getValidationGroups(Class<?> klass, @Nullable ApprovalBotMessage message) {
			String templateId = (message != null) ? message.templateId() : null;
			Class<?> group = (templateId != null)
					? BotTemplate.fromId(templateId).<Class<?>>map(BotTemplate::validationGroup).orElse(Payload.class)
					: Payload.class;
			return List.of(ApprovalBotMessage.class, group);
		}

	}

}
