package io.github.larkapprovalbot.autoconfigure.center;

import io.github.larkapprovalbot.autoconfigure.LarkApprovalBotProperties;
import io.github.larkapprovalbot.center.ApprovalCenterStore;

/**
 * Makes the {@link ApprovalCenterStore} of an app that the application does not give one of its own (a bean qualified
 * with the app's name, or an unqualified one for the top-level app): in memory by default, in Redis with
 * {@code store=redis}.
 */
@FunctionalInterface
public interface ApprovalCenterStoreFactory {

	/**
	 * Makes an app's store.
	 * @param app the app's configured name
	 * @param properties the app's properties
	 * @return the store, for that app alone
	 */
	ApprovalCenterStore create(String app, LarkApprovalBotProperties properties);

}
