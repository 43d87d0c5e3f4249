package io.github.larkapprovalbot;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import io.github.larkapprovalbot.Endpoints.Endpoint;
import io.github.larkapprovalbot.LarkApp.Runtime;
import io.github.larkapprovalbot.ratelimit.RateLimiter;
import io.github.larkapprovalbot.token.TenantAccessToken;
import io.micrometer.observation.Observation;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * Runs every call to Lark, whatever the endpoint, inside one observation: validate and serialize the payload, get a
 * token, wait for a rate-limit permit, exchange, judge Lark's answer and what a success must carry; a rejected token
 * is evicted and the exchange repeated with its replacement (at most twice); a transient failure is retried while the
 * endpoint allows repeating it and the call's deadline leaves time for the backoff; the whole call is bounded by the
 * call timeout. Everything about an endpoint comes from {@link Endpoints}.
 */
final class CallPipeline {

	private static final Log logger = LogFactory.getLog(CallPipeline.class);

	private static final String HELPDESK_AUTHORIZATION = "X-Lark-Helpdesk-Authorization";

	private static final List<MediaType> ACCEPT = List.of(MediaType.APPLICATION_JSON);

	/**
	 * How many replacement tokens one attempt may use. More than one, because the replacement can be one that other
	 * callers fetched before this rejection and that Lark has revoked since.
	 */
	private static final int TOKEN_REFRESHES = 2;

	private static final DefaultLarkObservationConvention CALLS = new DefaultLarkObservationConvention();

	private static final DefaultLarkObservationConvention TOKEN_FETCHES = new DefaultLarkObservationConvention(
			DefaultLarkObservationConvention.TOKEN_FETCHES);

	private final LarkApp app;

	CallPipeline(LarkApp app) {
		this.app = app;
	}

	/**
	 * Calls an endpoint.
	 * @param call what to call
	 * @return Lark's answer, once it is a success that carries what the endpoint's successes must
	 */
	Mono<JsonNode> call(Call call) {
		Endpoint endpoint = Endpoints.get(call.endpoint());
		Mono<JsonNode> work = Mono.defer(() -> {
			if (!this.app.enter()) {
				return Mono.error(closed(endpoint));
			}
			Mono<JsonNode> attempts;
			try {
				Runtime ready = this.app.readyRuntime();
				attempts = (ready != null) ? run(ready, endpoint, call)
						: this.app.runtime().flatMap((runtime) -> run(runtime, endpoint, call));
			}
			catch (RuntimeException ex) {
				this.app.exit();
				return Mono.error(ex);
			}
			return attempts.doFinally((signal) -> this.app.exit());
		});
		String uuid = call.uuid();
		if (uuid != null) {
			work = work.doOnError(LarkApiException.class, (failure) -> failure.uuid(uuid));
		}
		return observe(endpoint, call, work);
	}

	/**
	 * Checks a payload with its rules, as a call would before sending it.
	 * @param <T> the payload's type
	 * @param payload the payload
	 * @return the payload, once valid; a {@code ConstraintViolationException} naming each violation otherwise
	 */
	<T> Mono<T> validate(T payload) {
		return this.app.runtime().map((runtime) -> runtime.validator().validate(payload));
	}

	/** The token request of the app's own provider: one attempt, within the response timeout. */
	Mono<TenantAccessToken> fetchToken() {
		return call(new Call(LarkEndpoint.TENANT_ACCESS_TOKEN, this.app.credentials(), false, null, null, null))
			.map(TenantAccessToken::from);
	}

