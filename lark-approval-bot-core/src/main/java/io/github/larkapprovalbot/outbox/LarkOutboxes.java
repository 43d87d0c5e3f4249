package io.github.larkapprovalbot.outbox;

import java.util.Map;

import io.github.larkapprovalbot.apps.AppRegistry;

/**
 * The outbox of every Lark app that has one, by app name, as {@link io.github.larkapprovalbot.ApprovalBotMessengers}
 * holds their messengers: {@value AppRegistry#DEFAULT_APP} is the top-level app's.
 */
public final class LarkOutboxes extends AppRegistry<LarkOutbox> {

	/**
	 * Creates the registry.
	 * @param outboxes each app's outbox, by app name
	 */
	public LarkOutboxes(Map<String, ? extends LarkOutbox> outboxes) {
		super("outbox", outboxes);
	}

}
