package io.github.larkapprovalbot.autoconfigure;

import java.util.List;

/**
 * The Lark apps configured under {@code lark.approval-bot.apps} cannot all run: a property of one is invalid, or two
 * clash (one app id, one callback path).
 */
class InvalidLarkAppsException extends IllegalStateException {

	private final List<String> problems;

	InvalidLarkAppsException(List<String> problems) {
		super("Invalid Lark apps: " + String.join("; ", problems));
		this.problems = List.copyOf(problems);
	}

	/**
	 * Returns each problem, naming the property or the apps.
	 * @return the problems
	 */
	List<String> problems() {
		return this.problems;
	}

}
