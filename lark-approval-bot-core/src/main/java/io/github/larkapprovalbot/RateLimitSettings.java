package io.github.larkapprovalbot;

import io.github.larkapprovalbot.ratelimit.RateLimit;

/**
 * Client-side rate limits of the send, patch and helpdesk endpoints. A value of 0 disables that limit.
 *
 * @param sendPerSecond approval {@code message/send} per second (Lark: 50)
 * @param sendPerMinute approval {@code message/send} per minute (Lark: 1000)
 * @param patchPerSecond card patches per second, all messages together (Lark: 50)
 * @param patchPerMessagePerSecond card patches per second to one message (Lark: 5)
 * @param helpdeskPerMinute helpdesk messages per minute (Lark: 100)
 * @deprecated since 0.2.0, for removal: limits are set per endpoint, with
 * {@link ApprovalBotMessengerBuilder#rateLimit(LarkEndpoint, RateLimit)}, so that an endpoint added to the client
 * changes no record
 */
@Deprecated(since = "0.2.0", forRemoval = true)
public record RateLimitSettings(int sendPerSecond, int sendPerMinute, int patchPerSecond, int patchPerMessagePerSecond,
		int helpdeskPerMinute) {

	/**
	 * Creates the settings, refusing a negative value.
	 *
	 * @param sendPerSecond approval {@code message/send} per second (Lark: 50)
	 * @param sendPerMinute approval {@code message/send} per minute (Lark: 1000)
	 * @param patchPerSecond card patches per second, all messages together (Lark: 50)
	 * @param patchPerMessagePerSecond card patches per second to one message (Lark: 5)
	 * @param helpdeskPerMinute helpdesk messages per minute (Lark: 100)
	 */
	public RateLimitSettings {
		// The rules are RateLimit's.
		new RateLimit(sendPerSecond, sendPerMinute, 0);
		new RateLimit(patchPerSecond, 0, patchPerMessagePerSecond);
		new RateLimit(0, helpdeskPerMinute, 0);
	}

	/**
	 * The documented limits.
	 * @return the default settings
	 */
	public static RateLimitSettings defaults() {
		RateLimit send = ApprovalBotMessengerBuilder.defaultRateLimit(LarkEndpoint.MESSAGE_SEND);
		RateLimit patch = ApprovalBotMessengerBuilder.defaultRateLimit(LarkEndpoint.CARD_PATCH);
		return new RateLimitSettings(send.perSecond(), send.perMinute(), patch.perSecond(),
				patch.perMessagePerSecond(),
				ApprovalBotMessengerBuilder.defaultRateLimit(LarkEndpoint.HELPDESK_MESSAGE).perMinute());
	}

	/**
	 * No client-side limits.
	 * @return settings that limit nothing
	 */
	public static RateLimitSettings unlimited() {
		return new RateLimitSettings(0, 0, 0, 0, 0);
	}

	void applyTo(ApprovalBotMessengerBuilder builder) {
		builder.rateLimit(LarkEndpoint.MESSAGE_SEND, new RateLimit(this.sendPerSecond, this.sendPerMinute, 0));
		builder.rateLimit(LarkEndpoint.CARD_PATCH, new RateLimit(this.patchPerSecond, 0, this.patchPerMessagePerSecond));
		builder.rateLimit(LarkEndpoint.HELPDESK_MESSAGE, new RateLimit(0, this.helpdeskPerMinute, 0));
	}

}
