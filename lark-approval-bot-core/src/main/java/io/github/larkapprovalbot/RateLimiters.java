package io.github.larkapprovalbot;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConfigurationBuilder;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.local.LocalBucketBuilder;
import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Client-side rate limits on Bucket4j buckets: one per endpoint (with every limit of that endpoint), and one per
 * patched message. A permit is taken only when the request is about to go out, never reserved: a caller that waits
 * does so without a permit and tries again once the bucket says one is there, so a caller that cancels or times out
 * while waiting leaves no trace. A wait longer than the call's budget fails at once, before anything is sent.
 * <p>
 * A limit of N per period never lets more than N requests go in any window of 1.1 periods: a tenth of N (at least
 * one) may go at once, and the rest refills at an even pace. A bucket refilled with N per period from a capacity of N,
 * the usual setup, would let up to 2N through a window that straddles a refill.
 * <p>
 * With {@link SharedRateLimits}, the same buckets live in a backend that every instance shares, and the local ones
 * serve only while that backend is unavailable.
 */
final class RateLimiters {

	/** How many patched messages keep a bucket at most; a bucket idle for two periods is full anyway. */
	static final long MAX_MESSAGE_BUCKETS = 10_000;

	private static final String PER_MESSAGE = "card.patch/message/s";

	private final @Nullable Limited send;

	private final @Nullable Limited patch;

	private final @Nullable Limited helpdesk;

	private final @Nullable Cache<String, Bucket> perMessage;

	private final int perMessageLimit;

	private final @Nullable BucketConfiguration perMessageConfiguration;

	private final @Nullable SharedRateLimits shared;

	private final String appId;

	RateLimiters(RateLimitSettings settings, @Nullable SharedRateLimits shared, String appId) {
		this.shared = shared;
		this.appId = appId;
		this.send = Limited.of("message.send", limit(settings.sendPerSecond(), Duration.ofSeconds(1)),
				limit(settings.sendPerMinute(), Duration.ofMinutes(1)));
		this.patch = Limited.of("card.patch", limit(settings.patchPerSecond(), Duration.ofSeconds(1)));
		this.helpdesk = Limited.of("helpdesk.message", limit(settings.helpdeskPerMinute(), Duration.ofMinutes(1)));
		this.perMessageLimit = settings.patchPerMessagePerSecond();
		this.perMessage = (this.perMessageLimit > 0) ? Caffeine.newBuilder()
			.maximumSize(MAX_MESSAGE_BUCKETS)
			.expireAfterAccess(Duration.ofSeconds(2))
			.build() : null;
		this.perMessageConfiguration = (this.perMessageLimit > 0)
				? configuration(limit(this.perMessageLimit, Duration.ofSeconds(1))) : null;
	}

	/**
	 * Delays the subscription to a call until every limit of its endpoint lets it go.
	 * @param <T> the call's result
	 * @param endpoint the endpoint
	 * @param messageId the patched message, for the per-message limit
	 * @param deadline the {@link System#nanoTime()} by which the call must be done
	 * @param call the call
	 * @param observations times the calls that had to wait
	 * @return the limited call
	 */
	<T> Mono<T> limit(LarkEndpoint endpoint, @Nullable String messageId, long deadline, Mono<T> call,
			MessengerObservations observations) {
		Limited limited = switch (endpoint) {
			case MESSAGE_SEND -> this.send;
			case CARD_PATCH -> this.patch;
			case HELPDESK_MESSAGE -> this.helpdesk;
			default -> null;
		};
		String message = (endpoint == LarkEndpoint.CARD_PATCH && this.perMessage != null) ? messageId : null;
		if (limited == null && message == null) {
			return call;
		}
		return Mono.defer(() -> permit(endpoint, limited, message, deadline, null, observations)).then(call);
	}

	/**
	 * Takes a permit now, from the shared buckets when there are some and they answer, else from the local ones; or
	 * waits (without one) for as long as the buckets say and tries again.
	 */
	private Mono<Void> permit(LarkEndpoint endpoint, @Nullable Limited limited, @Nullable String messageId,
			long deadline, @Nullable Observation waiting, MessengerObservations observations) {
		SharedRateLimits shared = this.shared;
		if (shared != null && shared.shouldTry()) {
			return takeShared(shared, limited, messageId).onErrorResume((ex) -> {
				shared.failed(ex);
				return Mono.defer(() -> Mono.justOrEmpty(take(limited, messageId)));
			}).flatMap((refused) -> wait(refused, endpoint, limited, messageId, deadline, waiting, observations));
		}
		Refused refused = take(limited, messageId);
		return (refused != null) ? wait(refused, endpoint, limited, messageId, deadline, waiting, observations)
				: Mono.empty();
	}

	/** Waits as long as the refusing bucket says, then tries again; fails at once when that is beyond the budget. */
	private Mono<Void> wait(Refused refused, LarkEndpoint endpoint, @Nullable Limited limited,
			@Nullable String messageId, long deadline, @Nullable Observation waiting,
			MessengerObservations observations) {
		if (System.nanoTime() + refused.nanos > deadline) {
			return Mono.error(WaitBeyondBudgetException.permit(endpoint, refused.limit));
		}
		Observation timing = (waiting != null) ? waiting : observations.rateLimitWait(endpoint);
		Mono<Void> retry = Mono.delay(Duration.ofNanos(refused.nanos))
			.then(Mono.defer(() -> permit(endpoint, limited, messageId, deadline, timing, observations)));
		// The first wait times the whole of it, however it ends.
		return (waiting != null) ? retry : retry.doFinally((signal) -> timing.stop());
	}

