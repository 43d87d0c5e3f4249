package io.github.larkapprovalbot.autoconfigure;

import io.github.larkapprovalbot.ApprovalBotMessengerBuilder;

/**
 * Customizes the auto-configured {@link io.github.larkapprovalbot.ApprovalBotMessenger} of every configured Lark app
 * before it is built, after the properties are applied. Beans of this type are applied in order. To customize each app
 * its own way, override {@link #customize(String, ApprovalBotMessengerBuilder)}.
 */
@FunctionalInterface
public interface ApprovalBotMessengerBuilderCustomizer {

	/**
	 * Customizes the builder of an app.
	 * @param builder the builder
	 */
	void customize(ApprovalBotMessengerBuilder builder);

	/**
	 * Customizes the builder of the named app; calls {@link #customize(ApprovalBotMessengerBuilder)} unless
	 * overridden.
	 * @param app the app's configured name ({@code default} for the top-level app)
	 * @param builder the builder
	 */
	default void customize(String app, ApprovalBotMessengerBuilder builder) {
		customize(builder);
	}

}
