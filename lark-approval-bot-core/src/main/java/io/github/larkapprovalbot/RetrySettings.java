package io.github.larkapprovalbot;

import java.time.Duration;
import java.util.Objects;

/**
 * Bounds of the retries of transient failures: exponential backoff with jitter, and at least the wait Lark asks
 * for in {@code x-ogw-ratelimit-reset}.
 *
 * @param maxRetries retries after the first attempt (0 disables retries)
 * @param minBackoff the first backoff
 * @param maxBackoff the longest backoff
 * @param jitter the jitter factor, 0 to 1, applied to each backoff
 */
public record RetrySettings(int maxRetries, Duration minBackoff, Duration maxBackoff, double jitter) {

	public RetrySettings {
		if (maxRetries < 0) {
			throw new IllegalArgumentException("maxRetries must not be negative");
		}
		if (jitter < 0 || jitter > 1) {
			throw new IllegalArgumentException("jitter must be between 0 and 1");
		}
		Objects.requireNonNull(minBackoff, "minBackoff must not be null");
		Objects.requireNonNull(maxBackoff, "maxBackoff must not be null");
		if (minBackoff.isNegative() || maxBackoff.isNegative()) {
			throw new IllegalArgumentException("minBackoff and maxBackoff must not be negative");
		}
		if (maxBackoff.compareTo(minBackoff) < 0) {
			throw new IllegalArgumentException("maxBackoff must not be shorter than minBackoff");
		}
	}

	/**
	 * Three retries, from 200 ms up to 5 s, with 50% jitter.
	 * @return the default settings
	 */
	public static RetrySettings defaults() {
		return new RetrySettings(3, Duration.ofMillis(200), Duration.ofSeconds(5), 0.5);
	}

}
