package io.github.larkapprovalbot.message;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.github.larkapprovalbot.internal.Violations;
import io.github.larkapprovalbot.message.ApprovalBotMessage.ActionConfig;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import org.springframework.util.StringUtils;

/**
 * A quick-approval action whose type is neither APPROVE nor REJECT needs an {@code action_name}.
 */
@Constraint(validatedBy = ActionNameForCustomType.Validator.class)
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@interface ActionNameForCustomType {

	String message() default "is required when action_type is not APPROVE or REJECT";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	/** Checks {@link ActionNameForCustomType}. */
	final class Validator implements ConstraintValidator<ActionNameForCustomType, ActionConfig> {

		@Override
		public boolean isValid(ActionConfig config, ConstraintValidatorContext context) {
			String type = config.actionType();
			if (type == null || ActionConfig.APPROVE.equals(type) || ActionConfig.REJECT.equals(type)
					|| StringUtils.hasText(config.actionName())) {
				return true;
			}
			Violations.report(context, "is required when action_type is not APPROVE or REJECT", "actionName");
			return false;
		}

	}

}
