package io.github.larkapprovalbot.autoconfigure.template;

import java.util.List;

/**
 * One or more {@code @LarkCardTemplate} types in the application's packages cannot be sent as they are.
 */
class InvalidCardTemplatesException extends IllegalStateException {

	private final List<String> problems;

	InvalidCardTemplatesException(List<String> problems) {
		super(String.join("\n", problems));
		this.problems = List.copyOf(problems);
	}

	/**
	 * Returns one entry per card type: the class, its template and what is wrong with it.
	 * @return the problems
	 */
	List<String> problems() {
		return this.problems;
	}

}