	private Mono<JsonNode> run(Runtime runtime, Endpoint endpoint, Call call) {
		Object payload = call.payload();
		byte[] body = (payload != null)
				? this.app.mapper.writeValueAsBytes(call.validate() ? runtime.validator().validate(payload) : payload)
				: null;
		URI uri = this.app.uri(endpoint, call.pathVariable(), call.query());
		boolean single = !endpoint.authorized();
		Duration budget = single ? this.app.responseTimeout : this.app.callTimeout;
		long deadline = this.app.time.deadline(budget);
		RateLimiter limiter = runtime.limiter(endpoint.id());
		Function<@Nullable String, Mono<JsonNode>> attempt = (token) -> {
			Mono<JsonNode> exchange = exchange(runtime, endpoint, uri, body, token);
			return (limiter != null && limiter.limits(call.pathVariable()))
					? limiter.acquire(call.pathVariable(), deadline).then(exchange) : exchange;
		};
		Mono<JsonNode> attempts = endpoint.authorized() ? authorized(runtime, attempt, TOKEN_REFRESHES)
				: attempt.apply(null);
		if (!single) {
			attempts = retried(attempts, endpoint, deadline, 0, null);
		}
		return within(attempts, budget)
			.onErrorMap((ex) -> !(ex instanceof LarkApiException), (ex) -> LarkResponses.noAnswer(endpoint.id(), ex));
	}

	/**
	 * Runs the exchange with the current token; a token Lark rejects is evicted and the exchange repeated with the
	 * token that replaces it. A rejected request did nothing, so repeating it is safe for every endpoint.
	 */
	private Mono<JsonNode> authorized(Runtime runtime, Function<@Nullable String, Mono<JsonNode>> exchange,
			int refreshes) {
		return runtime.tokens()
			.token()
			.flatMap((token) -> exchange.apply(token)
				.onErrorResume((ex) -> refreshes > 0 && LarkResponses.isTokenRejected(ex), (rejected) -> {
					runtime.tokens().invalidate(token);
					return authorized(runtime, exchange, refreshes - 1);
				}));
	}

	private Mono<JsonNode> exchange(Runtime runtime, Endpoint endpoint, URI uri, byte @Nullable [] body,
			@Nullable String token) {
		return Mono.defer(() -> {
			if (this.app.isAborted()) {
				return Mono.error(closed(endpoint));
			}
			long start = System.nanoTime();
			WebClient.RequestBodySpec request = runtime.webClient().method(endpoint.method()).uri(uri);
			if (runtime.nettyResponseTimeout() != null) {
				request = request.httpRequest(runtime.nettyResponseTimeout());
			}
			request = request.headers((headers) -> headers(headers, endpoint, token, body != null));
			// A GET may carry a body too: Lark's external_tasks takes its query as JSON.
			WebClient.RequestHeadersSpec<?> sending = (body != null) ? request.bodyValue(body) : request;
			Mono<JsonNode> answer = sending.exchangeToMono((response) -> response.bodyToMono(byte[].class)
				.defaultIfEmpty(LarkResponses.EMPTY)
				.map((bytes) -> judge(endpoint, uri, response.statusCode().value(), response.headers().asHttpHeaders(),
						bytes, start)));
			if (runtime.nettyResponseTimeout() == null) {
				answer = within(answer, this.app.responseTimeout);
			}
			// Once a close's grace period has passed, the wait for the answer ends, whatever the connector: a given one
			// outlives the app, and Reactor Netty's event loops, stopping, can drop the connection without failing it.
			answer = answer.takeUntilOther(this.app.aborted())
				.switchIfEmpty(Mono.error(() -> closedBeforeAnswer(endpoint)));
			return answer.onErrorMap((ex) -> !(ex instanceof LarkApiException), (ex) -> {
				if (logger.isDebugEnabled()) {
					logger.debug(endpoint.method() + " " + uri.getPath() + " -> no answer (" + ex + ") in "
							+ millis(start) + " ms");
				}
				return LarkResponses.noAnswer(endpoint.id(), ex);
			});
		});
	}

	/**
	 * What {@code timeout(limit)} does, without the description that operator builds on every call from the names of
	 * the operators before it.
	 */
	private Mono<JsonNode> within(Mono<JsonNode> answer, Duration limit) {
		return answer.takeUntilOther(Mono.delay(limit, this.app.time.scheduler()))
			.switchIfEmpty(Mono.error(() -> new TimeoutException("no answer within " + limit.toMillis() + " ms")));
	}

	private void headers(HttpHeaders headers, Endpoint endpoint, @Nullable String token, boolean hasBody) {
		if (token != null) {
			headers.setBearerAuth(token);
		}
		if (hasBody) {
			headers.setContentType(LarkResponses.JSON_UTF8);
		}
		headers.setAccept(ACCEPT);
		if (endpoint.id() == LarkEndpoint.HELPDESK_MESSAGE && this.app.helpdeskAuthorization != null) {
			headers.set(HELPDESK_AUTHORIZATION, this.app.helpdeskAuthorization);
		}
	}

