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
 * General templates show at least one summary ({@code content.summaries}). Declared on the message rather than on
 * {@code Content} because cascaded beans are validated with the {@code Default} group, which does not know the
 * template.
 */
@Constraint(validatedBy = SummariesRequired.Validator.class)
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@interface SummariesRequired {

	String message() default "must not be empty";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	/** Checks {@link SummariesRequired}. */
	final class Validator implements ConstraintValidator<SummariesRequired, ApprovalBotMessage> {

		@Override
		public boolean isValid(ApprovalBotMessage message, ConstraintValidatorContext context) {
			ApprovalBotMessage.Content content = message.content();
			if (content == null || (content.summaries() != null && !content.summaries().isEmpty())) {
				return true;
			}
			Violations.report(context, "must not be empty", "content", "summaries");
			return false;
		}

	}

}
