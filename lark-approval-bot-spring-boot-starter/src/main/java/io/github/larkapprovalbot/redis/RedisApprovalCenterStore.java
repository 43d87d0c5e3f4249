package io.github.larkapprovalbot.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.github.larkapprovalbot.center.ApprovalCenterStore;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import reactor.core.publisher.Mono;

/**
 * The {@link ApprovalCenterStore} that every instance of an application shares, in Redis: an instance's synced states
 * in one hash, {@code <prefix>:<appId>:center:instance:{<instance id>}}, one field per level holding
 * {@code <update time>:<digest>}, merged by a script that keeps the newer time of each field; a lease in
 * {@code <prefix>:<appId>:center:lease:{<name>}}, taken by a script that sets it when absent or held by the same
 * owner. Every operation is bounded by the timeout.
 */
public final class RedisApprovalCenterStore implements ApprovalCenterStore {

	private final ReactiveStringRedisTemplate redis;

	private final String keyPrefix;

	private final Duration timeout;

	private final Duration timeToLive;

	/**
	 * Creates a store.
	 * @param redis the template on the application's connection
	 * @param keyPrefix the key prefix and app id, {@code <prefix>:<appId>}
	 * @param timeout how long an operation may take
	 * @param timeToLive how long an instance's synced state is kept after its last sync
	 */
	public RedisApprovalCenterStore(ReactiveStringRedisTemplate redis, String keyPrefix, Duration timeout,
			Duration timeToLive) {
		this.redis = redis;
		this.keyPrefix = keyPrefix;
		this.timeout = timeout;
		this.timeToLive = timeToLive;
	}

	@Override
	public Mono<Map<String, SyncedLevel>> synced(String instanceId) {
		return this.redis.<String, String>opsForHash()
			.entries(instanceKey(instanceId))
			.collectMap(Map.Entry::getKey, (entry) -> level(entry.getValue()), HashMap::new)
			.map((levels) -> (Map<String, SyncedLevel>) levels)
			.timeout(this.timeout);
	}

	@Override
	public Mono<Void> recordSynced(String instanceId, Map<String, SyncedLevel> levels) {
		if (levels.isEmpty()) {
			return Mono.empty();
		}
		List<String> arguments = new ArrayList<>();
		arguments.add(String.valueOf(this.timeToLive.toMillis()));
		levels.forEach((level, state) -> {
			arguments.add(level);
			arguments.add(state.updateTime() + ":" + state.digest());
		});
		return this.redis.execute(RedisScripts.MERGE_NEWER, List.of(instanceKey(instanceId)), arguments)
			.then()
			.timeout(this.timeout);
	}

	@Override
	public Mono<Boolean> tryLock(String name, String owner, Duration lease) {
		return this.redis
			.execute(RedisScripts.SET_IF_ABSENT_OR_EQUAL, List.of(leaseKey(name)),
					List.of(owner, String.valueOf(Math.max(1, lease.toMillis()))))
			.next()
			.map((taken) -> taken == 1L)
			.timeout(this.timeout);
	}

	@Override
	public Mono<Void> unlock(String name, String owner) {
		return this.redis.execute(RedisScripts.DELETE_IF_EQUAL, List.of(leaseKey(name)), List.of(owner))
			.then()
			.timeout(this.timeout);
	}

	private static SyncedLevel level(String value) {
		int colon = value.indexOf(':');
		return new SyncedLevel(Long.parseLong(value.substring(0, colon)), value.substring(colon + 1));
	}

	/** One hash tag per instance, for Redis Cluster. */
	private String instanceKey(String instanceId) {
		return this.keyPrefix + ":center:instance:{" + instanceId + "}";
	}

	private String leaseKey(String name) {
		return this.keyPrefix + ":center:lease:{" + name + "}";
	}

	@Override
	public String toString() {
		return "RedisApprovalCenterStore[keyPrefix=" + this.keyPrefix + "]";
	}

}
