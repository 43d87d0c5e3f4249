package io.github.larkapprovalbot.validation;

import java.util.Comparator;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validation;
import jakarta.validation.Validator;

/**
 * Validates payloads before they are sent and reports every violation at once, naming each by its JSON path
 * ({@code actions[0].url}, {@code content.summaries}) and the rule in words.
 */
public final class PayloadValidator {

	private static final Pattern CAMEL_HUMP = Pattern.compile("(?<=[a-z0-9])([A-Z])");

	private final Validator validator;

	/**
	 * Creates a payload validator on a Bean Validation {@link Validator}, for example the one of a Spring context.
	 * @param validator the validator
	 */
	public PayloadValidator(Validator validator) {
		this.validator = validator;
	}

	/**
	 * Creates a payload validator on the default Bean Validation provider (Hibernate Validator).
	 * @return the payload validator
	 */
	public static PayloadValidator createDefault() {
		return new PayloadValidator(DefaultValidator.INSTANCE);
	}

	/**
	 * Validates a payload with its rules.
	 * @param <T> the payload type
	 * @param payload the payload
	 * @return the payload, when valid
	 * @throws ConstraintViolationException with every violation, when invalid
	 */
	public <T> T validate(T payload) {
		Set<ConstraintViolation<T>> violations = this.validator.validate(payload);
		if (!violations.isEmpty()) {
			throw new ConstraintViolationException(describe(payload.getClass(), violations), violations);
		}
		return payload;
	}

	/**
	 * Returns the JSON path of a violation: the Bean Validation property path with wire (snake_case) names.
	 * @param violation the violation
	 * @return the JSON path, for example {@code action_configs[1].action_name}
	 */
	public static String jsonPath(ConstraintViolation<?> violation) {
		String path = violation.getPropertyPath().toString();
		StringBuilder json = new StringBuilder(path.length() + 8);
		int depth = 0;
		for (String part : path.split("(?=[\\[\\]<>])|(?<=[\\[\\]<>])")) {
			if (part.equals("[") || part.equals("<")) {
				depth++;
			}
			else if (part.equals("]") || part.equals(">")) {
				depth--;
			}
			else if (depth == 0) {
				Matcher matcher = CAMEL_HUMP.matcher(part);
				part = matcher.replaceAll((m) -> "_" + m.group(1).toLowerCase(Locale.ROOT));
			}
			json.append(part);
		}
		return json.toString();
	}

	private static String describe(Class<?> type, Set<? extends ConstraintViolation<?>> violations) {
		return type.getSimpleName() + " is invalid: " + violations.stream()
			.map((violation) -> jsonPath(violation) + ": " + violation.getMessage())
			.sorted(Comparator.naturalOrder())
			.collect(Collectors.joining("; "));
	}

	/** The default provider's validator, built once on first use. */
	private static final class DefaultValidator {

		static final Validator INSTANCE = Validation.buildDefaultValidatorFactory().getValidator();

	}

}
