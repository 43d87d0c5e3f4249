package io.github.larkapprovalbot.callback;

import java.time.Duration;
import java.util.UUID;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * The in-memory {@link ApprovalActionStore} of one instance, on Caffeine. Claims and outcomes are single map
 * operations; no handler ever runs inside a cache lock. An outcome is kept for its time to live; a claim neither
 * completed nor released is dropped after {@code abandonedClaimAfter}.
 */
public final class CaffeineApprovalActionStore implements ApprovalActionStore {

	private final Cache<String, Entry> clicks;

	/**
	 * Creates a store.
	 * @param abandonedClaimAfter how long a claim may stay unfinished before it is dropped
	 * @param maximumSize how many clicks at most
	 */
	public CaffeineApprovalActionStore(Duration abandonedClaimAfter, long maximumSize) {
		this.clicks = Caffeine.newBuilder()
			.maximumSize(maximumSize)
			.expireAfter(Expiry.<String, Entry>writing((key, entry) -> (entry instanceof Outcome outcome)
					? outcome.timeToLive : abandonedClaimAfter))
			.build();
	}

	@Override
	public Mono<Claim> claim(String clickId) {
		return Mono.fromSupplier(() -> {
			Running running = new Running(new Claim.Won(clickId, UUID.randomUUID().toString()));
			Entry existing = this.clicks.asMap().putIfAbsent(clickId, running);
			if (existing == null) {
				return running.claim;
			}
			return (existing instanceof Outcome outcome) ? new Claim.Done(outcome.answer)
					: new Claim.Running(clickId);
		});
	}

	@Override
	public Mono<Void> complete(Claim.Won claim, CallbackAnswer outcome, Duration timeToLive) {
		return Mono.fromRunnable(() -> {
			Entry entry = this.clicks.getIfPresent(claim.clickId());
			if (entry instanceof Running running && running.claim.equals(claim)
					&& this.clicks.asMap().replace(claim.clickId(), running, new Outcome(outcome, timeToLive))) {
				running.outcome.tryEmitValue(outcome);
			}
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

	private sealed interface Entry permits Running, Outcome {

	}

	/** A click being run, and where its outcome goes to the callers waiting for it. */
	private static final class Running implements Entry {

		final Claim.Won claim;

		final Sinks.One<CallbackAnswer> outcome = Sinks.one();

		Running(Claim.Won claim) {
			this.claim = claim;
		}

	}

	/** A click's recorded outcome. */
	private record Outcome(CallbackAnswer answer, Duration timeToLive) implements Entry {

	}

	@Override
	public String toString() {
		return "CaffeineApprovalActionStore[clicks=" + this.clicks.estimatedSize() + "]";
	}

}
