package io.github.larkapprovalbot.callback;

import java.time.Duration;

/**
 * The in-memory store keeps the store contract.
 */
class CaffeineApprovalActionStoreTests extends ApprovalActionStoreContract {

	private final CaffeineApprovalActionStore store = new CaffeineApprovalActionStore(Duration.ofMinutes(10), 10_000);

	@Override
	protected ApprovalActionStore store() {
		return this.store;
	}

}
