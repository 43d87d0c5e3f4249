package io.github.larkapprovalbot.ratelimit;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConfigurationBuilder;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.local.LocalBucketBuilder;
import io.github.larkapprovalbot.internal.TimeSource;
import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * The client-side limits of one endpoint on Bucket4j buckets: one bucket with every limit of the endpoint, and one per
 * message for a per-message limit. A permit is taken only when the request is about to go out, never reserved: a
 * caller that waits does so without a permit and tries again once the bucket says one is there, so a caller that
 * cancels or times out while waiting leaves no trace. A wait that would end after the call's deadline fails at once,
 * before anything is sent.
 * <p>
 * A limit of N per period never lets more than N requests go in any window of 1.1 periods: a tenth of N (at least
 * one) may go at once, and the rest refills at an even pace over 1.1 periods. A bucket refilled with N per period from
 * a capacity of N, the usual setup, would let up to 2N through a window that straddles a refill; the extra tenth is
 * room for the time between a permit and Lark's receipt of the request, which varies from one request to the next.
 * <p>
 * With {@link SharedRateLimits}, the same buckets live in a backend every instance shares, and the local ones serve
 * only for an operation of that backend that fails.
 */
public final class RateLimiter {

	/** The timer of the calls that had to wait for a permit. */
	public static final String WAITS = "lark.approval-bot.rate-limit.waits";

	/** How many messages keep a bucket at most; a bucket idle for two periods is full anyway. */
	public static final long MAX_MESSAGE_BUCKETS = 10_000;

	private final String name;

	private final @Nullable Bucket bucket;

	private final @Nullable BucketConfiguration configuration;

	private final @Nullable Cache<String, Bucket> messageBuckets;

	private final @Nullable BucketConfiguration messageConfiguration;

	private final String messageLimit;

	private final @Nullable SharedRateLimits shared;

	private final TimeSource time;

	private final ObservationRegistry observations;

	private final KeyValues waitTags;

	private final Mono<Void> stop;

	private final Refusal refusal;

	/**
	 * Creates the limiter of one endpoint.
	 * @param name the endpoint's name, which names its buckets ({@code message.send})
	 * @param limit its limits
	 * @param shared the buckets every instance shares, or {@code null} to limit this instance alone
	 * @param time the clock of the buckets and the scheduler of the waits
	 * @param observations times the calls that wait ({@link #WAITS})
	 * @param waitTags the tags of that timer
	 * @param stop completes when every wait must end at once (the client is closing): the waiting calls then fail
	 * with the {@link Refusal}
	 * @param refusal makes the failure of a call whose permit would come after its deadline
	 */
	public RateLimiter(String name, RateLimit limit, @Nullable SharedRateLimits shared, TimeSource time,
			ObservationRegistry observations, KeyValues waitTags, Mono<Void> stop, Refusal refusal) {
		this.name = name;
		this.shared = shared;
		this.time = time;
		this.observations = observations;
		this.waitTags = waitTags;
		this.stop = stop;
		this.refusal = refusal;
		this.configuration = configuration(bandwidth(limit.perSecond(), Duration.ofSeconds(1)),
				bandwidth(limit.perMinute(), Duration.ofMinutes(1)));
		this.bucket = (this.configuration != null) ? bucket(this.configuration) : null;
		this.messageConfiguration = configuration(bandwidth(limit.perMessagePerSecond(), Duration.ofSeconds(1)));
		this.messageBuckets = (this.messageConfiguration != null) ? Caffeine.newBuilder()
			.ticker(time::nanoTime)
			.maximumSize(MAX_MESSAGE_BUCKETS)
			.expireAfterAccess(Duration.ofSeconds(2))
			.build() : null;
		this.messageLimit = name + "/message/s";
	}

	/**
	 * Returns whether a call may have to wait here.
	 * @param messageId the message the call concerns, for a per-message limit
	 * @return whether any limit applies to it
	 */
	public boolean limits(@Nullable String messageId) {
		return this.bucket != null || (messageId != null && this.messageBuckets != null);
	}

	/**
	 * Completes once the call may go: every limit of the endpoint (and of its message) has given it a permit.
	 * @param messageId the message the call concerns, for a per-message limit, or {@code null}
	 * @param deadline the {@link TimeSource#nanoTime()} by which the call must be done
	 * @return completion, or the {@link Refusal} when the permit would come after the deadline
	 */
	public Mono<Void> acquire(@Nullable String messageId, long deadline) {
		String message = (this.messageBuckets != null) ? messageId : null;
		if (this.bucket == null && message == null) {
			return Mono.empty();
		}
		return Mono.defer(() -> permit(message, deadline, null));
	}

	/**
	 * Takes a permit now, from the shared buckets when there are some and they answer, else from the local ones; or
	 * waits (without one) for as long as the buckets say and tries again.
	 */
	private Mono<Void> permit(@Nullable String messageId, long deadline, @Nullable Observation waiting) {
		SharedRateLimits shared = this.shared;
		if (shared != null) {
			return takeShared(shared, messageId).onErrorResume((ex) -> Mono.justOrEmpty(take(messageId)))
				.flatMap((refused) -> wait(refused, messageId, deadline, waiting));
		}
		Refused refused = take(messageId);
		return (refused != null) ? wait(refused, messageId, deadline, waiting) : Mono.empty();
	}

