package io.github.larkapprovalbot;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * A failure a later attempt may not meet: throttling (a {@link LarkRateLimitException}), a server error, an I/O error
 * or a timeout. The client retries these itself within its bounds; one reaching the caller means the bounds ran out,
 * or the request may already have reached Lark and was not safe to repeat ({@link #isAmbiguous()}).
 */
public class LarkTransientException extends LarkApiException {

	/** Whether the request may have reached Lark. */
	private final boolean ambiguous;

	/** How long Lark (or a client-side limit) asked to wait before trying again, if it did. */
	private final @Nullable Duration retryAfter;

	/**
	 * Creates an exception.
	 * @param endpoint the endpoint that failed
	 * @param httpStatus the HTTP status, 0 without an answer
	 * @param code Lark's code, or {@link #NO_CODE}
	 * @param msg Lark's msg
	 * @param logId the log id, if Lark sent one
	 * @param troubleshooter the troubleshooting link, if Lark sent one
	 * @param ambiguous whether the request may have reached Lark
	 * @param retryAfter how long Lark asked to wait, if it said
	 * @param cause the cause, if any
	 * @deprecated since 0.2.0, for removal: use the factories ({@link #serverError}, {@link #noAnswer},
	 * {@link LarkRateLimitException#throttled})
	 */
	@Deprecated(since = "0.2.0", forRemoval = true)
	public LarkTransientException(LarkEndpoint endpoint, int httpStatus, int code, String msg, @Nullable String logId,
			@Nullable String troubleshooter, boolean ambiguous, @Nullable Duration retryAfter,
			@Nullable Throwable cause) {
		this(new LarkAnswer(endpoint, httpStatus, code, msg, logId, troubleshooter), msg, ambiguous, retryAfter, cause);
	}

	LarkTransientException(LarkAnswer answer, String problem, boolean ambiguous, @Nullable Duration retryAfter,
			@Nullable Throwable cause) {
		super(answer, ambiguous ? problem + "; the request may have reached Lark" : problem, cause);
		this.ambiguous = ambiguous;
		this.retryAfter = retryAfter;
	}

	/**
	 * Lark answered with a server error (HTTP 5xx): it may have acted before failing.
	 * @param endpoint the endpoint that failed
	 * @param httpStatus the HTTP status
	 * @param code Lark's code, or {@link #NO_CODE}
	 * @param msg Lark's msg
	 * @return the exception, {@linkplain #isAmbiguous() ambiguous}
	 */
	public static LarkTransientException serverError(LarkEndpoint endpoint, int httpStatus, int code, String msg) {
		return new LarkTransientException(LarkAnswer.of(endpoint, httpStatus, code, msg), msg, true, null, null);
	}

	/**
	 * No answer came: an I/O error, a timeout, or a request that never left.
	 * @param endpoint the endpoint that failed
	 * @param mayHaveReachedLark whether the request may have been sent (false only when it provably was not: a
	 * connection refused, an unknown host, a full connection pool)
	 * @param cause the failure
	 * @return the exception, with an empty {@link #msg()}
	 */
	public static LarkTransientException noAnswer(LarkEndpoint endpoint, boolean mayHaveReachedLark,
			Throwable cause) {
		return new LarkTransientException(LarkAnswer.none(endpoint), describe(cause), mayHaveReachedLark, null, cause);
	}

	/** This failure, ending a call to an endpoint an earlier attempt of which may have reached Lark. */
	LarkTransientException afterAmbiguousAttempt(LarkEndpoint called) {
		return new LarkTransientException(new LarkAnswer(called, httpStatus(), code(), msg(), logId(),
				troubleshooter()), "an earlier attempt may have reached Lark; the last: " + getMessage(), true,
				this.retryAfter, this);
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
	 * Returns how long Lark (or a client-side limit) asked to wait before trying again.
	 * @return the wait, if one was given
	 */
	public @Nullable Duration retryAfter() {
		return this.retryAfter;
	}

	/** The failure in words: the first exception of its chain that is not a Spring or Reactor wrapper. */
	private static String describe(Throwable cause) {
		Throwable shown = cause;
		while (shown.getCause() != null && shown.getCause() != shown && (shown.getClass().getName()
			.startsWith("org.springframework.") || shown.getClass().getName().startsWith("reactor.core."))) {
			shown = shown.getCause();
		}
		if (shown instanceof java.util.concurrent.TimeoutException) {
			return "no answer in time";
		}
		return "no answer (" + shown.getClass().getSimpleName()
				+ ((shown.getMessage() != null) ? ": " + shown.getMessage() : "") + ")";
	}

}
