package io.github.larkapprovalbot.message;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.github.larkapprovalbot.internal.Violations;
import io.github.larkapprovalbot.message.ApprovalBotMessage.Action;
import io.github.larkapprovalbot.message.ApprovalBotMessage.ActionConfig;
import io.github.larkapprovalbot.message.ApprovalBotMessage.Content;
import io.github.larkapprovalbot.message.I18nResource;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import org.jspecify.annotations.Nullable;

/**
 * Every text field the API documents as an i18n key starts with {@code @i18n@} and has a text in the default
 * locale, exactly one of {@code i18n_resources} is the default, and the default holds every key the other locales
 * have.
 */
@Constraint(validatedBy = { I18nKeysResolved.MessageValidator.class, I18nKeysResolved.UpdateValidator.class })
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@interface I18nKeysResolved {

	String message() default "i18n keys must resolve in the default locale";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	/** Checks {@link I18nKeysResolved} on a send body. */
	final class MessageValidator implements ConstraintValidator<I18nKeysResolved, ApprovalBotMessage> {

		@Override
		public boolean isValid(ApprovalBotMessage message, ConstraintValidatorContext context) {
			if (message.i18nResources() == null || message.i18nResources().isEmpty()) {
				return true; // reported once, as i18n_resources being required
			}
			KeyCheck check = new KeyCheck(context, message.i18nResources());
			check.key(message.approvalName(), "approvalName");
			check.key(message.comment(), "comment");
			check.key(message.note(), "note");
			check.key(message.customTitle(), "customTitle");
			check.key(message.customContent(), "customContent");
			Content content = message.content();
			if (content != null) {
				check.key(content.userName(), "content", "userName");
				check.key(content.departmentName(), "content", "departmentName");
				List<ApprovalBotMessage.Summary> summaries = (content.summaries() != null) ? content.summaries()
						: List.of();
				for (int i = 0; i < summaries.size(); i++) {
					if (summaries.get(i) != null) {
						check.key(summaries.get(i).summary(), "content", "summaries", i, "summary");
					}
				}
			}
			boolean custom = BotTemplate.fromId(Objects.requireNonNullElse(message.templateId(), ""))
				.map(BotTemplate::isCustom)
				.orElse(false);
			List<Action> actions = (message.actions() != null) ? message.actions() : List.of();
			for (int i = 0; i < actions.size(); i++) {
				Action action = actions.get(i);
				boolean detail = !custom && i == 0 && action != null
						&& ApprovalBotMessage.DETAIL.equals(action.actionName());
				if (action != null && !detail) {
					check.key(action.actionName(), "actions", i, "actionName");
				}
			}
			List<ActionConfig> configs = (message.actionConfigs() != null) ? message.actionConfigs() : List.of();
			for (int i = 0; i < configs.size(); i++) {
				if (configs.get(i) != null) {
					check.key(configs.get(i).actionName(), "actionConfigs", i, "actionName");
				}
			}
			return check.valid;
		}

	}

	/** Checks {@link I18nKeysResolved} on an update body. */
	final class UpdateValidator implements ConstraintValidator<I18nKeysResolved, ApprovalBotMessageUpdate> {

		@Override
		public boolean isValid(ApprovalBotMessageUpdate update, ConstraintValidatorContext context) {
			KeyCheck check = new KeyCheck(context, update.i18nResources());
			check.key(update.statusName(), "statusName");
			check.key(update.detailActionName(), "detailActionName");
			return check.valid;
		}

	}

	/** Resolves keys against the default resource, reporting each failure at its field. */
	final class KeyCheck {

		private static final String PREFIX = "@i18n@";

		private final ConstraintValidatorContext context;

		private final @Nullable I18nResource defaultResource;

		private boolean valid = true;

		KeyCheck(ConstraintValidatorContext context, @Nullable List<@Nullable I18nResource> resources) {
			this.context = context;
			List<I18nResource> defaults = new ArrayList<>();
			if (resources != null) {
				for (I18nResource resource : resources) {
					if (resource != null && Boolean.TRUE.equals(resource.isDefault())) {
						defaults.add(resource);
					}
				}
				if (!resources.isEmpty() && defaults.size() != 1) {
					fail("exactly one resource must have is_default true, found " + defaults.size(), "i18nResources");
				}
			}
			this.defaultResource = defaults.isEmpty() ? null : defaults.get(0);
			if (resources != null && defaults.size() == 1) {
				keysOutsideTheDefault(resources, defaults.get(0));
			}
		}

		/** Lark: "默认语言需要包含所有key", the default language must contain every key. */
		private void keysOutsideTheDefault(List<@Nullable I18nResource> resources, I18nResource defaultResource) {
			Map<String, String> defaults = (defaultResource.texts() != null) ? defaultResource.texts() : Map.of();
			for (int i = 0; i < resources.size(); i++) {
				I18nResource resource = resources.get(i);
				if (resource == null || resource == defaultResource || resource.texts() == null) {
					continue;
				}
				List<String> extra = resource.texts().keySet().stream().filter((key) -> !defaults.containsKey(key))
					.toList();
				if (!extra.isEmpty()) {
					fail("has " + String.join(", ", extra) + ", which the default locale " + defaultResource.locale()
							+ " lacks: the default locale must contain every key", "i18nResources", i, "texts");
				}
			}
		}

		void key(@Nullable String value, Object... path) {
			if (value == null || value.isEmpty()) {
				return;
			}
			if (!value.startsWith(PREFIX)) {
				fail("must be an i18n key starting with @i18n@, with its text in i18n_resources", path);
			}
			else if (this.defaultResource == null) {
				fail("has no text: i18n_resources has no default locale", path);
			}
			else if (this.defaultResource.texts() == null || !this.defaultResource.texts().containsKey(value)) {
				fail("has no text for " + value + " in the default locale " + this.defaultResource.locale(), path);
			}
		}

		private void fail(String message, Object... path) {
			Violations.report(this.context, message, path);
			this.valid = false;
		}

	}

}
