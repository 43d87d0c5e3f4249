package io.github.larkapprovalbot;

import org.jspecify.annotations.Nullable;

/**
 * What Lark answered to a failed call, or that it did not answer: the parts every {@link LarkApiException} carries.
 *
 * @param endpoint the endpoint called
 * @param httpStatus the HTTP status, 0 without an answer
 * @param code Lark's {@code code}, {@link LarkApiException#NO_CODE} without one
 * @param msg Lark's {@code msg}, empty without one
 * @param logId the log id Lark sent
 * @param troubleshooter Lark's {@code error.troubleshooter} link
 */
record LarkAnswer(LarkEndpoint endpoint, int httpStatus, int code, String msg, @Nullable String logId,
		@Nullable String troubleshooter) {

	/** No answer came. */
	static LarkAnswer none(LarkEndpoint endpoint) {
		return new LarkAnswer(endpoint, 0, LarkApiException.NO_CODE, "", null, null);
	}

	/** An answer without a log id or troubleshooter, as users' tests make one. */
	static LarkAnswer of(LarkEndpoint endpoint, int httpStatus, int code, String msg) {
		return new LarkAnswer(endpoint, httpStatus, code, msg, null, null);
	}

}
