package io.github.larkapprovalbot;

import org.jspecify.annotations.Nullable;

/**
 * No valid tenant_access_token: the token endpoint refused the app credentials (10014 app disabled, 10015 wrong
 * secret, 20002 id and secret do not match...), or Lark rejected the token and both replacements tried after it.
 */
public class LarkAuthenticationException extends LarkTerminalException {

	/**
	 * Creates an exception.
	 * @param endpoint the endpoint that failed
	 * @param httpStatus the HTTP status
	 * @param code Lark's code
	 * @param msg Lark's msg
	 * @param logId the log id, if Lark sent one
	 * @param troubleshooter the troubleshooting link, if Lark sent one
	 * @deprecated since 0.2.0, for removal: use {@link #of(LarkEndpoint, int, int, String)}
	 */
	@Deprecated(since = "0.2.0", forRemoval = true)
	public LarkAuthenticationException(LarkEndpoint endpoint, int httpStatus, int code, String msg,
			@Nullable String logId, @Nullable String troubleshooter) {
		super(new LarkAnswer(endpoint, httpStatus, code, msg, logId, troubleshooter), msg);
	}

	LarkAuthenticationException(LarkAnswer answer, String problem) {
		super(answer, problem);
	}

	/**
	 * Lark refused the credentials or the token.
	 * @param endpoint the endpoint that failed
	 * @param httpStatus the HTTP status
	 * @param code Lark's code (99991663, 10015, ...)
	 * @param msg Lark's msg
	 * @return the exception
	 */
	public static LarkAuthenticationException of(LarkEndpoint endpoint, int httpStatus, int code, String msg) {
		return new LarkAuthenticationException(LarkAnswer.of(endpoint, httpStatus, code, msg), msg);
	}

}
