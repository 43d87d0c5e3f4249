package io.github.larkapprovalbot.rendering;

import java.util.List;

/**
 * One or more {@code @LarkCardTemplate} types in the application's packages cannot be sent as they are.
 */
public class InvalidCardTemplatesException extends IllegalStateException {

	/** One entry per card type: the class, its template and what is wrong with it. */
	private final List<String> problems;

	/**
	 * Creates the exception; its message lists the problems, one a line.
	 * @param problems the problems found, one entry per card type
	 */
	public InvalidCardTemplatesException(List<String> problems) {
		super(String.join("\n", problems));
		this.problems = List.copyOf(problems);
	}

	/**
	 * Returns one entry per card type: the class, its template and what is wrong with it.
	 * @return the problems
	 */
	public List<String> problems() {
		return this.problems;
	}

}