	/**
	 * Takes a permit of the endpoint, then one of the message; a message without one gives the endpoint's back, and
	 * a message bucket is made only for a call the endpoint lets go.
	 * @return {@code null} when the permits are taken, otherwise the limit that refused and how long to wait
	 */
	private @Nullable Refused take(@Nullable Limited limited, @Nullable String messageId) {
		if (limited != null) {
			ConsumptionProbe probe = limited.bucket.tryConsumeAndReturnRemaining(1);
			if (!probe.isConsumed()) {
				return new Refused(limited.name, probe.getNanosToWaitForRefill());
			}
		}
		Cache<String, Bucket> perMessage = this.perMessage;
		BucketConfiguration perMessageLimit = this.perMessageConfiguration;
		if (messageId != null && perMessage != null && perMessageLimit != null) {
			Bucket bucket = perMessage.get(messageId, (id) -> bucket(perMessageLimit));
			ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
			if (!probe.isConsumed()) {
				if (limited != null) {
					limited.bucket.addTokens(1);
				}
				return new Refused(PER_MESSAGE, probe.getNanosToWaitForRefill());
			}
		}
		return null;
	}

	/**
	 * The shared counterpart of {@link #take}: the endpoint's permit, then the message's; a message without one gives
	 * the endpoint's back.
	 * @return empty when the permits are taken, otherwise the limit that refused and how long to wait
	 */
	private Mono<Refused> takeShared(SharedRateLimits shared, @Nullable Limited limited, @Nullable String messageId) {
		BucketConfiguration perMessage = this.perMessageConfiguration;
		Mono<Refused> forMessage = (messageId == null || perMessage == null) ? Mono.empty()
				: shared.tryConsume(shared.key(this.appId, "card.patch:" + messageId), perMessage)
					.flatMap((probe) -> {
						if (probe.isConsumed()) {
							return Mono.empty();
						}
						Refused refused = new Refused(PER_MESSAGE, probe.getNanosToWaitForRefill());
						return (limited != null) ? shared.giveBack(shared.key(this.appId, limited.name),
								limited.configuration).thenReturn(refused) : Mono.just(refused);
					});
		if (limited == null) {
			return forMessage;
		}
		return shared.tryConsume(shared.key(this.appId, limited.name), limited.configuration)
			.flatMap((probe) -> probe.isConsumed() ? forMessage
					: Mono.just(new Refused(limited.name, probe.getNanosToWaitForRefill())));
	}

	/**
	 * How many message buckets exist, once Caffeine has done its pending evictions.
	 * @return the count
	 */
	long messageBuckets() {
		Cache<String, Bucket> perMessage = this.perMessage;
		if (perMessage == null) {
			return 0;
		}
		perMessage.cleanUp();
		return perMessage.estimatedSize();
	}

	/**
	 * N per period, never more than N in any window of 1.1 periods: a tenth at once, the rest at an even pace over
	 * 1.1 periods. The extra tenth is room for the time between a permit and Lark's receipt of the request, which
	 * varies from one request to the next: without it, the busiest second on Lark's side held the limit exactly, with
	 * nothing to spare for that.
	 */
	private static @Nullable Bandwidth limit(int limit, Duration period) {
		if (limit <= 0) {
			return null;
		}
		long burst = Math.max(1, limit / 10);
		long refill = Math.max(1, limit - burst);
		return Bandwidth.builder().capacity(burst).refillGreedy(refill, period.plus(period.dividedBy(10))).build();
	}

	/** A local bucket of the configuration's limits. */
	private static Bucket bucket(BucketConfiguration configuration) {
		LocalBucketBuilder builder = Bucket.builder();
		for (Bandwidth limit : configuration.getBandwidths()) {
			builder.addLimit(limit);
		}
		return builder.build();
	}

	private static BucketConfiguration configuration(@Nullable Bandwidth... limits) {
		ConfigurationBuilder builder = BucketConfiguration.builder();
		for (Bandwidth limit : limits) {
			if (limit != null) {
				builder.addLimit(limit);
			}
		}
		return builder.build();
	}

	/** A limit that has no permit now, and how long until it has. */
	private record Refused(String limit, long nanos) {

		Refused {
			nanos = Math.max(1, nanos);
		}

	}

	/** The bucket of an endpoint's limits, how to name them, and their configuration for a shared bucket. */
	private record Limited(String name, Bucket bucket, BucketConfiguration configuration) {

		static @Nullable Limited of(String name, @Nullable Bandwidth... limits) {
			for (Bandwidth limit : limits) {
				if (limit != null) {
					BucketConfiguration configuration = RateLimiters.configuration(limits);
					return new Limited(name, RateLimiters.bucket(configuration), configuration);
				}
			}
			return null;
		}

	}

}
