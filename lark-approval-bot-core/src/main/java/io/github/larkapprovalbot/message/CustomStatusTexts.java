package io.github.larkapprovalbot.message;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.github.larkapprovalbot.internal.Violations;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * {@code status_name} and {@code detail_action_name} apply only to the {@code CUSTOM} status.
 */
@Constraint(validatedBy = CustomStatusTexts.Validator.class)
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@interface CustomStatusTexts {

	String message() default "is allowed only with status CUSTOM";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	/** Checks {@link CustomStatusTexts}. */
	final class Validator implements ConstraintValidator<CustomStatusTexts, ApprovalBotMessageUpdate> {

		@Override
		public boolean isValid(ApprovalBotMessageUpdate update, ConstraintValidatorContext context) {
			// An unknown status is reported by its own rule; custom texts are judged against a known status only.
			if (update.status() == null || !update.status().matches(MessageStatus.PATTERN)
					|| MessageStatus.CUSTOM.name().equals(update.status())) {
				return true;
			}
			boolean valid = true;
			if (update.statusName() != null) {
				Violations.report(context, "is allowed only with status CUSTOM", "statusName");
				valid = false;
			}
			if (update.detailActionName() != null) {
				Violations.report(context, "is allowed only with status CUSTOM", "detailActionName");
				valid = false;
			}
			return valid;
		}

	}

}
