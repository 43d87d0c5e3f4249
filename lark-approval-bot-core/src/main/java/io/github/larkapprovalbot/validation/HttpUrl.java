package io.github.larkapprovalbot.validation;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.URI;
import java.net.URISyntaxException;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import org.jspecify.annotations.Nullable;

/**
 * An absolute {@code http} or {@code https} URL with a host and no surrounding whitespace (Lark ignores links
 * without a scheme, and the documentation's own {@code " https://..."} example would not open). {@code null} is
 * valid; combine with {@code @NotNull}.
 */
@Constraint(validatedBy = HttpUrl.Validator.class)
@Target({ ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE_USE })
@Retention(RetentionPolicy.RUNTIME)
public @interface HttpUrl {

	/** The rule in words, as violations and refused settings state it. */
	String RULE = "must be an absolute http(s) URL with no surrounding whitespace";

	/**
	 * The violation's message.
	 * @return the message, {@link #RULE} by default
	 */
	String message() default RULE;

	/**
	 * The validation groups the constraint belongs to.
	 * @return the groups
	 */
	Class<?>[] groups() default {};

	/**
	 * The payload of the constraint, for the clients of the Bean Validation API.
	 * @return the payload
	 */
	Class<? extends Payload>[] payload() default {};

	/** Checks {@link HttpUrl}. */
	final class Validator implements ConstraintValidator<HttpUrl, String> {

		@Override
		public boolean isValid(@Nullable String value, ConstraintValidatorContext context) {
			return value == null || isHttpUrl(value);
		}

		/**
		 * The rule itself, for settings checked without Bean Validation.
		 * @param value the text
		 * @return whether it is an absolute http(s) URL with a host and no surrounding whitespace
		 */
		public static boolean isHttpUrl(String value) {
			if (!value.equals(value.strip())) {
				return false;
			}
			try {
				URI uri = new URI(value);
				String scheme = uri.getScheme();
				return ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme)) && uri.getHost() != null;
			}
			catch (URISyntaxException ex) {
				return false;
			}
		}

	}

}
