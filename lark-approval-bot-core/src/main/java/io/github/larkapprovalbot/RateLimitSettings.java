package io.github.larkapprovalbot;

import java.util.List;

/**
 * Client-side rate limits, so that bursts queue here instead of being refused by Lark. Lark's limits are per API,
 * app and tenant; the defaults are the documented ones. A value of 0 disables that limit.
 *
 * @param sendPerSecond approval {@code message/send} per second (Lark: 50)
 * @param sendPerMinute approval {@code message/send} per minute (Lark: 1000)
 * @param patchPerSecond card patches per second, all messages together (Lark: 50)
 * @param patchPerMessagePerSecond card patches per second to one message (Lark: 5)
 * @param helpdeskPerMinute helpdesk messages per minute (Lark: 100)
 */
public record RateLimitSettings(int sendPerSecond, int sendPerMinute, int patchPerSecond, int patchPerMessagePerSecond,
		int helpdeskPerMinute) {

	public RateLimitSettings {
		if (sendPerSecond < 0 || sendPerMinute < 0 || patchPerSecond < 0 || patchPerMessagePerSecond < 0
				|| helpdeskPerMinute < 0) {
			throw new IllegalArgumentException("rate limits must not be negative (0 disables a limit): "
					+ List.of(sendPerSecond, sendPerMinute, patchPerSecond, patchPerMessagePerSecond, helpdeskPerMinute));
		}
	}

	/**
	 * The documented limits.
	 * @return the default settings
	 */
	public static RateLimitSettings defaults() {
		return new RateLimitSettings(50, 1000, 50, 5, 100);
	}

	/**
	 * No client-side limits.
	 * @return settings that limit nothing
	 */
	public static RateLimitSettings unlimited() {
		return new RateLimitSettings(0, 0, 0, 0, 0);
	}

}
