package io.github.larkapprovalbot;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * A failure a later attempt may not meet: throttling (HTTP 429, 99991400, 230020), a server error, an I/O error or
 * a timeout. The client retries these itself within its bounds; one reaching the caller means the bounds ran out,
 * or the request may already have reached Lark and was not safe to repeat ({@link #isAmbiguous()}).
 */
public class LarkTransientException extends LarkApiException {

	private final boolean ambiguous;

	private final @Nullable Duration retryAfter;

	public LarkTransientException(LarkEndpoint endpoint, int httpStatus, int code, String msg, @Nullable String logId,
			@Nullable String troubleshooter, boolean ambiguous, @Nullable Duration retryAfter,
			@Nullable Throwable cause) {
		super(endpoint, httpStatus, code, ambiguous ? msg + "; the request may have reached Lark" : msg, logId,
				troubleshooter, cause);
		this.ambiguous = ambiguous;
		this.retryAfter = retryAfter;
	}

	/**
	 * Returns whether Lark may have acted on the request (connection lost after it was sent, timeout, server
	 * error): repeating a request that has no idempotency key could then deliver it twice.
	 * @return whether the outcome is unknown
	 */
	public boolean isAmbiguous() {
		return this.ambiguous;
	}

	/**
	 * Returns how long Lark asked to wait ({@code x-ogw-ratelimit-reset}).
	 * @return the wait, if Lark said
	 */
	public @Nullable Duration retryAfter() {
		return this.retryAfter;
	}

}
