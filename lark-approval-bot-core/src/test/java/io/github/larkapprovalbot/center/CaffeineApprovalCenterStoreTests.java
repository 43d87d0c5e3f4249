package io.github.larkapprovalbot.center;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The in-memory store passes the store contract on a fake clock; within one JVM both "instances" share it.
 */
class CaffeineApprovalCenterStoreTests extends ApprovalCenterStoreContract {

	private final AtomicLong nanos = new AtomicLong();

	private final CaffeineApprovalCenterStore store = new CaffeineApprovalCenterStore(
			CaffeineApprovalCenterStore.DEFAULT_MAX_INSTANCES, CaffeineApprovalCenterStore.DEFAULT_TIME_TO_LIVE,
			this.nanos::get);

	@Override
	protected ApprovalCenterStore store() {
		return this.store;
	}

	@Override
	protected ApprovalCenterStore secondStore() {
		return this.store;
	}

	@Override
	protected void pass(Duration duration) {
		this.nanos.addAndGet(duration.toNanos());
	}

}
