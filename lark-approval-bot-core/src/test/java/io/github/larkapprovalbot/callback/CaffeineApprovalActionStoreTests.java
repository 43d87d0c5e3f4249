package io.github.larkapprovalbot.callback;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import io.github.larkapprovalbot.callback.ApprovalActionStore.Claim;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The in-memory store keeps the store contract, on a fake clock, and stays within its bound in bytes.
 */
class CaffeineApprovalActionStoreTests extends ApprovalActionStoreContract {

	private final AtomicLong nanos = new AtomicLong();

	private final CaffeineApprovalActionStore store = new CaffeineApprovalActionStore(
			CaffeineApprovalActionStore.DEFAULT_MAX_BYTES, this.nanos::get);

	@Override
	protected ApprovalActionStore store() {
		return this.store;
	}

	@Override
	protected void pass(Duration duration) {
		this.nanos.addAndGet(duration.toNanos());
	}

	@Test
	void theBoundIsInBytesAndEvictsOnlyTheOldestOutcomes() {
		CaffeineApprovalActionStore small = new CaffeineApprovalActionStore(100_000, this.nanos::get);
		// A click whose handlers run long: never evicted, however many outcomes come after it.
		String running = hash("running");
		assertThat(small.claim(running, Duration.ofHours(1)).block()).isInstanceOf(Claim.Won.class);
		String message = "x".repeat(200);
		for (int i = 0; i < 2_000; i++) {
			Claim.Won won = (Claim.Won) small.claim(hash("click-" + i), Duration.ofHours(1)).block();
			small.complete(won, CallbackAnswer.failure(500, message), Duration.ofHours(1)).block();
		}
		long size = small.size();
		// An outcome with a 200-character message weighs about 700 bytes: some 140 fit in 100,000.
		assertThat(size).isBetween(100L, 200L);
		assertThat(small.evictedOutcomes()).isEqualTo(2_001 - size);
		assertThat(small.claim(running, Duration.ofHours(1)).block()).isEqualTo(new Claim.Running(running));
		assertThat(small.claim(hash("click-1999"), Duration.ofHours(1)).block()).isInstanceOf(Claim.Done.class);
	}

	private static String hash(String name) {
		return UUID.nameUUIDFromBytes(name.getBytes()).toString().replace("-", "").repeat(2);
	}

}
