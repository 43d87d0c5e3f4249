package io.github.larkapprovalbot;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeoutException;

import io.github.larkapprovalbot.internal.JsonObjects;
import io.github.larkapprovalbot.token.TenantAccessToken;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Judges Lark's answers: success is {@code code == 0} in the body (Lark also fails with HTTP 200), and every failure
 * becomes a transient or terminal {@link LarkApiException}.
 */
final class LarkResponses {

	/** Codes that mean the token was refused: evict it and repeat the request with its replacement. */
	static final Set<Integer> TOKEN_REJECTED = Set.of(99991661, 99991663, 99991664, 99991671);

	/** Throttling codes: 99991400 (gateway), 230020 (IM) and the message-create and legacy limits. */
	static final Set<Integer> THROTTLED = Set.of(99991400, 230020, 11232, 11233, 11247, 1000004, 1000005, 90217);

	static final String RATE_LIMIT_RESET = "x-ogw-ratelimit-reset";

	/** The content type every Open Platform endpoint documents. */
	static final MediaType JSON_UTF8 = MediaType.parseMediaType("application/json; charset=utf-8");

	static final byte[] EMPTY = new byte[0];

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
	 * @throws LarkApiException when Lark reports a failure
	 */
	static JsonNode interpret(LarkEndpoint endpoint, int status, HttpHeaders headers, byte[] body, JsonMapper mapper) {
		JsonNode json = JsonObjects.parse(body, mapper);
		int code = (json != null && json.path("code").isIntegralNumber()) ? json.path("code").asInt()
				: LarkApiException.NO_CODE;
		if (json != null && status >= 200 && status < 300 && code == 0) {
			return json;
		}
		if (json == null && status >= 200 && status < 300) {
			// Something answered success in a body Lark would not send: whether Lark acted is unknown.
			throw new LarkTransientException(endpoint, status, LarkApiException.NO_CODE,
					"HTTP " + status + " without a Lark answer", logId(headers, null), null, true, null, null);
		}
		String msg = (json != null && json.path("msg").isString()) ? json.path("msg").asString()
				: "HTTP " + status + " without a Lark answer";
		String logId = logId(headers, json);
		String troubleshooter = (json != null) ? json.at("/error/troubleshooter").asString(null) : null;
		if (status == 429 || THROTTLED.contains(code)) {
			throw new LarkTransientException(endpoint, status, code, msg, logId, troubleshooter, false,
					retryAfter(headers), null);
		}
		if (TOKEN_REJECTED.contains(code)) {
			throw new LarkAuthenticationException(endpoint, status, code, msg, logId, troubleshooter);
		}
		if (status >= 500) {
			// Lark may have acted before failing: only idempotent calls repeat it.
			throw new LarkTransientException(endpoint, status, code, msg, logId, troubleshooter, true,
					retryAfter(headers), null);
		}
		if (endpoint == LarkEndpoint.TENANT_ACCESS_TOKEN) {
			throw new LarkAuthenticationException(endpoint, status, code, msg, logId, troubleshooter);
		}
		throw new LarkTerminalException(endpoint, status, code, msg, logId, troubleshooter, null);
	}

	/**
	 * Maps a failure without an answer. A request that provably never left (connection refused, unknown host,
	 * connect timeout) is safe to repeat; any other I/O error or timeout may have reached Lark.
	 * @param endpoint the endpoint called
	 * @param failure the failure
	 * @return the exception to signal
	 */
	static Throwable noAnswer(LarkEndpoint endpoint, Throwable failure) {
		if (failure instanceof LarkApiException) {
			return failure;
		}
		boolean notSent = causedBy(failure, ConnectException.class) || causedBy(failure, UnknownHostException.class);
		boolean timedOut = failure instanceof TimeoutException
				|| causedBy(failure, "io.netty.handler.timeout.ReadTimeoutException");
		String msg = timedOut ? "no answer in time" : "I/O error: " + rootMessage(failure);
		return new LarkTransientException(endpoint, 0, LarkApiException.NO_CODE, msg, null, null, !notSent, null,
				failure);
	}

	/**
	 * Reads the token out of a successful token answer.
	 * @param status the HTTP status
	 * @param headers the response headers
	 * @param json the answer, already judged a success
	 * @return the token
	 * @throws LarkAuthenticationException when the answer carries no usable token or lifetime
	 */
	static TenantAccessToken token(int status, HttpHeaders headers, JsonNode json) {
		JsonNode token = json.path("tenant_access_token");
		JsonNode expire = json.path("expire");
		String problem = (!token.isString() || token.asString().isBlank()) ? "no tenant_access_token"
				: (!expire.isIntegralNumber() || expire.asLong() <= 0) ? "no positive whole expire" : null;
		if (problem != null) {
			throw new LarkAuthenticationException(LarkEndpoint.TENANT_ACCESS_TOKEN, status, 0,
					"Lark answered success with " + problem, logId(headers, json), null);
		}
		return new TenantAccessToken(token.asString(), Duration.ofSeconds(expire.asLong()));
	}

	static boolean isTokenRejected(Throwable failure) {
		return failure instanceof LarkAuthenticationException ex && TOKEN_REJECTED.contains(ex.code());
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

	private static @Nullable Duration retryAfter(HttpHeaders headers) {
		String reset = headers.getFirst(RATE_LIMIT_RESET);
		if (reset == null) {
			return null;
		}
		try {
			long seconds = Long.parseLong(reset.trim());
			return (seconds >= 0) ? Duration.ofSeconds(seconds) : null;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
		for (Throwable t = failure; t != null; t = t.getCause()) {
			if (type.isInstance(t)) {
				return true;
			}
		}
		return false;
	}

	/** By name, for a type of a library the application may not have. */
	private static boolean causedBy(Throwable failure, String typeName) {
		for (Throwable t = failure; t != null; t = t.getCause()) {
			if (t.getClass().getName().equals(typeName)) {
				return true;
			}
		}
		return false;
	}

	private static String rootMessage(Throwable failure) {
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root.getClass().getSimpleName() + ((root.getMessage() != null) ? ": " + root.getMessage() : "");
	}

}
