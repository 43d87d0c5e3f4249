package io.github.larkapprovalbot;

import org.jspecify.annotations.Nullable;

/**
 * A failure that a retry does not change: Lark refused the request (for example 230031, a card older than 14 days;
 * 230110, a deleted message; 154001, wrong helpdesk credentials). Never retried.
 */
public class LarkTerminalException extends LarkApiException {

	public LarkTerminalException(LarkEndpoint endpoint, int httpStatus, int code, String msg, @Nullable String logId,
			@Nullable String troubleshooter, @Nullable Throwable cause) {
		super(endpoint, httpStatus, code, msg, logId, troubleshooter, cause);
	}

}
