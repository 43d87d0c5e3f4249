package io.github.larkapprovalbot.autoconfigure.redis;

import java.time.Instant;

import io.github.larkapprovalbot.SharedRateLimits;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Whether the rate limits shared through Redis are in force. Up either way, since sends go on with each instance's
 * local limits while Redis is unavailable; the details say which limits apply and since when, and that quick-approval
 * callbacks are being refused with a retryable failure meanwhile.
 */
class LarkRedisStoreHealthIndicator extends AbstractHealthIndicator {

	private final SharedRateLimits limits;

	LarkRedisStoreHealthIndicator(SharedRateLimits limits) {
		super("Lark approval bot store check failed");
		this.limits = limits;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		builder.up().withDetail("store", "redis").withDetail("localFallbacks", this.limits.localFallbacks());
		Instant since = this.limits.unavailableSince();
		if (since == null) {
			builder.withDetail("rateLimits", "shared by every instance");
		}
		else {
			builder.withDetail("rateLimits", "local to each instance: Redis unavailable")
				.withDetail("unavailableSince", since.toString())
				.withDetail("callbacks", "refused with a retryable failure until Redis answers");
		}
	}

}
