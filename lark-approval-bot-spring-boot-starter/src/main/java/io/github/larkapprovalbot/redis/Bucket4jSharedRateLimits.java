package io.github.larkapprovalbot.redis;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.AsyncBucketProxy;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import io.github.larkapprovalbot.ratelimit.RateLimiter;
import io.github.larkapprovalbot.ratelimit.SharedRateLimits;
import io.github.larkapprovalbot.validation.InvalidSettingException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * The rate-limit buckets of one app shared by every instance, on any Bucket4j {@link AsyncProxyManager} (Redis through
 * Lettuce, as {@code store=redis} sets up, or any other backend Bucket4j supports). Keys are
 * {@code <namespace>:limit:<bucket>}, for example {@code lark-approval-bot:cli_x:limit:message.send}; give the proxy
 * manager an expiration strategy so that the buckets of messages go away.
 * <p>
 * When the backend fails or does not answer within the timeout, the operation fails and the client goes on with each
 * instance's local limits, with a WARN when that starts. During such an outage one operation a second tries the
 * backend again, and the others fail at once (counted as {@link #localFallbacks()}); the first that gets through
 * switches every instance's calls back.
 */
public final class Bucket4jSharedRateLimits implements SharedRateLimits {

	/** How long a bucket operation may take before the call goes on with the local limits. */
	public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(500);

	/** How long after a failure the local limits serve alone, before the backend is tried again. */
	private static final Duration RETRY_AFTER = Duration.ofSeconds(1);

	private static final Log logger = LogFactory.getLog(Bucket4jSharedRateLimits.class);

	private static final Unavailable UNAVAILABLE = new Unavailable();

	private final AsyncProxyManager<String> buckets;

	private final String namespace;

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
		.maximumSize(RateLimiter.MAX_MESSAGE_BUCKETS)
		.expireAfterAccess(Duration.ofSeconds(10))
		.build();

	/**
	 * Creates the shared buckets of one app.
	 * @param buckets the backend's proxy manager
	 * @param namespace the first part of every key, which keeps apps and applications apart: the starter uses
	 * {@code <lark.approval-bot.redis.key-prefix>:<app id>}
	 * @param timeout how long a bucket operation may take, {@link #DEFAULT_TIMEOUT} usually
	 */
	public Bucket4jSharedRateLimits(AsyncProxyManager<String> buckets, String namespace, Duration timeout) {
		this.buckets = Objects.requireNonNull(buckets, "buckets must not be null");
		this.namespace = Objects.requireNonNull(namespace, "namespace must not be null");
		this.timeout = InvalidSettingException.positive("timeout", timeout);
	}

	@Override
	public Mono<Long> tryAcquire(String bucket, BucketConfiguration configuration) {
		if (!shouldTry()) {
			return Mono.error(UNAVAILABLE);
		}
		return Mono.fromFuture(() -> proxy(bucket, configuration).tryConsumeAndReturnRemaining(1))
			.timeout(this.timeout)
			.map((probe) -> probe.isConsumed() ? 0L : Math.max(1, probe.getNanosToWaitForRefill()))
			.doOnNext((nanos) -> available())
			.doOnError(this::failed);
	}

	@Override
	public Mono<Void> giveBack(String bucket, BucketConfiguration configuration) {
		return Mono.fromFuture(() -> proxy(bucket, configuration).addTokens(1)).timeout(this.timeout);
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

	/**
	 * Returns whether this call should use the backend: always while it is available; during an outage only the one
	 * call that is due to try it again. The others are counted as local fallbacks.
	 */
	private boolean shouldTry() {
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

	private AsyncBucketProxy proxy(String bucket, BucketConfiguration configuration) {
		return this.proxies.get(this.namespace + ":limit:" + bucket,
				(key) -> this.buckets.builder().withOptimization(Optimizations.batching()).build(key, configuration));
	}

	/** Records a failed bucket operation; the caller goes on with the local limits. */
	private void failed(Throwable failure) {
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
		return "Bucket4jSharedRateLimits[namespace=" + this.namespace + ", timeout=" + this.timeout + ", available="
				+ isAvailable() + "]";
	}

	/** The backend is known to be down and not due for another try: the local limits serve this call. */
	private static final class Unavailable extends IllegalStateException {

		Unavailable() {
			super("shared rate limits unavailable", null);
		}

		@Override
		public synchronized Throwable fillInStackTrace() {
			return this;
		}

	}

}
