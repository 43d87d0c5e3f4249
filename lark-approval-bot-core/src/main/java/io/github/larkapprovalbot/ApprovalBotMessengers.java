package io.github.larkapprovalbot;

import java.util.Map;

import io.github.larkapprovalbot.apps.AppRegistry;

/**
 * The messenger of every configured Lark app, by app name: a service that sends for several apps (a Feishu tenant and
 * a Lark one, one bot per business line) picks the app per call with {@link #get(String)}. The Spring Boot starter
 * provides it as a bean; {@value AppRegistry#DEFAULT_APP} is the top-level app's messenger, the one an unqualified
 * {@link ApprovalBotMessenger} injection gets.
 */
public final class ApprovalBotMessengers extends AppRegistry<ApprovalBotMessenger> implements AutoCloseable {

	/**
	 * Creates the registry.
	 * @param messengers each app's messenger, by app name
	 */
	public ApprovalBotMessengers(Map<String, ? extends ApprovalBotMessenger> messengers) {
		super("messenger", messengers);
	}

	/** Closes every app's messenger (closing one twice does nothing more). */
	@Override
	public void close() {
		all().values().forEach(ApprovalBotMessenger::close);
	}

}