	/** Waits as long as the refusing bucket says, then tries again; fails at once when that is beyond the deadline. */
	private Mono<Void> wait(Refused refused, @Nullable String messageId, long deadline,
			@Nullable Observation waiting) {
		if (deadline - this.time.nanoTime() < refused.nanos) {
			return Mono.error(this.refusal.beyondDeadline(refused.limit, Duration.ofNanos(refused.nanos)));
		}
		Observation timing = (waiting != null) ? waiting
				: Observation.createNotStarted(WAITS, this.observations).lowCardinalityKeyValues(this.waitTags).start();
		Mono<Void> retry = Mono.delay(Duration.ofNanos(refused.nanos), this.time.scheduler())
			.takeUntilOther(this.stop)
			.switchIfEmpty(Mono.error(() -> this.refusal.beyondDeadline(refused.limit, Duration.ofNanos(refused.nanos))))
			.then(Mono.defer(() -> permit(messageId, deadline, timing)));
		// The first wait times the whole of it, however it ends.
		return (waiting != null) ? retry : retry.doFinally((signal) -> timing.stop());
	}

	/**
	 * Takes a permit of the endpoint, then one of the message; a message without one gives the endpoint's back, and
	 * a message bucket is made only for a call the endpoint lets go.
	 * @return {@code null} when the permits are taken, otherwise the limit that refused and how long to wait
	 */
	private @Nullable Refused take(@Nullable String messageId) {
		Bucket bucket = this.bucket;
		if (bucket != null) {
			ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
			if (!probe.isConsumed()) {
				return new Refused(this.name, probe.getNanosToWaitForRefill());
			}
		}
		Cache<String, Bucket> messageBuckets = this.messageBuckets;
		BucketConfiguration messageConfiguration = this.messageConfiguration;
		if (messageId != null && messageBuckets != null && messageConfiguration != null) {
			ConsumptionProbe probe = messageBuckets.get(messageId, (id) -> bucket(messageConfiguration))
				.tryConsumeAndReturnRemaining(1);
			if (!probe.isConsumed()) {
				if (bucket != null) {
					bucket.addTokens(1);
				}
				return new Refused(this.messageLimit, probe.getNanosToWaitForRefill());
			}
		}
		return null;
	}

	/**
	 * The shared counterpart of {@link #take}: the endpoint's permit, then the message's; a message without one gives
	 * the endpoint's back.
	 * @return empty when the permits are taken, otherwise the limit that refused and how long to wait
	 */
	private Mono<Refused> takeShared(SharedRateLimits shared, @Nullable String messageId) {
		BucketConfiguration configuration = this.configuration;
		BucketConfiguration messageConfiguration = this.messageConfiguration;
		Mono<Refused> forMessage = (messageId == null || messageConfiguration == null) ? Mono.empty()
				: shared.tryAcquire(this.name + ":" + messageId, messageConfiguration).flatMap((nanos) -> {
					if (nanos == 0) {
						return Mono.empty();
					}
					Refused refused = new Refused(this.messageLimit, nanos);
					return (configuration != null)
							? shared.giveBack(this.name, configuration).thenReturn(refused) : Mono.just(refused);
				});
		if (configuration == null) {
			return forMessage;
		}
		return shared.tryAcquire(this.name, configuration)
			.flatMap((nanos) -> (nanos == 0) ? forMessage : Mono.just(new Refused(this.name, nanos)));
	}

	/**
	 * Returns how many message buckets exist, once Caffeine has done its pending evictions.
	 * @return the count
	 */
	public long messageBuckets() {
		Cache<String, Bucket> messageBuckets = this.messageBuckets;
		if (messageBuckets == null) {
			return 0;
		}
		messageBuckets.cleanUp();
		return messageBuckets.estimatedSize();
	}

	/** N per period, never more than N in any window of 1.1 periods: a tenth at once, the rest at an even pace. */
	private static @Nullable Bandwidth bandwidth(int limit, Duration period) {
		if (limit <= 0) {
			return null;
		}
		long burst = Math.max(1, limit / 10);
		long refill = Math.max(1, limit - burst);
		return Bandwidth.builder().capacity(burst).refillGreedy(refill, period.plus(period.dividedBy(10))).build();
	}

	private Bucket bucket(BucketConfiguration configuration) {
		LocalBucketBuilder builder = Bucket.builder().withCustomTimePrecision(this.time.timeMeter());
		for (Bandwidth limit : configuration.getBandwidths()) {
			builder.addLimit(limit);
		}
		return builder.build();
	}

	private static @Nullable BucketConfiguration configuration(@Nullable Bandwidth... limits) {
		ConfigurationBuilder builder = null;
		for (Bandwidth limit : limits) {
			if (limit != null) {
				builder = (builder != null) ? builder : BucketConfiguration.builder();
				builder.addLimit(limit);
			}
		}
		return (builder != null) ? builder.build() : null;
	}

	@Override
	public String toString() {
		return "RateLimiter[" + this.name + ", shared=" + (this.shared != null) + "]";
	}

	/** A limit that has no permit now, and how long until it has. */
	private record Refused(String limit, long nanos) {

		Refused {
			nanos = Math.max(1, nanos);
		}

	}

	/**
	 * Makes the failure of a call whose permit would come only after its deadline.
	 */
	@FunctionalInterface
	public interface Refusal {

		/**
		 * Makes the failure.
		 * @param limit the limit that has no permit in time, for example {@code message.send}
		 * @param wait how long until it would have one
		 * @return the failure the call ends with
		 */
		RuntimeException beyondDeadline(String limit, Duration wait);

	}

}
