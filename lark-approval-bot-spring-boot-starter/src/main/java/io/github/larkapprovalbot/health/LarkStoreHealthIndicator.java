package io.github.larkapprovalbot.health;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import io.github.larkapprovalbot.apps.AppRegistry;
import io.github.larkapprovalbot.redis.Bucket4jSharedRateLimits;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Whether the rate limits shared through Redis are in force. Up either way, since sends go on with each instance's
 * local limits while Redis is unavailable; the details say which limits apply and since when, and that quick-approval
 * callbacks are being refused with a retryable failure meanwhile.
 */
public class LarkStoreHealthIndicator extends AbstractHealthIndicator {

	private final Map<String, Bucket4jSharedRateLimits> limits;

	/**
	 * Creates the indicator of one app's limits.
	 * @param limits the shared rate limits whose state it reports
	 */
	public LarkStoreHealthIndicator(Bucket4jSharedRateLimits limits) {
		this(Map.of(AppRegistry.DEFAULT_APP, limits));
	}

	/**
	 * Creates the indicator of several apps' limits: the details of each app are under its name.
	 * @param limits each app's shared rate limits
	 */
	public LarkStoreHealthIndicator(Map<String, Bucket4jSharedRateLimits> limits) {
		super("Lark approval bot store check failed");
		this.limits = Map.copyOf(limits);
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		builder.up().withDetail("store", "redis");
		if (this.limits.size() == 1) {
			builder.withDetails(details(this.limits.values().iterator().next()));
		}
		else {
			new TreeMap<>(this.limits).forEach((app, limits) -> builder.withDetail(app, details(limits)));
		}
	}

	private static Map<String, Object> details(Bucket4jSharedRateLimits limits) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("localFallbacks", limits.localFallbacks());
		Instant since = limits.unavailableSince();
		if (since == null) {
			details.put("rateLimits", "shared by every instance");
		}
		else {
			details.put("rateLimits", "local to each instance: Redis unavailable");
			details.put("unavailableSince", since.toString());
			details.put("callbacks", "refused with a retryable failure until Redis answers");
		}
		return details;
	}

}
