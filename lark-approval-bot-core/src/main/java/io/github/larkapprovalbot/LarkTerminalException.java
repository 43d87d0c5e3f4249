package io.github.larkapprovalbot;

import org.jspecify.annotations.Nullable;

/**
 * A failure that a retry does not change: Lark refused the request (for example 230031, a card older than 14 days;
 * 230110, a deleted message; 154001, wrong helpdesk credentials). Never retried.
 */
public class LarkTerminalException extends LarkApiException {

	/**
	 * Creates an exception.
	 * @param endpoint the endpoint that failed
	 * @param httpStatus the HTTP status
	 * @param code Lark's code
	 * @param msg Lark's msg
	 * @param logId the log id, if Lark sent one
	 * @param troubleshooter the troubleshooting link, if Lark sent one
	 * @param cause the cause, if any
	 * @deprecated since 0.2.0, for removal: use {@link #of}
	 */
	@Deprecated(since = "0.2.0", forRemoval = true)
	public LarkTerminalException(LarkEndpoint endpoint, int httpStatus, int code, String msg, @Nullable String logId,
			@Nullable String troubleshooter, @Nullable Throwable cause) {
		super(new LarkAnswer(endpoint, httpStatus, code, msg, logId, troubleshooter), msg, cause);
	}

	LarkTerminalException(LarkAnswer answer, String problem) {
		super(answer, problem, null);
	}

	/**
	 * Lark refused the call.
	 * @param endpoint the endpoint that failed
	 * @param httpStatus the HTTP status
	 * @param code Lark's code
	 * @param msg Lark's msg
	 * @return the exception
	 */
	public static LarkTerminalException of(LarkEndpoint endpoint, int httpStatus, int code, String msg) {
		return new LarkTerminalException(LarkAnswer.of(endpoint, httpStatus, code, msg), msg);
	}

}
