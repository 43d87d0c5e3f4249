package io.github.larkapprovalbot.ratelimit;

import io.github.bucket4j.BucketConfiguration;
import reactor.core.publisher.Mono;

/**
 * Where the instances of an application share their rate-limit buckets (Redis, say), so that Lark's limits, which are
 * per app, hold for all of them together. {@link RateLimiter} asks here first and uses each instance's local bucket
 * only when an operation fails: each operation bounds its own time, and an implementation that knows its backend is
 * down may fail at once. One implementation serves one app: it keeps its buckets apart from other apps' itself (the
 * starter's keys are {@code <prefix>:<app id>:limit:<bucket>}).
 */
public interface SharedRateLimits {

	/**
	 * Takes a permit from a shared bucket, creating the bucket with this configuration if it does not exist.
	 * @param bucket the bucket's name: an endpoint's ({@code message.send}), or an endpoint's and a message's
	 * ({@code card.patch:om_x}); buckets of messages should expire when idle
	 * @param configuration the bucket's limits
	 * @return 0 when the permit is taken, otherwise how many nanoseconds until one may be
	 */
	Mono<Long> tryAcquire(String bucket, BucketConfiguration configuration);

	/**
	 * Gives back a permit taken for a call that then could not go (its message's bucket had none).
	 * @param bucket the bucket's name
	 * @param configuration the bucket's limits
	 * @return completion
	 */
	Mono<Void> giveBack(String bucket, BucketConfiguration configuration);

}
