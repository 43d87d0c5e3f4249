package io.github.larkapprovalbot;

import java.time.Duration;

import io.github.larkapprovalbot.validation.InvalidSettingException;

/**
 * Bounds of the retries of transient failures: exponential backoff with jitter, and at least the wait Lark asks for
 * in {@code x-ogw-ratelimit-reset}. Retries stop at whichever comes first: {@code maxRetries}, or a wait that would
 * end after the call's deadline (the call timeout), so that a call spends its budget retrying rather than giving up
 * early, and never outlives it.
 *
 * @param maxRetries retries after the first attempt at most (0 disables retries)
 * @param minBackoff the first backoff
 * @param maxBackoff the longest backoff
 * @param jitter the jitter factor, 0 to 1, applied to each backoff
 */
public record RetrySettings(int maxRetries, Duration minBackoff, Duration maxBackoff, double jitter) {

	/**
	 * Creates the settings, refusing a negative value, a jitter outside 0 to 1 or a maximum backoff shorter than the
	 * minimum.
	 *
	 * @param maxRetries retries after the first attempt at most (0 disables retries)
	 * @param minBackoff the first backoff
	 * @param maxBackoff the longest backoff
	 * @param jitter the jitter factor, 0 to 1, applied to each backoff
	 */
	public RetrySettings {
		InvalidSettingException.notNegative("maxRetries", maxRetries);
		InvalidSettingException.notNegative("minBackoff", minBackoff);
		InvalidSettingException.notNegative("maxBackoff", maxBackoff);
		if (jitter < 0 || jitter > 1) {
			throw new InvalidSettingException("jitter", "must be between 0 and 1", jitter);
		}
		if (maxBackoff.compareTo(minBackoff) < 0) {
			throw new InvalidSettingException("maxBackoff", "must not be shorter than minBackoff", maxBackoff);
		}
	}

	/**
	 * Up to 10 retries, from 200 ms doubling up to 5 s, with 50% jitter. With the default 30 s call timeout the
	 * deadline ends them first, after about 9 retries over some 25 s: a server error or a throttle of Lark's is
	 * waited out for most of the budget, while 200 ms is short enough for a brief blip.
	 * @return the default settings
	 */
	public static RetrySettings defaults() {
		return new RetrySettings(10, Duration.ofMillis(200), Duration.ofSeconds(5), 0.5);
	}

}
