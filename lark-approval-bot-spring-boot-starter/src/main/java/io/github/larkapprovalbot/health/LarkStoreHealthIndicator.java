package io.github.larkapprovalbot.health;

import java.time.Instant;

import io.github.larkapprovalbot.redis.Bucket4jSharedRateLimits;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Whether the rate limits shared through Redis are in force. Up either way, since sends go on with each instance's
 * local limits while Redis is unavailable; the details say which limits apply and since when, and that quick-approval
 * callbacks are being refused with a retryable failure meanwhile.
 */
public class LarkStoreHealthIndicator extends AbstractHealthIndicator {

	private final Bucket4jSharedRateLimits limits;

	/**
	 * Creates the indicator.
	 * @param limits the shared rate limits whose state it reports
	 */
	public LarkStoreHealthIndicator(Bucket4jSharedRateLimits limits) {
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
