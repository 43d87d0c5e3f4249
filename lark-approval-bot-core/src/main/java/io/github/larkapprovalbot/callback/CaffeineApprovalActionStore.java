package io.github.larkapprovalbot.callback;

import java.time.Duration;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.Ticker;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * The in-memory {@link ApprovalActionStore} of one instance, on Caffeine. Claims and outcomes are single map
 * operations; no handler ever runs inside a cache lock. A claim lasts its lease (renewed while its handlers run); an
 * outcome is kept for its time to live.
 * <p>
 * Bounded by bytes, not by count: click ids are hashes (64 characters), and outcomes are weighed by what they hold
 * (about 300 bytes each with a short message), so {@link #DEFAULT_MAX_BYTES} keeps some 100,000 outcomes. When the
 * bound is reached, the oldest outcomes go first ({@link #evictedOutcomes()} counts them): a repeated delivery of such
 * a click runs its handlers again. Claims being run weigh nothing and are never evicted; they end with their run or
 * their lease.
 */
public final class CaffeineApprovalActionStore implements ApprovalActionStore {

	/** The default bound of what the store holds: 32 MiB. */
	public static final long DEFAULT_MAX_BYTES = 32L * 1024 * 1024;

	/** What a cache entry costs besides its texts: the entry, the key and answer objects. */
	private static final int ENTRY_OVERHEAD = 160;

	private final Cache<String, Entry> clicks;

	private final long maxBytes;

	/** What the outcomes held weigh now. */
	private final AtomicLong bytes = new AtomicLong();

	/** The outcomes in the order they were recorded, the oldest first: the ones to evict beyond the bound. */
	private final Queue<Map.Entry<String, Outcome>> recorded = new ConcurrentLinkedQueue<>();

	private final LongAdder evicted = new LongAdder();

	/**
	 * Creates a store on the system clock.
	 * @param maxBytes what the outcomes may weigh at most, {@link #DEFAULT_MAX_BYTES} usually
	 */
	public CaffeineApprovalActionStore(long maxBytes) {
		this(maxBytes, Ticker.systemTicker());
	}

	/**
	 * Creates a store.
	 * @param maxBytes what the outcomes may weigh at most
	 * @param ticker the clock of leases and times to live (a fake one in tests)
	 */
	public CaffeineApprovalActionStore(long maxBytes, Ticker ticker) {
		this.maxBytes = maxBytes;
		// Caffeine's own size bound admits by frequency, which could turn away the newest outcome: the store evicts in
		// the order outcomes were recorded instead, and Caffeine only expires.
		this.clicks = Caffeine.newBuilder()
			.ticker(ticker)
			.executor(Runnable::run)
			.expireAfter(new Lifetimes())
			.removalListener((@Nullable String key, @Nullable Entry entry, RemovalCause cause) -> {
				if (entry instanceof Outcome outcome && key != null) {
					this.bytes.addAndGet(-outcome.weight(key));
				}
				if (entry instanceof Running running && cause.wasEvicted()) {
					// A lease ran out: the callers waiting for the run learn that it is gone.
					running.outcome.tryEmitEmpty();
				}
			})
			.build();
	}

	/**
	 * Creates a store bounded by count.
	 * @param abandonedClaimAfter ignored: claims last the lease each claim gives
	 * @param maximumSize how many outcomes at most
	 * @deprecated since 0.2.0, for removal: the store is bounded by bytes, and claims are leases; use
	 * {@link #CaffeineApprovalActionStore(long)}
	 */
	@Deprecated(since = "0.2.0", forRemoval = true)
	public CaffeineApprovalActionStore(Duration abandonedClaimAfter, long maximumSize) {
		this(Math.multiplyExact(maximumSize, 2L * ENTRY_OVERHEAD));
	}

	@Override
	public Mono<Claim> claim(String clickId, Duration lease) {
		return Mono.fromSupplier(() -> {
			Running running = new Running(new Claim.Won(clickId, UUID.randomUUID().toString()), lease);
			Entry existing = this.clicks.asMap().putIfAbsent(clickId, running);
			if (existing == null) {
				return running.claim;
			}
			return (existing instanceof Outcome outcome) ? new Claim.Done(outcome.answer)
					: new Claim.Running(clickId);
		});
	}

	@Override
	public Mono<Boolean> renew(Claim.Won claim, Duration lease) {
		return Mono.fromSupplier(() -> {
			boolean[] renewed = { false };
			this.clicks.asMap().computeIfPresent(claim.clickId(), (key, entry) -> {
				if (entry instanceof Running running && running.claim.equals(claim)) {
					running.lease = lease;
					renewed[0] = true;
				}
				return entry;
			});
			return renewed[0];
		});
	}

	@Override
	public Mono<Boolean> complete(Claim.Won claim, CallbackAnswer outcome, Duration timeToLive) {
		return Mono.fromSupplier(() -> {
			Entry entry = this.clicks.getIfPresent(claim.clickId());
			Outcome recorded = new Outcome(outcome, timeToLive);
			if (entry instanceof Running running && running.claim.equals(claim)
					&& this.clicks.asMap().replace(claim.clickId(), running, recorded)) {
				this.bytes.addAndGet(recorded.weight(claim.clickId()));
				this.recorded.add(Map.entry(claim.clickId(), recorded));
				running.outcome.tryEmitValue(outcome);
				evictBeyondBound();
				return true;
			}
			return false;
		});
	}

	@Override
	public Mono<Void> release(Claim.Won claim) {
		return Mono.fromRunnable(() -> {
			Entry entry = this.clicks.getIfPresent(claim.clickId());
			if (entry instanceof Running running && running.claim.equals(claim)
					&& this.clicks.asMap().remove(claim.clickId(), running)) {
				running.outcome.tryEmitEmpty();
			}
		});
	}

	@Override
	public Mono<CallbackAnswer> awaitOutcome(String clickId) {
		return Mono.defer(() -> {
			Entry entry = this.clicks.getIfPresent(clickId);
			if (entry instanceof Outcome outcome) {
				return Mono.just(outcome.answer);
			}
			return (entry instanceof Running running) ? running.outcome.asMono() : Mono.empty();
		});
	}

	/**
	 * Drops the records of outcomes already gone (expired: outcomes mostly expire in the order they were recorded),
	 * then evicts the oldest outcomes while they weigh more than the bound; claims being run are never here.
	 */
	private void evictBeyondBound() {
		Map.Entry<String, Outcome> head;
		while ((head = this.recorded.peek()) != null && this.clicks.getIfPresent(head.getKey()) != head.getValue()) {
			this.recorded.remove(head);
		}
		while (this.bytes.get() > this.maxBytes) {
			Map.Entry<String, Outcome> oldest = this.recorded.poll();
			if (oldest == null) {
				return;
			}
			if (this.clicks.asMap().remove(oldest.getKey(), oldest.getValue())) {
				this.evicted.increment();
			}
		}
	}

	/**
	 * Returns how many outcomes went before their time to live to keep the store within its bound.
	 * @return the count since the store was made
	 */
	public long evictedOutcomes() {
		return this.evicted.sum();
	}

	/**
	 * Returns roughly how many clicks the store holds, once Caffeine has done its pending work.
	 * @return the count
	 */
	public long size() {
		this.clicks.cleanUp();
		return this.clicks.estimatedSize();
	}

	private sealed interface Entry permits Running, Outcome {

	}

	/** A click being run, until when, and where its outcome goes to the callers waiting for it. */
	private static final class Running implements Entry {

		final Claim.Won claim;

		final Sinks.One<CallbackAnswer> outcome = Sinks.one();

		volatile Duration lease;

		Running(Claim.Won claim, Duration lease) {
			this.claim = claim;
			this.lease = lease;
		}

	}

	/** A click's recorded outcome. */
	private record Outcome(CallbackAnswer answer, Duration timeToLive) implements Entry {

		/** What the outcome weighs, about: its texts at two bytes a character, and the objects around them. */
		int weight(String key) {
			String message = this.answer.message();
			return ENTRY_OVERHEAD + 2 * (key.length() + ((message != null) ? message.length() : 0));
		}

	}

	/** A claim lives its lease from its last renewal, an outcome its time to live. */
	private static final class Lifetimes implements Expiry<String, Entry> {

		@Override
		public long expireAfterCreate(String key, Entry entry, long currentTime) {
			return nanos(entry);
		}

		@Override
		public long expireAfterUpdate(String key, Entry entry, long currentTime, long currentDuration) {
			return nanos(entry);
		}

		@Override
		public long expireAfterRead(String key, Entry entry, long currentTime, long currentDuration) {
			return currentDuration;
		}

		private static long nanos(Entry entry) {
			Duration lifetime = (entry instanceof Running running) ? running.lease : ((Outcome) entry).timeToLive;
			return Math.max(1, lifetime.toNanos());
		}

	}

	@Override
	public String toString() {
		return "CaffeineApprovalActionStore[clicks=" + this.clicks.estimatedSize() + "]";
	}

}
