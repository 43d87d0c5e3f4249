package io.github.larkapprovalbot;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;

import io.github.larkapprovalbot.internal.JsonObjects;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Lark's envelope: success is {@code code == 0} in the body (Lark also fails with HTTP 200), and every failure becomes
 * a transient or terminal {@link LarkApiException}, or a {@link LarkRateLimitException} for throttling.
 */
final class LarkResponses {

	/** Codes that mean the token was refused: evict it and repeat the request with its replacement. */
	static final Set<Integer> TOKEN_REJECTED = Set.of(99991661, 99991663, 99991664, 99991671);

	/**
	 * Throttling codes: 99991400 (gateway), 230020 (IM), the message-create and legacy limits, and the approval
	 * center's 1395001 ("do not sync the same instance repeatedly in a short time").
	 */
	static final Set<Integer> THROTTLED = Set.of(99991400, 230020, 11232, 11233, 11247, 1000004, 1000005, 90217,
			1395001);

	static final String RATE_LIMIT_RESET = "x-ogw-ratelimit-reset";

	/** The longest wait taken from {@code x-ogw-ratelimit-reset}: longer ones are as good as "not within the call". */
	static final Duration LONGEST_RESET = Duration.ofDays(1);

	/** The content type every Open Platform endpoint documents. */
	static final MediaType JSON_UTF8 = MediaType.parseMediaType("application/json; charset=utf-8");

	static final byte[] EMPTY = new byte[0];

	/** Failures that happen before a byte is written, named so that an application without the library can load us. */
	private static final Set<String> NOT_SENT = Set.of(
			"reactor.netty.internal.shaded.reactor.pool.PoolAcquirePendingLimitException",
			"reactor.netty.internal.shaded.reactor.pool.PoolAcquireTimeoutException",
			"reactor.pool.PoolAcquirePendingLimitException", "reactor.pool.PoolAcquireTimeoutException",
			"java.net.http.HttpConnectTimeoutException");

	private LarkResponses() {
	}

	/**
	 * Returns the body of a successful answer or throws the failure it reports.
	 * @param endpoint the endpoint called
	 * @param status the HTTP status
	 * @param headers the response headers
	 * @param body the response body
	 * @param mapper the JSON mapper
	 * @return the parsed body
	 * @throws LarkApiException when Lark reports a failure, or the answer is not Lark's
	 */
	static JsonNode interpret(LarkEndpoint endpoint, int status, HttpHeaders headers, byte[] body, JsonMapper mapper) {
		JsonNode json = JsonObjects.parse(body, mapper);
		JsonNode codeNode = (json != null) ? json.path("code") : JsonObjects.MISSING;
		boolean hasCode = codeNode.isIntegralNumber() && codeNode.canConvertToInt();
		int code = hasCode ? codeNode.asInt() : LarkApiException.NO_CODE;
		boolean success = status >= 200 && status < 300;
		if (json != null && success && hasCode && code == 0) {
			return json;
		}
		String msg = (json != null && json.path("msg").isString()) ? json.path("msg").asString() : "";
		LarkAnswer answer = new LarkAnswer(endpoint, status, code, msg, logId(headers, json),
				(json != null) ? json.at("/error/troubleshooter").asString(null) : null);
		if (success && !hasCode) {
			// A success without Lark's envelope (an empty body, [], a string or float code): whether Lark acted is
			// unknown.
			throw new LarkTransientException(answer, "HTTP " + status + " without a Lark answer", true, null, null);
		}
		String problem = hasCode ? msg : "HTTP " + status + " without a Lark answer";
		if (status == 429 || THROTTLED.contains(code)) {
			throw LarkRateLimitException.throttled(answer, retryAfter(headers));
		}
		if (TOKEN_REJECTED.contains(code)) {
			throw new LarkAuthenticationException(answer, problem);
		}
		if (status >= 500) {
			// Lark may have acted before failing: only calls that may be repeated repeat it.
			throw new LarkTransientException(answer, problem, true, null, null);
		}
		if (endpoint == LarkEndpoint.TENANT_ACCESS_TOKEN) {
			throw new LarkAuthenticationException(answer, problem);
		}
		throw new LarkTerminalException(answer, problem);
	}

	/**
	 * The failure of a success that lacks what its endpoint's answers must carry.
	 * @param endpoint the endpoint
	 * @param status the HTTP status
	 * @param headers the response headers
	 * @param json the answer
	 * @param problem what it lacks
	 * @return the failure
	 */
	static LarkApiException incomplete(LarkEndpoint endpoint, int status, HttpHeaders headers, JsonNode json,
			String problem) {
		LarkAnswer answer = new LarkAnswer(endpoint, status, 0, json.path("msg").asString(""), logId(headers, json),
				null);
		String description = "Lark answered success with " + problem;
		return (endpoint == LarkEndpoint.TENANT_ACCESS_TOKEN) ? new LarkAuthenticationException(answer, description)
				: new LarkTerminalException(answer, description);
	}

	/**
	 * Maps a failure without an answer. A request that provably never left (connection refused, unknown host,
	 * connect timeout, no connection from a full pool, a client already closed) is safe to repeat; any other I/O
	 * error or timeout may have reached Lark.
	 * @param endpoint the endpoint called
	 * @param failure the failure
	 * @return the exception to signal
	 */
	static Throwable noAnswer(LarkEndpoint endpoint, Throwable failure) {
		if (failure instanceof LarkApiException) {
			return failure;
		}
		return LarkTransientException.noAnswer(endpoint, !notSent(failure), failure);
	}

	static boolean isTokenRejected(Throwable failure) {
		return failure instanceof LarkAuthenticationException ex && TOKEN_REJECTED.contains(ex.code());
	}

	private static boolean notSent(Throwable failure) {
		for (Throwable t = failure; t != null; t = t.getCause()) {
			if (t instanceof ConnectException || t instanceof UnknownHostException
					|| t instanceof RejectedExecutionException || NOT_SENT.contains(t.getClass().getName())) {
				return true;
			}
			if (t.getCause() == t) {
				break;
			}
		}
		return false;
	}

	private static @Nullable String logId(HttpHeaders headers, @Nullable JsonNode json) {
		String logId = headers.getFirst("X-Tt-Logid");
		if (logId == null) {
			logId = headers.getFirst("X-Request-Id");
		}
		if (logId == null && json != null) {
			logId = json.at("/error/log_id").asString(null);
		}
		return logId;
	}

	/** Lark's wait in whole seconds, at most {@link #LONGEST_RESET}; anything unreadable is no wait. */
	private static @Nullable Duration retryAfter(HttpHeaders headers) {
		String reset = headers.getFirst(RATE_LIMIT_RESET);
		if (reset == null) {
			return null;
		}
		try {
			long seconds = Long.parseLong(reset.trim());
			return (seconds < 0) ? null : (seconds >= LONGEST_RESET.toSeconds()) ? LONGEST_RESET
					: Duration.ofSeconds(seconds);
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

}
