package io.github.larkapprovalbot.center;

import java.time.Duration;
import java.util.Map;

import reactor.core.publisher.Mono;

/**
 * What the approval center of one app keeps beside Lark, shared by the service's instances when they share the store
 * (Redis): the last synced state of each instance, level by level (the instance, each task, each CC), and leases that
 * let one instance at a time do something (a guarded {@code REPLACE} of one instance, a reconciliation run).
 * <p>
 * Implementations: {@link CaffeineApprovalCenterStore} in one JVM, the Spring Boot starter's Redis store with
 * {@code store=redis}.
 */
public interface ApprovalCenterStore {

	/** The level key of the instance itself in {@link #synced} and {@link #recordSynced}. */
	String INSTANCE_LEVEL = "instance";

	/**
	 * Returns the last synced state of an instance's levels.
	 * @param instanceId the instance's id
	 * @return the states by level ({@value #INSTANCE_LEVEL}, {@code task:<id>}, {@code cc:<id>}); empty when none was
	 * recorded
	 */
	Mono<Map<String, SyncedLevel>> synced(String instanceId);

	/**
	 * Records the synced state of an instance's levels, keeping for each level whichever state, the recorded or this
	 * one, has the newer update time.
	 * @param instanceId the instance's id
	 * @param levels the states by level
	 * @return completion
	 */
	Mono<Void> recordSynced(String instanceId, Map<String, SyncedLevel> levels);

	/**
	 * Takes a lease, or extends it for its holder.
	 * @param name what the lease is for
	 * @param owner who takes it
	 * @param lease how long it lasts unless released
	 * @return whether the owner holds it now
	 */
	Mono<Boolean> tryLock(String name, String owner, Duration lease);

	/**
	 * Releases a lease its owner holds; a lease held by another owner stays.
	 * @param name what the lease is for
	 * @param owner who took it
	 * @return completion
	 */
	Mono<Void> unlock(String name, String owner);

	/**
	 * The synced state of one level.
	 *
	 * @param updateTime its {@code update_time}, Unix milliseconds
	 * @param digest what the state held besides its update time, as a hash: a different digest with a time that did
	 * not increase is a change Lark would ignore
	 */
	record SyncedLevel(long updateTime, String digest) {

	}

}
