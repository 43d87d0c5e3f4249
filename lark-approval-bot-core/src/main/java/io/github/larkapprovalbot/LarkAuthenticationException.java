package io.github.larkapprovalbot;

import org.jspecify.annotations.Nullable;

/**
 * No valid tenant_access_token: the token endpoint refused the app credentials (10014 app disabled, 10015 wrong
 * secret, 20002 id and secret do not match...), or Lark rejected the token and both replacements tried after it.
 */
public class LarkAuthenticationException extends LarkTerminalException {

	public LarkAuthenticationException(LarkEndpoint endpoint, int httpStatus, int code, String msg,
			@Nullable String logId, @Nullable String troubleshooter) {
		super(endpoint, httpStatus, code, msg, logId, troubleshooter, null);
	}

}
