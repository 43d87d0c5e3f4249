package io.github.larkapprovalbot.center;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import io.github.larkapprovalbot.center.ApprovalCenterStore.SyncedLevel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link ApprovalCenterStore} does, whichever its backing: the newer state of each level wins, whatever
 * order they are recorded in, and a lease has one holder at a time, across two stores that share a backing (two
 * instances of the service). The in-memory store runs it with one store for both; the Redis store with a connection
 * each.
 */
public abstract class ApprovalCenterStoreContract {

	private static final Duration BLOCK = Duration.ofSeconds(10);

	protected abstract ApprovalCenterStore store();

	/** A store on the same backing as {@link #store()}, as another instance of the service holds it. */
	protected abstract ApprovalCenterStore secondStore();

	/**
	 * Lets time pass for the store's leases: a fake clock moved on, or, for a backend with a clock of its own, a real
	 * wait.
	 * @param duration how long
	 */
	protected abstract void pass(Duration duration);

	private static String unique(String name) {
		return name + "-" + UUID.randomUUID();
	}

	@Test
	void nothingIsRecordedForAnUnknownInstance() {
		assertThat(store().synced(unique("none")).block(BLOCK)).isEmpty();
	}

	@Test
	void eachLevelKeepsTheNewerStateWhateverTheOrder() {
		String id = unique("leave");
		store().recordSynced(id, Map.of(ApprovalCenterStore.INSTANCE_LEVEL, new SyncedLevel(7, "i7"), "task:t-1",
				new SyncedLevel(5, "t5"))).block(BLOCK);
		secondStore().recordSynced(id, Map.of(ApprovalCenterStore.INSTANCE_LEVEL, new SyncedLevel(6, "i6"),
				"task:t-1", new SyncedLevel(9, "t9"), "cc:c-1", new SyncedLevel(3, "c3"))).block(BLOCK);
		assertThat(secondStore().synced(id).block(BLOCK)).containsOnly(
				Map.entry(ApprovalCenterStore.INSTANCE_LEVEL, new SyncedLevel(7, "i7")),
				Map.entry("task:t-1", new SyncedLevel(9, "t9")), Map.entry("cc:c-1", new SyncedLevel(3, "c3")));
		// An equal time keeps the state recorded first: Lark ignores an equal update_time too.
		store().recordSynced(id, Map.of(ApprovalCenterStore.INSTANCE_LEVEL, new SyncedLevel(7, "other"))).block(BLOCK);
		assertThat(store().synced(id).block(BLOCK)).containsEntry(ApprovalCenterStore.INSTANCE_LEVEL,
				new SyncedLevel(7, "i7"));
	}

	@Test
	void aLeaseHasOneHolderUntilReleasedAndItsHolderMayExtendIt() {
		String lease = unique("sync:leave");
		assertThat(store().tryLock(lease, "a", Duration.ofSeconds(30)).block(BLOCK)).isTrue();
		assertThat(secondStore().tryLock(lease, "b", Duration.ofSeconds(30)).block(BLOCK)).isFalse();
		assertThat(store().tryLock(lease, "a", Duration.ofSeconds(30)).block(BLOCK)).as("extended").isTrue();
		secondStore().unlock(lease, "b").block(BLOCK);
		assertThat(secondStore().tryLock(lease, "b", Duration.ofSeconds(30)).block(BLOCK))
			.as("another owner's release changes nothing").isFalse();
		store().unlock(lease, "a").block(BLOCK);
		assertThat(secondStore().tryLock(lease, "b", Duration.ofSeconds(30)).block(BLOCK)).isTrue();
	}

	@Test
	void aLeaseNotReleasedEndsOnItsOwn() {
		String lease = unique("reconcile");
		Duration brief = Duration.ofMillis(300);
		assertThat(store().tryLock(lease, "a", brief).block(BLOCK)).isTrue();
		assertThat(secondStore().tryLock(lease, "b", Duration.ofSeconds(30)).block(BLOCK)).isFalse();
		pass(brief.multipliedBy(2));
		assertThat(secondStore().tryLock(lease, "b", Duration.ofSeconds(30)).block(BLOCK))
			.as("taken over once the holder's lease ended").isTrue();
	}

}
