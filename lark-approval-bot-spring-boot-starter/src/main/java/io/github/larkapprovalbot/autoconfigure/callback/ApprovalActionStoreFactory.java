package io.github.larkapprovalbot.autoconfigure.callback;

import io.github.larkapprovalbot.autoconfigure.LarkApprovalBotProperties;
import io.github.larkapprovalbot.callback.ApprovalActionStore;

/**
 * Makes the {@link ApprovalActionStore} of a named app that the application does not give one of its own (a bean
 * qualified with the app's name): in memory by default, in Redis with {@code store=redis}.
 */
@FunctionalInterface
public interface ApprovalActionStoreFactory {

	/**
	 * Makes an app's store.
	 * @param app the app's configured name
	 * @param properties the app's properties
	 * @return the store, for that app alone
	 */
	ApprovalActionStore create(String app, LarkApprovalBotProperties properties);

}
