package io.github.larkapprovalbot.test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A misbehaviour of the sandbox, injected with {@link LarkSandbox#inject(Fault)} for the next requests or with
 * {@link LarkSandbox#injectAtRandom(long, Map)} at a rate. A fault applies to the API endpoints (approval send and
 * update, card patch, helpdesk, the approval center's) unless {@link #on(SandboxRequest.Endpoint) aimed} at one, the
 * token endpoint included.
 * <p>
 * Faults that lose only the answer ({@link #dropAfterWork()}, {@link #delay(Duration)}) apply the request first, as a
 * real outage can: the caller cannot tell whether it reached Lark. The others leave the sandbox unchanged.
 */
public final class Fault {

	enum Kind {

		ANSWER, DROP_BEFORE_WORK, DROP_AFTER_WORK, DELAY, REVOKE_TOKEN

	}

	private final Kind kind;

	private final int status;

	private final String body;

	private final Map<String, String> headers;

	private final Duration delay;

	private final int times;

	/** How long the fault lasts from its injection; zero when it lasts {@link #times} requests instead. */
	private final Duration lasting;

	private final SandboxRequest.@Nullable Endpoint endpoint;

	private Fault(Kind kind, int status, String body, Map<String, String> headers, Duration delay, int times,
			Duration lasting, SandboxRequest.@Nullable Endpoint endpoint) {
		this.kind = kind;
		this.status = status;
		this.body = body;
		this.headers = Map.copyOf(headers);
		this.delay = delay;
		this.times = times;
		this.lasting = lasting;
		this.endpoint = endpoint;
	}

	private static Fault of(Kind kind) {
		return new Fault(kind, 0, "", Map.of(), Duration.ZERO, 1, Duration.ZERO, null);
	}

	/**
	 * Lark's gateway throttles: HTTP 429, code 99991400 and {@code x-ogw-ratelimit-reset}.
	 * @param reset how long the caller is told to wait, rounded up to whole seconds as on the wire
	 * @return the fault
	 */
	public static Fault throttle(Duration reset) {
		long seconds = Math.max(1, (reset.toMillis() + 999) / 1000);
		return answer(429, "{\"code\":99991400,\"msg\":\"request trigger frequency limit\"}")
			.withHeader("x-ogw-ratelimit-reset", Long.toString(seconds));
	}

	/**
	 * An internal error: HTTP 500 with Lark's error body.
	 * @return the fault
	 */
	public static Fault serverError() {
		return answer(500, "{\"code\":155000,\"msg\":\"Internal error\"}");
	}

	/**
	 * Any answer, for cases Lark's documentation does not describe (a gateway's HTML page, a body without a field the
	 * caller expects). The request is not applied.
	 * @param status the HTTP status
	 * @param body the body, sent as {@code application/json} unless a {@code Content-Type} header is added
	 * @return the fault
	 */
	public static Fault answer(int status, String body) {
		return new Fault(Kind.ANSWER, status, body, Map.of(), Duration.ZERO, 1, Duration.ZERO, null);
	}

	/**
	 * The connection is closed before the request is applied, without an answer.
	 * @return the fault
	 */
	public static Fault dropBeforeWork() {
		return of(Kind.DROP_BEFORE_WORK);
	}

	/**
	 * The request is applied, then the connection is closed without an answer.
	 * @return the fault
	 */
	public static Fault dropAfterWork() {
		return of(Kind.DROP_AFTER_WORK);
	}

	/**
	 * The request is applied and its answer held back.
	 * @param delay how long the answer waits
	 * @return the fault
	 */
	public static Fault delay(Duration delay) {
		return new Fault(Kind.DELAY, 0, "", Map.of(), delay, 1, Duration.ZERO, null);
	}

	/**
	 * The token the request carries is revoked: the request is answered 99991663 and the next token request gets a
	 * new token.
	 * @return the fault
	 */
	public static Fault revokeToken() {
		return of(Kind.REVOKE_TOKEN);
	}

	/**
	 * Returns this fault with a header added to its answer.
	 * @param name the header name
	 * @param value the header value
	 * @return a new fault
	 */
	public Fault withHeader(String name, String value) {
		Map<String, String> headers = new LinkedHashMap<>(this.headers);
		headers.put(name, value);
		return new Fault(this.kind, this.status, this.body, headers, this.delay, this.times, this.lasting,
				this.endpoint);
	}

	/**
	 * Returns this fault for the next {@code times} requests instead of the next one.
	 * @param times how many requests, at least 1
	 * @return a new fault
	 */
	public Fault times(int times) {
		if (times < 1) {
			throw new IllegalArgumentException("times must be at least 1, was " + times);
		}
		if (!this.lasting.isZero()) {
			throw new IllegalStateException("A fault lasts a number of requests or a duration, not both: " + this);
		}
		return new Fault(this.kind, this.status, this.body, this.headers, this.delay, times, Duration.ZERO,
				this.endpoint);
	}

	/**
	 * Returns this fault for every matching request during {@code duration} from its injection, by the sandbox's
	 * clock ({@link LarkSandbox.Builder#clock}), instead of a number of requests: an outage.
	 * @param duration how long, positive
	 * @return a new fault
	 */
	public Fault lasting(Duration duration) {
		if (duration.isNegative() || duration.isZero()) {
			throw new IllegalArgumentException("duration must be positive, was " + duration);
		}
		if (this.times > 1) {
			throw new IllegalStateException("A fault lasts a number of requests or a duration, not both: " + this);
		}
		return new Fault(this.kind, this.status, this.body, this.headers, this.delay, 1, duration, this.endpoint);
	}

	/**
	 * Returns this fault aimed at one endpoint.
	 * @param endpoint the endpoint, {@link SandboxRequest.Endpoint#TOKEN} included
	 * @return a new fault
	 */
	public Fault on(SandboxRequest.Endpoint endpoint) {
		return new Fault(this.kind, this.status, this.body, this.headers, this.delay, this.times, this.lasting,
				Objects.requireNonNull(endpoint, "endpoint"));
	}

	Kind kind() {
		return this.kind;
	}

	int status() {
		return this.status;
	}

	String body() {
		return this.body;
	}

	Map<String, String> headers() {
		return this.headers;
	}

	Duration delay() {
		return this.delay;
	}

	int times() {
		return this.times;
	}

	Duration lasting() {
		return this.lasting;
	}

	boolean appliesTo(SandboxRequest.Endpoint endpoint) {
		return (this.endpoint != null) ? this.endpoint == endpoint : endpoint != SandboxRequest.Endpoint.TOKEN;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return other instanceof Fault that && this.kind == that.kind && this.status == that.status
				&& this.body.equals(that.body) && this.headers.equals(that.headers) && this.delay.equals(that.delay)
				&& this.times == that.times && this.lasting.equals(that.lasting) && this.endpoint == that.endpoint;
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.kind, this.status, this.body, this.headers, this.delay, this.times, this.lasting,
				this.endpoint);
	}

	@Override
	public String toString() {
		String what = switch (this.kind) {
			case ANSWER -> "answer " + this.status + " " + this.body;
			case DELAY -> "delay " + this.delay;
			default -> this.kind.name().toLowerCase().replace('_', ' ');
		};
		return what + ((this.endpoint != null) ? " on " + this.endpoint : "") + ((this.times > 1) ? " x" + this.times : "")
				+ (this.lasting.isZero() ? "" : " for " + this.lasting);
	}

}
