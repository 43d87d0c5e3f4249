package io.github.larkapprovalbot.card;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.charset.StandardCharsets;

import io.github.larkapprovalbot.internal.JsonObjects;
import io.github.larkapprovalbot.internal.Violations;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import org.jspecify.annotations.Nullable;

/**
 * A serialized message card: a JSON object of at most {@link #maxBytes()} UTF-8 bytes (30 KB for card patches).
 * {@code null} is valid; combine with {@code @NotBlank}.
 */
@Constraint(validatedBy = CardJson.Validator.class)
@Target({ ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER })
@Retention(RetentionPolicy.RUNTIME)
@interface CardJson {

	/** 30 KB, the card size limit of {@code PATCH /open-apis/im/v1/messages/:message_id}. */
	int PATCH_LIMIT = 30 * 1024;

	String message() default "must be a card JSON object of at most {maxBytes} bytes";

	int maxBytes() default PATCH_LIMIT;

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	/** Checks {@link CardJson}. */
	final class Validator implements ConstraintValidator<CardJson, String> {

		private int maxBytes;

		@Override
		public void initialize(CardJson annotation) {
			this.maxBytes = annotation.maxBytes();
		}

		@Override
		public boolean isValid(@Nullable String value, ConstraintValidatorContext context) {
			if (value == null) {
				return true;
			}
			int bytes = value.getBytes(StandardCharsets.UTF_8).length;
			if (bytes > this.maxBytes) {
				Violations.report(context, "is " + bytes + " bytes; a card may be at most " + this.maxBytes
						+ " bytes (30 KB)");
				return false;
			}
			if (JsonObjects.parse(value) == null) {
				Violations.report(context, "must be a card JSON object");
				return false;
			}
			return true;
		}

	}

}
