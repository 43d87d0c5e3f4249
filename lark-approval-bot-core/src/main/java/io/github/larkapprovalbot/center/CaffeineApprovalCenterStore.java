package io.github.larkapprovalbot.center;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import reactor.core.publisher.Mono;

/**
 * The in-memory {@link ApprovalCenterStore} of one instance of the service, on Caffeine: the synced states of the
 * most recently synced instances (the oldest go first beyond the bound, and after the time to live), and leases.
 */
public final class CaffeineApprovalCenterStore implements ApprovalCenterStore {

	/** How many instances the store remembers by default. */
	public static final long DEFAULT_MAX_INSTANCES = 100_000;

	/** How long the store remembers an instance's synced state by default: beyond any retry of its sync. */
	public static final Duration DEFAULT_TIME_TO_LIVE = Duration.ofDays(30);

	private final Cache<String, Map<String, SyncedLevel>> synced;

	private final Map<String, Lease> leases = new ConcurrentHashMap<>();

	private final Ticker ticker;

	/**
	 * Creates a store with the default bounds on the system clock.
	 */
	public CaffeineApprovalCenterStore() {
		this(DEFAULT_MAX_INSTANCES, DEFAULT_TIME_TO_LIVE, Ticker.systemTicker());
	}

	/**
	 * Creates a store.
	 * @param maxInstances how many instances it remembers at most
	 * @param timeToLive how long it remembers an instance after its last sync
	 * @param ticker the clock of leases and times to live (a fake one in tests)
	 */
	public CaffeineApprovalCenterStore(long maxInstances, Duration timeToLive, Ticker ticker) {
		this.ticker = ticker;
		this.synced = Caffeine.newBuilder()
			.ticker(ticker)
			.executor(Runnable::run)
			.maximumSize(maxInstances)
			.expireAfterWrite(timeToLive)
			.build();
	}

	@Override
	public Mono<Map<String, SyncedLevel>> synced(String instanceId) {
		return Mono.fromSupplier(() -> {
			Map<String, SyncedLevel> levels = this.synced.getIfPresent(instanceId);
			return (levels != null) ? Map.copyOf(levels) : Map.of();
		});
	}

	@Override
	public Mono<Void> recordSynced(String instanceId, Map<String, SyncedLevel> levels) {
		return Mono.fromRunnable(() -> this.synced.asMap().compute(instanceId, (id, recorded) -> {
			Map<String, SyncedLevel> merged = (recorded != null) ? new HashMap<>(recorded) : new HashMap<>();
			levels.forEach((level, state) -> merged.merge(level, state,
					(old, candidate) -> (candidate.updateTime() > old.updateTime()) ? candidate : old));
			return Map.copyOf(merged);
		}));
	}

	@Override
	public Mono<Boolean> tryLock(String name, String owner, Duration lease) {
		return Mono.fromSupplier(() -> {
			long now = this.ticker.read();
			Lease taken = this.leases.compute(name, (key, held) -> (held == null || held.owner.equals(owner)
					|| held.expiresAt - now <= 0) ? new Lease(owner, now + lease.toNanos()) : held);
			return taken.owner.equals(owner);
		});
	}

	@Override
	public Mono<Void> unlock(String name, String owner) {
		return Mono.fromRunnable(() -> this.leases.computeIfPresent(name,
				(key, held) -> held.owner.equals(owner) ? null : held));
	}

	@Override
	public String toString() {
		return "CaffeineApprovalCenterStore[" + this.synced.estimatedSize() + " instances]";
	}

	private record Lease(String owner, long expiresAt) {
	}

}
