package io.github.larkapprovalbot.ratelimit;

import io.github.larkapprovalbot.validation.InvalidSettingException;

/**
 * The client-side limits of one Lark endpoint. Lark's limits are per API, app and tenant, and it refuses a request
 * over either its per-second or its per-minute limit; 0 disables a limit.
 *
 * @param perSecond calls per second
 * @param perMinute calls per minute
 * @param perMessagePerSecond calls per second to one message (Lark limits card patches to 5 per second per message);
 * ignored by endpoints that do not name a message
 */
public record RateLimit(int perSecond, int perMinute, int perMessagePerSecond) {

	/** No limit at all. */
	public static final RateLimit NONE = new RateLimit(0, 0, 0);

	/**
	 * Creates the limit, refusing a negative value.
	 *
	 * @param perSecond calls per second
	 * @param perMinute calls per minute
	 * @param perMessagePerSecond calls per second to one message (Lark limits card patches to 5 per second per message);
	 * ignored by endpoints that do not name a message
	 */
	public RateLimit {
		InvalidSettingException.notNegative("perSecond", perSecond);
		InvalidSettingException.notNegative("perMinute", perMinute);
		InvalidSettingException.notNegative("perMessagePerSecond", perMessagePerSecond);
	}

	/**
	 * Limits per second and per minute.
	 * @param perSecond calls per second, 0 for none
	 * @param perMinute calls per minute, 0 for none
	 * @return the limit
	 */
	public static RateLimit of(int perSecond, int perMinute) {
		return new RateLimit(perSecond, perMinute, 0);
	}

	/**
	 * Returns whether any limit is set.
	 * @return whether a call may have to wait
	 */
	public boolean isLimited() {
		return this.perSecond > 0 || this.perMinute > 0 || this.perMessagePerSecond > 0;
	}

	/**
	 * Returns a copy with another per-second limit.
	 * @param perSecond calls per second, 0 for none
	 * @return the copy
	 */
	public RateLimit withPerSecond(int perSecond) {
		return new RateLimit(perSecond, this.perMinute, this.perMessagePerSecond);
	}

	/**
	 * Returns a copy with another per-minute limit.
	 * @param perMinute calls per minute, 0 for none
	 * @return the copy
	 */
	public RateLimit withPerMinute(int perMinute) {
		return new RateLimit(this.perSecond, perMinute, this.perMessagePerSecond);
	}

	/**
	 * Returns a copy with another per-message limit.
	 * @param perMessagePerSecond calls per second to one message, 0 for none
	 * @return the copy
	 */
	public RateLimit withPerMessagePerSecond(int perMessagePerSecond) {
		return new RateLimit(this.perSecond, this.perMinute, perMessagePerSecond);
	}

}
