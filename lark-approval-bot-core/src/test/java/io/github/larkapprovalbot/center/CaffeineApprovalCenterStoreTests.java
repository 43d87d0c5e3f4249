package io.github.larkapprovalbot.center;

/**
 * The in-memory store passes the store contract; within one JVM both "instances" share it.
 */
class CaffeineApprovalCenterStoreTests extends ApprovalCenterStoreContract {

	private final CaffeineApprovalCenterStore store = new CaffeineApprovalCenterStore();

	@Override
	protected ApprovalCenterStore store() {
		return this.store;
	}

	@Override
	protected ApprovalCenterStore secondStore() {
		return this.store;
	}

}
