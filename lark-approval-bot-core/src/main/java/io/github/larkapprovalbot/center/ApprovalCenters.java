package io.github.larkapprovalbot.center;

import java.util.Map;

import io.github.larkapprovalbot.apps.AppRegistry;

/**
 * The approval center of every configured Lark app, by app name, as
 * {@link io.github.larkapprovalbot.ApprovalBotMessengers} holds their messengers: {@value AppRegistry#DEFAULT_APP} is
 * the top-level app's, the one an unqualified {@link ApprovalCenter} injection gets.
 */
public final class ApprovalCenters extends AppRegistry<ApprovalCenter> {

	/**
	 * Creates the registry.
	 * @param centers each app's approval center, by app name
	 */
	public ApprovalCenters(Map<String, ? extends ApprovalCenter> centers) {
		super("approval center", centers);
	}

}
