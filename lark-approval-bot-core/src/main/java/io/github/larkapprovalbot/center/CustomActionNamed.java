package io.github.larkapprovalbot.center;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.github.larkapprovalbot.internal.Violations;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import org.springframework.util.StringUtils;

/**
 * A custom action (neither APPROVE nor REJECT) has a name.
 */
@Constraint(validatedBy = CustomActionNamed.Validator.class)
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@interface CustomActionNamed {

	String message() default "is required for a custom action_type";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	/** Checks {@link CustomActionNamed}. */
	final class Validator implements ConstraintValidator<CustomActionNamed, ExternalInstance.ActionConfig> {

		@Override
		public boolean isValid(ExternalInstance.ActionConfig action, ConstraintValidatorContext context) {
			if (action.actionType() == null || action.isBuiltIn() || StringUtils.hasText(action.actionName())) {
				return true;
			}
			Violations.report(context, "is required for the custom action_type " + action.actionType(), "actionName");
			return false;
		}

	}

}
