package io.github.larkapprovalbot.internal;

import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.ConstraintValidatorContext.ConstraintViolationBuilder;
import jakarta.validation.ConstraintValidatorContext.ConstraintViolationBuilder.NodeBuilderCustomizableContext;
import jakarta.validation.ConstraintValidatorContext.ConstraintViolationBuilder.NodeBuilderDefinedContext;
import org.jspecify.annotations.Nullable;

/**
 * Reports a violation of a class-level rule at the property it concerns, for the constraint validators of every
 * payload package.
 */
public final class Violations {

	private Violations() {
	}

	/**
	 * Adds a violation at a path below the validated bean.
	 * @param context the validator context
	 * @param message the rule in words
	 * @param path property names; an {@code Integer} before a name is the index of the element that name is in
	 */
	public static void report(ConstraintValidatorContext context, String message, Object... path) {
		context.disableDefaultConstraintViolation();
		ConstraintViolationBuilder builder = context.buildConstraintViolationWithTemplate(escape(message));
		NodeBuilderCustomizableContext node = null;
		NodeBuilderDefinedContext indexed = null;
		Integer index = null;
		for (Object segment : path) {
			if (segment instanceof Integer i) {
				index = i;
				continue;
			}
			String name = (String) segment;
			node = (indexed != null) ? indexed.addPropertyNode(name)
					: (node != null) ? node.addPropertyNode(name) : builder.addPropertyNode(name);
			indexed = (index != null) ? node.inIterable().atIndex(index) : null;
			index = null;
		}
		if (indexed != null) {
			indexed.addConstraintViolation();
		}
		else if (node != null) {
			node.addConstraintViolation();
		}
		else {
			builder.addConstraintViolation();
		}
	}

	private static String escape(String message) {
		return message.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}").replace("$", "\\$");
	}

}
