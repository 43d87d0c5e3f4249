package io.github.larkapprovalbot.autoconfigure.redis;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import io.github.larkapprovalbot.ratelimit.SharedRateLimits;
import io.github.larkapprovalbot.redis.Bucket4jSharedRateLimits;

/**
 * Every app's shared rate limits, by app name.
 *
 * @param all each app's limits
 */
record LarkRedisRateLimits(Map<String, SharedRateLimits> all) {

	SharedRateLimits get(String app) {
		return Objects.requireNonNull(this.all.get(app), () -> "no shared rate limits for app " + app);
	}

	/** The limits that are the starter's Bucket4j ones, whose state metrics and health report. */
	Map<String, Bucket4jSharedRateLimits> bucket4j() {
		Map<String, Bucket4jSharedRateLimits> bucket4j = new LinkedHashMap<>();
		this.all.forEach((app, limits) -> {
			if (limits instanceof Bucket4jSharedRateLimits own) {
				bucket4j.put(app, own);
			}
		});
		return bucket4j;
	}

}
