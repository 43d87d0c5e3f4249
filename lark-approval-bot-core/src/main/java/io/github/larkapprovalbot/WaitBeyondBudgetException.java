package io.github.larkapprovalbot;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * A transient failure that no retry could fix within the call's budget: a client-side rate limit, or Lark's
 * {@code x-ogw-ratelimit-reset}, asks for a wait longer than the time the call has left. The client fails the call at
 * once rather than wait out its budget; the caller may try again later.
 */
final class WaitBeyondBudgetException extends LarkTransientException {

	private WaitBeyondBudgetException(LarkEndpoint endpoint, int httpStatus, int code, String msg,
			@Nullable String logId, @Nullable String troubleshooter, @Nullable Duration retryAfter) {
		super(endpoint, httpStatus, code, msg, logId, troubleshooter, false, retryAfter, null);
	}

	/** A client-side limit would grant its next permit only after the call's budget. Nothing was sent. */
	static WaitBeyondBudgetException permit(LarkEndpoint endpoint, String limit) {
		return new WaitBeyondBudgetException(endpoint, 0, LarkApiException.NO_CODE,
				"client-side rate limit " + limit + ": no permit within the call timeout", null, null, null);
	}

	/** Lark throttled the call and asks for a wait the call's budget does not have. */
	static WaitBeyondBudgetException throttled(LarkTransientException throttle, Duration retryAfter) {
		return new WaitBeyondBudgetException(throttle.endpoint(), throttle.httpStatus(), throttle.code(),
				throttle.msg() + "; Lark asks to wait " + retryAfter.toSeconds() + " s, more than the call has left",
				throttle.logId(), throttle.troubleshooter(), retryAfter);
	}

}
