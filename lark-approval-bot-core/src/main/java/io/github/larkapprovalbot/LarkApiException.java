package io.github.larkapprovalbot;

import org.jspecify.annotations.Nullable;

/**
 * A call to the Lark Open Platform failed. Subclasses say whether a retry can help:
 * {@link LarkTransientException} (throttling, server errors, I/O, timeouts) or {@link LarkTerminalException}
 * (anything Lark refused for a reason a retry does not change). Lark reports failures in the body
 * ({@code code != 0}), also with HTTP 200; {@link #code()} is that code, or {@link #NO_CODE} when no Lark answer
 * was read.
 */
public abstract class LarkApiException extends RuntimeException {

	/** The code of a failure that carries no Lark answer (I/O error, timeout, unreadable body). */
	public static final int NO_CODE = -1;

	private final LarkEndpoint endpoint;

	private final int httpStatus;

	private final int code;

	private final String msg;

	private final @Nullable String logId;

	private final @Nullable String troubleshooter;

	protected LarkApiException(LarkEndpoint endpoint, int httpStatus, int code, String msg, @Nullable String logId,
			@Nullable String troubleshooter, @Nullable Throwable cause) {
		super(describe(endpoint, httpStatus, code, msg, logId), cause);
		this.endpoint = endpoint;
		this.httpStatus = httpStatus;
		this.code = code;
		this.msg = msg;
		this.logId = logId;
		this.troubleshooter = troubleshooter;
	}

	/**
	 * Returns the endpoint that failed.
	 * @return the endpoint
	 */
	public LarkEndpoint endpoint() {
		return this.endpoint;
	}

	/**
	 * Returns the HTTP status of Lark's answer.
	 * @return the status, or 0 when no answer was received
	 */
	public int httpStatus() {
		return this.httpStatus;
	}

	/**
	 * Returns Lark's error code ({@code code} in the body).
	 * @return the code, or {@link #NO_CODE}
	 */
	public int code() {
		return this.code;
	}

	/**
	 * Returns Lark's error description ({@code msg}), or the cause of a failure without an answer.
	 * @return the description
	 */
	public String msg() {
		return this.msg;
	}

	/**
	 * Returns the id support needs: header {@code X-Tt-Logid}, else {@code X-Request-Id}, else body
	 * {@code error.log_id}.
	 * @return the log id, if Lark sent one
	 */
	public @Nullable String logId() {
		return this.logId;
	}

	/**
	 * Returns Lark's troubleshooting link ({@code error.troubleshooter}).
	 * @return the link, if Lark sent one
	 */
	public @Nullable String troubleshooter() {
		return this.troubleshooter;
	}

	private static String describe(LarkEndpoint endpoint, int httpStatus, int code, String msg,
			@Nullable String logId) {
		StringBuilder text = new StringBuilder("Lark ").append(endpoint.tag()).append(" failed: ");
		if (code != NO_CODE) {
			text.append("code ").append(code).append(", ");
		}
		text.append(msg);
		if (httpStatus != 0) {
			text.append(" (HTTP ").append(httpStatus);
			if (logId != null) {
				text.append(", log_id ").append(logId);
			}
			text.append(')');
		}
		return text.toString();
	}

}
