package io.github.larkapprovalbot.message;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.github.larkapprovalbot.internal.Violations;
import io.github.larkapprovalbot.message.ApprovalBotMessage.Content;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import org.springframework.util.StringUtils;

/**
 * {@code content.department_id} is required when {@code content.user_id} names an applicant.
 */
@Constraint(validatedBy = ApplicantDepartment.Validator.class)
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@interface ApplicantDepartment {

	String message() default "is required when user_id is given";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	/** Checks {@link ApplicantDepartment}. */
	final class Validator implements ConstraintValidator<ApplicantDepartment, Content> {

		@Override
		public boolean isValid(Content content, ConstraintValidatorContext context) {
			if (!StringUtils.hasText(content.userId()) || StringUtils.hasText(content.departmentId())) {
				return true;
			}
			Violations.report(context, "is required when user_id is given", "departmentId");
			return false;
		}

	}

}
