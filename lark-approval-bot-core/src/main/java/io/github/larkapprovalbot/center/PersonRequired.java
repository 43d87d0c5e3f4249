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
import org.jspecify.annotations.Nullable;
import org.springframework.util.StringUtils;

/**
 * A task or a CC names its person by user_id or open_id.
 */
@Constraint(validatedBy = PersonRequired.Validator.class)
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@interface PersonRequired {

	String message() default "user_id or open_id is required";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	/** Who the person is, for the message. */
	String who();

	/** What names a person. */
	interface Person {

		/**
		 * The person's user_id.
		 * @return the user_id, or {@code null}
		 */
		@Nullable String userId();

		/**
		 * The person's open_id.
		 * @return the open_id, or {@code null}
		 */
		@Nullable String openId();

	}

	/** Checks {@link PersonRequired}. */
	final class Validator implements ConstraintValidator<PersonRequired, Person> {

		private String who = "";

		@Override
		public void initialize(PersonRequired annotation) {
			this.who = annotation.who();
		}

		@Override
		public boolean isValid(Person person, ConstraintValidatorContext context) {
			if (StringUtils.hasText(person.userId()) || StringUtils.hasText(person.openId())) {
				return true;
			}
			Violations.report(context, "user_id or open_id of the " + this.who + " is required", "userId");
			return false;
		}

	}

}
