package io.github.larkapprovalbot.message;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import org.jspecify.annotations.Nullable;

/**
 * A template id from the documented table ({@link BotTemplate}). {@code null} is valid.
 */
@Constraint(validatedBy = KnownTemplate.Validator.class)
@Target({ ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER })
@Retention(RetentionPolicy.RUNTIME)
@interface KnownTemplate {

	String message() default "must be a documented template id: 1001-1013, 1015-1020, 1021, 1024, 1026, 1027 or 1028";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	/** Checks {@link KnownTemplate}. */
	final class Validator implements ConstraintValidator<KnownTemplate, String> {

		@Override
		public boolean isValid(@Nullable String value, ConstraintValidatorContext context) {
			return value == null || BotTemplate.fromId(value).isPresent();
		}

	}

}