	/** Lark's answer, a success only when it also carries what the endpoint's successes must. */
	private JsonNode judge(Endpoint endpoint, URI uri, int status, HttpHeaders headers, byte[] bytes, long start) {
		try {
			JsonNode json = LarkResponses.interpret(endpoint.id(), status, headers, bytes, this.app.mapper);
			String problem = endpoint.success().problem(json);
			if (problem != null) {
				throw LarkResponses.incomplete(endpoint.id(), status, headers, json, problem);
			}
			log(endpoint, uri, status, 0, headers.getFirst("X-Tt-Logid"), start);
			return json;
		}
		catch (LarkApiException ex) {
			log(endpoint, uri, status, ex.code(), ex.logId(), start);
			throw ex;
		}
	}

	/**
	 * Retries a transient failure while the endpoint allows it, the retries are not used up and the deadline leaves
	 * time for the wait: the backoff (exponential with jitter), and at least what Lark asked for. A throttle whose
	 * wait the deadline does not leave ends the call at once as a {@link LarkRateLimitException}. Resubscribing on
	 * error, rather than {@code retryWhen}, costs a successful call nothing but one operator.
	 */
	private Mono<JsonNode> retried(Mono<JsonNode> attempts, Endpoint endpoint, long deadline, int retries,
			@Nullable LarkTransientException mayHaveReached) {
		return attempts.onErrorResume((failure) -> {
			RetrySettings settings = this.app.retry;
			if (!(failure instanceof LarkTransientException transientFailure) || this.app.isAborted()
					|| (failure instanceof LarkRateLimitException throttle && throttle.isClientSide())
					|| !repeatable(endpoint, transientFailure) || retries >= settings.maxRetries()) {
				return Mono.error(afterEarlierAttempts(endpoint, failure, mayHaveReached));
			}
			Duration backoff = backoff(settings, retries);
			Duration asked = transientFailure.retryAfter();
			Duration wait = (asked != null && asked.compareTo(backoff) > 0) ? asked : backoff;
			if (this.app.time.remaining(deadline).compareTo(wait) <= 0) {
				return Mono.error(afterEarlierAttempts(endpoint, (failure instanceof LarkRateLimitException throttle
						&& asked != null && this.app.time.remaining(deadline).compareTo(asked) <= 0)
								? throttle.beyondBudget() : failure, mayHaveReached));
			}
			observeRetry(endpoint, transientFailure);
			LarkTransientException reached = (mayHaveReached == null && transientFailure.isAmbiguous()
					&& transientFailure.endpoint() == endpoint.id()) ? transientFailure : mayHaveReached;
			return Mono.delay(wait, this.app.time.scheduler())
				.takeUntilOther(this.app.aborted())
				.switchIfEmpty(Mono.error(afterEarlierAttempts(endpoint, failure, reached)))
				.then(retried(attempts, endpoint, deadline, retries + 1, reached));
		});
	}

	/**
	 * The last attempt's failure may say "not sent" while an earlier attempt may have reached Lark: the call as a
	 * whole is then ambiguous, which is what a caller deciding on a repeat (the outbox) must know. A last transient
	 * failure becomes ambiguous; any other keeps its type and carries the earlier attempt's failure as suppressed.
	 */
	private static Throwable afterEarlierAttempts(Endpoint endpoint, Throwable failure,
			@Nullable LarkTransientException mayHaveReached) {
		if (mayHaveReached == null || failure == mayHaveReached) {
			return failure;
		}
		if (failure instanceof LarkTransientException last) {
			return last.isAmbiguous() ? failure : last.afterAmbiguousAttempt(endpoint.id());
		}
		failure.addSuppressed(mayHaveReached);
		return failure;
	}

	/** A failure of the token endpoint inside another call left that call's request unsent. */
	private static boolean repeatable(Endpoint endpoint, LarkTransientException failure) {
		return failure.endpoint() != endpoint.id() || endpoint.repeatable(failure);
	}

