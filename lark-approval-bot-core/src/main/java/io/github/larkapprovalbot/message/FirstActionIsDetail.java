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
 * On general templates the first action is the detail link, named {@code DETAIL}.
 */
@Constraint(validatedBy = FirstActionIsDetail.Validator.class)
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@interface FirstActionIsDetail {

	String message() default "the first action must be named DETAIL";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	/** Checks {@link FirstActionIsDetail}. */
	final class Validator implements ConstraintValidator<FirstActionIsDetail, ApprovalBotMessage> {

		@Override
		public boolean isValid(ApprovalBotMessage message, ConstraintValidatorContext context) {
			if (message.actions() == null || message.actions().isEmpty() || message.actions().get(0) == null
					|| ApprovalBotMessage.DETAIL.equals(message.actions().get(0).actionName())) {
				return true;
			}
			Violations.report(context, "the first action must be named DETAIL", "actions", 0, "actionName");
			return false;
		}

	}

}
