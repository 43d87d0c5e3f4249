package io.github.larkapprovalbot.autoconfigure;

import java.util.Comparator;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.bind.validation.ValidationErrors;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.origin.Origin;
import org.springframework.core.Ordered;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;

/**
 * Explains {@code lark.approval-bot.*} properties that failed validation, every one in one box and each by its
 * property name ({@code lark.approval-bot.rate-limit.send-per-second}). Spring Boot's own analysis of bind
 * validation names multi-word properties by their Java field ({@code rateLimit.sendPerSecond}), which is not what a
 * user can search their configuration for; this one runs first and leaves other prefixes to Boot's.
 */
class InvalidLarkPropertiesFailureAnalyzer extends AbstractFailureAnalyzer<BindValidationException>
		implements Ordered {

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	protected @Nullable FailureAnalysis analyze(Throwable rootFailure, BindValidationException cause) {
		ValidationErrors errors = cause.getValidationErrors();
		String prefix = errors.getName().toString();
		if (!prefix.startsWith(LarkApprovalBotProperties.PREFIX)) {
			return null;
		}
		List<Problem> problems = errors.getAllErrors()
			.stream()
			.map((error) -> Problem.of(prefix, error, errors))
			.sorted(Comparator.comparing(Problem::property))
			.toList();
		StringBuilder description = new StringBuilder("Invalid Lark approval bot configuration:\n");
		problems.forEach((problem) -> problem.describeTo(description));
		return new FailureAnalysis(description.toString(),
				"Update the properties above in your application's configuration.", cause);
	}

	/**
	 * Returns the name a user finds in their configuration for a field of the properties.
	 * @param prefix the properties' prefix
	 * @param field the field path, for example {@code rateLimit[card-patch].perSecond}
	 * @return the property name, for example {@code <prefix>.rate-limit.card-patch.per-second}
	 */
	static String propertyName(String prefix, String field) {
		StringBuilder property = new StringBuilder(prefix);
		// A map key is a segment of the property name as it is.
		for (String segment : field.split("\\.|\\[|\\]\\.?")) {
			if (!segment.isEmpty()) {
				property.append('.').append(DataObjectPropertyName.toDashedForm(segment));
			}
		}
		return property.toString();
	}

	private record Problem(String property, @Nullable Object value, @Nullable Origin origin, String reason) {

		static Problem of(String prefix, ObjectError error, ValidationErrors errors) {
			String reason = String.valueOf(error.getDefaultMessage());
			if (!(error instanceof FieldError field)) {
				return new Problem(prefix, null, null, reason);
			}
			String name = propertyName(prefix, field.getField());
			ConfigurationProperty bound = errors.getBoundProperties()
				.stream()
				.filter((candidate) -> candidate.getName().toString().equals(name))
				.findFirst()
				.orElse(null);
			Object value = (bound != null) ? bound.getValue() : field.getRejectedValue();
			if (value != null && LarkBuilderMapping.isSecret(field.getField())) {
				// A secret is never shown, not even a wrong one.
				value = "******";
			}
			return new Problem(name, value, (bound != null) ? bound.getOrigin() : Origin.from(field), reason);
		}

		void describeTo(StringBuilder description) {
			description.append("\n    Property: ").append(this.property).append('\n');
			if (this.value != null) {
				description.append("    Value: \"").append(this.value).append("\"\n");
			}
			if (this.origin != null) {
				description.append("    Origin: ").append(this.origin).append('\n');
			}
			description.append("    Reason: ").append(this.reason).append('\n');
		}

	}

}
