package io.github.larkapprovalbot;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.AsyncBucketProxy;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Rate-limit buckets that every instance of an application shares, so that Lark's limits (per app) hold for all of
 * them together: any Bucket4j {@link AsyncProxyManager} (Redis through Lettuce, as the starter's {@code store=redis}
 * sets up, or any other backend Bucket4j supports). Its keys are {@code <keyPrefix>:<appId>:limit:<limit>}, and
 * {@code ...:limit:card.patch:<message id>} for the per-message limit: give the proxy manager an expiration strategy
 * so that those go away.
 * <p>
 * When the backend fails or does not answer within the timeout, calls go on with each instance's local limits (the
 * same ones the messenger uses without shared limits), with a WARN when that starts; the backend is tried again a
 * second later, by one call at a time, and used again as soon as it answers.
 */
public final class SharedRateLimits {

	/** How long a bucket operation may take before the call goes on with the local limits. */
	public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(500);

	/** How long after a failure the local limits serve alone, before the backend is tried again. */
	private static final Duration RETRY_AFTER = Duration.ofSeconds(1);

	private static final Log logger = LogFactory.getLog(SharedRateLimits.class);

	private final AsyncProxyManager<String> buckets;

	private final String keyPrefix;

	private final Duration timeout;

	/** When the backend became unavailable; null while it is available. */
	private final AtomicReference<@Nullable Instant> unavailableSince = new AtomicReference<>();

	/** The {@link System#nanoTime()} after which the backend is tried again, while it is unavailable. */
	private final AtomicLong retryAt = new AtomicLong();

	private final LongAdder localFallbacks = new LongAdder();

	/**
	 * One proxy per bucket, kept while in use: Bucket4j's batching joins the concurrent requests of one proxy into one
	 * round trip. With a proxy per call instead, 64 concurrent senders on one key kept Redis at about 80,000 commands
	 * a second (see BENCHMARKS.md).
	 */
	private final Cache<String, AsyncBucketProxy> proxies = Caffeine.newBuilder()
		.maximumSize(RateLimiters.MAX_MESSAGE_BUCKETS)
		.expireAfterAccess(Duration.ofSeconds(10))
		.build();

	/**
	 * Creates shared limits.
	 * @param buckets the backend's proxy manager
	 * @param keyPrefix the first part of every key, so that several applications can share one backend
	 * @param timeout how long a bucket operation may take, {@link #DEFAULT_TIMEOUT} usually
	 */
	public SharedRateLimits(AsyncProxyManager<String> buckets, String keyPrefix, Duration timeout) {
		this.buckets = Objects.requireNonNull(buckets, "buckets must not be null");
		this.keyPrefix = Objects.requireNonNull(keyPrefix, "keyPrefix must not be null");
		this.timeout = Objects.requireNonNull(timeout, "timeout must not be null");
		if (timeout.isNegative() || timeout.isZero()) {
			throw new IllegalArgumentException("timeout must be positive: " + timeout);
		}
	}

	/**
	 * Returns whether the last bucket operation reached the backend.
	 * @return whether the shared limits are in force
	 */
	public boolean isAvailable() {
		return this.unavailableSince.get() == null;
	}

	/**
	 * Returns since when the backend has been unavailable.
	 * @return the time of the first failure of this outage, or {@code null} while the backend is available
	 */
	public @Nullable Instant unavailableSince() {
		return this.unavailableSince.get();
	}

	/**
	 * Returns how many permits were taken from the local limits because the backend was unavailable.
	 * @return the count since this object was made
	 */
	public long localFallbacks() {
		return this.localFallbacks.sum();
	}

	String key(String appId, String limit) {
		return this.keyPrefix + ":" + appId + ":limit:" + limit;
	}

	/**
	 * Returns whether this call should use the backend: always while it is available; during an outage only the one
	 * call that is due to try it again. The others are counted as local fallbacks.
	 */
	boolean shouldTry() {
		if (isAvailable()) {
			return true;
		}
		long due = this.retryAt.get();
		long now = System.nanoTime();
		if (now - due >= 0 && this.retryAt.compareAndSet(due, now + RETRY_AFTER.toNanos())) {
			return true;
		}
		this.localFallbacks.increment();
		return false;
	}

	Mono<ConsumptionProbe> tryConsume(String key, BucketConfiguration configuration) {
		return Mono.fromFuture(() -> proxy(key, configuration).tryConsumeAndReturnRemaining(1))
			.timeout(this.timeout)
			.doOnNext((probe) -> available());
	}

	Mono<Void> giveBack(String key, BucketConfiguration configuration) {
		return Mono.fromFuture(() -> proxy(key, configuration).addTokens(1)).timeout(this.timeout);
	}

	private AsyncBucketProxy proxy(String key, BucketConfiguration configuration) {
		return this.proxies.get(key,
				(k) -> this.buckets.builder().withOptimization(Optimizations.batching()).build(k, configuration));
	}

	/** Records a failed bucket operation; the caller goes on with the local limits. */
	void failed(Throwable failure) {
		this.localFallbacks.increment();
		this.retryAt.set(System.nanoTime() + RETRY_AFTER.toNanos());
		if (this.unavailableSince.compareAndSet(null, Instant.now())) {
			logger.warn("Shared rate limits unavailable (" + failure
					+ "); each instance goes on with its local limits until the backend answers again");
		}
	}

	private void available() {
		Instant since = this.unavailableSince.getAndSet(null);
		if (since != null) {
			logger.info("Shared rate limits available again after an outage since " + since);
		}
	}

	@Override
	public String toString() {
		return "SharedRateLimits[keyPrefix=" + this.keyPrefix + ", timeout=" + this.timeout + ", available="
				+ isAvailable() + "]";
	}

}
