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
import org.springframework.util.StringUtils;

/**
 * A message names its recipient by {@code user_id} or {@code open_id}.
 */
@Constraint(validatedBy = RecipientRequired.Validator.class)
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@interface RecipientRequired {

	String message() default "user_id or open_id is required";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	/** Checks {@link RecipientRequired}. */
	final class Validator implements ConstraintValidator<RecipientRequired, ApprovalBotMessage> {

		@Override
		public boolean isValid(ApprovalBotMessage message, ConstraintValidatorContext context) {
			if (StringUtils.hasText(message.userId()) || StringUtils.hasText(message.openId())) {
				return true;
			}
			Violations.report(context, "user_id or open_id is required", "userId");
			return false;
		}

	}

}
