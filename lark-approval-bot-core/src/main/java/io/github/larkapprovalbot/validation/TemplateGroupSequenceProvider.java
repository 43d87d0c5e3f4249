package io.github.larkapprovalbot.validation;

import java.util.List;

import io.github.larkapprovalbot.message.ApprovalBotMessage;
import io.github.larkapprovalbot.message.BotTemplate;
import org.hibernate.validator.spi.group.DefaultGroupSequenceProvider;
import org.jspecify.annotations.Nullable;

/**
 * Redefines the default group of {@link ApprovalBotMessage} as its template's composite rule group. Every rule lives
 * in one composite group (none in {@code Default}), so one validation pass reports all violations together; an
 * unknown template gets the {@link RuleGroups.Payload} rules, which include the template id check.
 */
public final class TemplateGroupSequenceProvider implements DefaultGroupSequenceProvider<ApprovalBotMessage> {

	@Override
	public List<Class<?>> getValidationGroups(Class<?> klass, @Nullable ApprovalBotMessage message) {
		Class<?> group = (message != null && message.templateId() != null)
				? BotTemplate.fromId(message.templateId()).<Class<?>>map(BotTemplate::validationGroup)
					.orElse(RuleGroups.Payload.class)
				: RuleGroups.Payload.class;
		return List.of(ApprovalBotMessage.class, group);
	}

}
