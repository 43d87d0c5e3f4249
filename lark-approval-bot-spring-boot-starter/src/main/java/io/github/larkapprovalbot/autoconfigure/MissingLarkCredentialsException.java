package io.github.larkapprovalbot.autoconfigure;

import java.util.List;

/**
 * The auto-configuration is on (an app id key is present) but a credential is blank or missing.
 */
class MissingLarkCredentialsException extends IllegalStateException {

	private final List<String> missingKeys;

	MissingLarkCredentialsException(List<String> missingKeys) {
		super("Lark approval bot credentials are not set: " + String.join(", ", missingKeys));
		this.missingKeys = List.copyOf(missingKeys);
	}

	/**
	 * Returns the property keys to set.
	 * @return the keys, for example {@code lark.approval-bot.app-secret}
	 */
	List<String> getMissingKeys() {
		return this.missingKeys;
	}

}