	/** {@code minBackoff * 2^retries}, at most {@code maxBackoff}, spread by the jitter within those bounds. */
	static Duration backoff(RetrySettings settings, long retries) {
		long min = settings.minBackoff().toNanos();
		long max = settings.maxBackoff().toNanos();
		long base = (retries >= 62 || min << retries >>> retries != min) ? max : Math.min(max, min << retries);
		long offset = (long) (base * settings.jitter());
		long jittered = (offset > 0) ? base + ThreadLocalRandom.current().nextLong(-offset, offset + 1) : base;
		return Duration.ofNanos(Math.max(min, Math.min(max, jittered)));
	}

	private Mono<JsonNode> observe(Endpoint endpoint, Call call, Mono<JsonNode> work) {
		if (this.app.observations.isNoop()) {
			return work;
		}
		return Mono.deferContextual((reactorContext) -> {
			LarkObservationContext context = new LarkObservationContext(endpoint.id(), this.app.appName, call.uuid());
			Observation observation = LarkObservationDocumentation.LARK_CALL.observation(this.app.observationConvention,
					endpoint.authorized() ? CALLS : TOKEN_FETCHES, () -> context, this.app.observations);
			observation.parentObservation(reactorContext.getOrDefault(ObservationThreadLocalAccessor.KEY, null));
			observation.start();
			return work.doOnSuccess((json) -> observation.stop()).doOnError((ex) -> {
				observation.error(ex);
				observation.stop();
			}).doOnCancel(() -> {
				context.cancelled();
				observation.stop();
			}).contextWrite((inner) -> inner.put(ObservationThreadLocalAccessor.KEY, observation));
		});
	}

	private void observeRetry(Endpoint endpoint, LarkTransientException failure) {
		if (!this.app.observations.isNoop()) {
			Observation.createNotStarted(LarkObservationDocumentation.RETRIES, this.app.observations)
				.lowCardinalityKeyValue(LarkObservationDocumentation.LowCardinalityKeyNames.ENDPOINT.asString(),
						endpoint.id().tag())
				.lowCardinalityKeyValue(LarkObservationDocumentation.LowCardinalityKeyNames.APP.asString(),
						this.app.appName)
				.lowCardinalityKeyValue(LarkObservationDocumentation.LowCardinalityKeyNames.CODE.asString(),
						(failure.code() != LarkApiException.NO_CODE) ? Integer.toString(failure.code()) : "none")
				.start()
				.stop();
		}
	}

	private LarkTransientException closed(Endpoint endpoint) {
		return LarkTransientException.noAnswer(endpoint.id(), false,
				new IllegalStateException("the Lark client of app " + this.app.appName + " is closed"));
	}

	/** The grace period of a close passed while the request was out: Lark may have it. */
	private LarkTransientException closedBeforeAnswer(Endpoint endpoint) {
		return LarkTransientException.noAnswer(endpoint.id(), true, new IllegalStateException(
				"the Lark client of app " + this.app.appName + " was closed before Lark answered"));
	}

	private static void log(Endpoint endpoint, URI uri, int status, int code, @Nullable String logId, long start) {
		if (logger.isDebugEnabled()) {
			logger.debug(endpoint.method() + " " + uri.getPath() + " -> HTTP " + status + ", code " + code
					+ ", log_id " + logId + " in " + millis(start) + " ms");
		}
	}

	private static long millis(long start) {
		return Duration.ofNanos(System.nanoTime() - start).toMillis();
	}

	/**
	 * One call: the endpoint, its payload and what varies per call.
	 *
	 * @param endpoint the endpoint
	 * @param payload the body, serialized with Jackson; none for {@code null}
	 * @param validate whether the payload is checked with its rules first
	 * @param pathVariable the path's variable (a message id), which also keys a per-message limit
	 * @param query the query string
	 * @param uuid the uuid Lark de-duplicates a send on, for the exception of a failed send
	 */
	record Call(LarkEndpoint endpoint, @Nullable Object payload, boolean validate, @Nullable String pathVariable,
			@Nullable String query, @Nullable String uuid) {

	}

}
