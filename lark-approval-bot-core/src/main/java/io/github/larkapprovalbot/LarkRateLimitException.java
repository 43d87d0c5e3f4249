package io.github.larkapprovalbot;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * A call was throttled: Lark refused it for its rate limit (HTTP 429, 99991400, 230020...), or a client-side limit had
 * no permit for it within the time the call had left. Nothing was done: trying again after {@link #retryAfter()} is
 * safe for every endpoint. The client retries Lark's throttling itself while the wait fits in the call's budget; a
 * throttle that reaches the caller asked for a longer wait than the call had left.
 */
public final class LarkRateLimitException extends LarkTransientException {

	/** The client-side limit that had no permit, {@code null} when Lark throttled the call. */
	private final @Nullable String limit;

	private LarkRateLimitException(LarkAnswer answer, String problem, @Nullable Duration retryAfter,
			@Nullable String limit) {
		super(answer, problem, false, retryAfter, null);
		this.limit = limit;
	}

	/**
	 * Lark throttled the call.
	 * @param endpoint the endpoint
	 * @param httpStatus the HTTP status (429, or 400 on some legacy endpoints)
	 * @param code Lark's code (99991400, 230020, ...), or {@link #NO_CODE}
	 * @param msg Lark's msg
	 * @param retryAfter how long Lark asked to wait ({@code x-ogw-ratelimit-reset}), if it said
	 * @return the exception
	 */
	public static LarkRateLimitException throttled(LarkEndpoint endpoint, int httpStatus, int code, String msg,
			@Nullable Duration retryAfter) {
		return throttled(LarkAnswer.of(endpoint, httpStatus, code, msg), retryAfter);
	}

	static LarkRateLimitException throttled(LarkAnswer answer, @Nullable Duration retryAfter) {
		return new LarkRateLimitException(answer, answer.msg(), retryAfter, null);
	}

	/**
	 * A client-side limit would give the call its permit only after the call's deadline. Nothing was sent.
	 * @param endpoint the endpoint
	 * @param limit the limit, for example {@code message.send}
	 * @param retryAfter how long until the limit has a permit
	 * @return the exception, with HTTP status 0 and no code
	 */
	public static LarkRateLimitException noPermit(LarkEndpoint endpoint, String limit, Duration retryAfter) {
		return new LarkRateLimitException(LarkAnswer.none(endpoint),
				"client-side rate limit " + limit + " has no permit within the call timeout (next in "
						+ retryAfter.toMillis() + " ms); nothing was sent",
				retryAfter, limit);
	}

	/** Lark throttled the call and asks for a wait longer than the call has left. */
	LarkRateLimitException beyondBudget() {
		Duration wait = retryAfter();
		LarkRateLimitException beyond = new LarkRateLimitException(
				new LarkAnswer(endpoint(), httpStatus(), code(), msg(), logId(), troubleshooter()),
				msg() + "; Lark asks to wait " + ((wait != null) ? wait.toSeconds() : "?")
						+ " s, more than the call has left",
				wait, null);
		beyond.uuid(uuid());
		return beyond;
	}

	/**
	 * Returns the client-side limit that had no permit.
	 * @return the limit, or {@code null} when Lark throttled the call
	 */
	public @Nullable String limit() {
		return this.limit;
	}

	/**
	 * Returns whether a client-side limit, not Lark, refused the call.
	 * @return whether nothing was sent
	 */
	public boolean isClientSide() {
		return this.limit != null;
	}

}
