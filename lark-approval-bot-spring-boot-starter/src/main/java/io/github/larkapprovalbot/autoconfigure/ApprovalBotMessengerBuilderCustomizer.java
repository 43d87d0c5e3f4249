package io.github.larkapprovalbot.autoconfigure;

import io.github.larkapprovalbot.ApprovalBotMessengerBuilder;

/**
 * Customizes the auto-configured {@link io.github.larkapprovalbot.ApprovalBotMessenger} before it is built, after
 * the properties are applied. Beans of this type are applied in order.
 */
@FunctionalInterface
public interface ApprovalBotMessengerBuilderCustomizer {

	/**
	 * Customizes the builder.
	 * @param builder the builder
	 */
	void customize(ApprovalBotMessengerBuilder builder);

}
