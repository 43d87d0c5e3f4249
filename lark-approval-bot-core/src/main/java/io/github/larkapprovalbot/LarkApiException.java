package io.github.larkapprovalbot;

import org.jspecify.annotations.Nullable;

/**
 * A call to the Lark Open Platform failed. Subclasses say whether a retry can help:
 * {@link LarkTransientException} (throttling, server errors, I/O, timeouts) or {@link LarkTerminalException}
 * (anything Lark refused for a reason a retry does not change). Lark reports failures in the body
 * ({@code code != 0}), also with HTTP 200; {@link #code()} is that code, or {@link #NO_CODE} when no Lark answer
 * was read. Each subclass has static factories, which tests can use to fake a failure.
 */
public abstract class LarkApiException extends RuntimeException {

	/** The code of a failure that carries no Lark answer (I/O error, timeout, unreadable body). */
	public static final int NO_CODE = -1;

	/** The endpoint that failed. */
	private final LarkEndpoint endpoint;

	/** The HTTP status of Lark's answer, 0 when none was received. */
	private final int httpStatus;

	/** Lark's error code, or {@link #NO_CODE}. */
	private final int code;

	/** What Lark sent as {@code msg}, empty when no answer came. */
	private final String msg;

	/** The log id support needs, if Lark sent one. */
	private final @Nullable String logId;

	/** Lark's troubleshooting link, if Lark sent one. */
	private final @Nullable String troubleshooter;

	/** Set once by the client, before the exception reaches anyone, for the calls that carry a uuid. */
	private volatile @Nullable String uuid;

	/**
	 * Creates an exception described by Lark's {@code msg}.
	 * @param endpoint the endpoint that failed
	 * @param httpStatus the HTTP status, 0 without an answer
	 * @param code Lark's code, or {@link #NO_CODE}
	 * @param msg Lark's msg, empty without an answer
	 * @param logId the log id, if Lark sent one
	 * @param troubleshooter the troubleshooting link, if Lark sent one
	 * @param cause the cause, if any
	 */
	protected LarkApiException(LarkEndpoint endpoint, int httpStatus, int code, String msg, @Nullable String logId,
			@Nullable String troubleshooter, @Nullable Throwable cause) {
		this(new LarkAnswer(endpoint, httpStatus, code, msg, logId, troubleshooter), msg, cause);
	}

	LarkApiException(LarkAnswer answer, String problem, @Nullable Throwable cause) {
		super(describe(answer, problem), cause);
		this.endpoint = answer.endpoint();
		this.httpStatus = answer.httpStatus();
		this.code = answer.code();
		this.msg = answer.msg();
		this.logId = answer.logId();
		this.troubleshooter = answer.troubleshooter();
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
	 * Returns what Lark sent as {@code msg}. What went wrong on this side (a timeout, a connection refused, an answer
	 * without the data it must carry) is in {@link #getMessage()}.
	 * @return Lark's description, empty when no answer came
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

	/**
	 * Returns the uuid of a failed {@code message/send}: sending the same message with this uuid within Lark's hour
	 * creates no second card, however far the failed call got.
	 * @return the uuid, or {@code null} for calls other than a send
	 */
	public @Nullable String uuid() {
		return this.uuid;
	}

	/** Called once by the client before the exception is signalled. */
	void uuid(@Nullable String uuid) {
		this.uuid = uuid;
	}

	private static String describe(LarkAnswer answer, String problem) {
		StringBuilder text = new StringBuilder("Lark ").append(answer.endpoint().tag()).append(" failed: ");
		if (answer.code() != NO_CODE) {
			text.append("code ").append(answer.code()).append(", ");
		}
		text.append(problem);
		if (answer.httpStatus() != 0) {
			text.append(" (HTTP ").append(answer.httpStatus());
			if (answer.logId() != null) {
				text.append(", log_id ").append(answer.logId());
			}
			text.append(')');
		}
		return text.toString();
	}

}
