package io.github.larkapprovalbot;

import java.util.Arrays;

import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import jakarta.validation.ConstraintViolationException;
import reactor.core.publisher.Mono;

/**
 * Micrometer observations of the client. With a meter registry they become timers:
 * <ul>
 * <li>{@code lark.approval-bot.requests}: each call, tagged {@code endpoint}, {@code outcome} (success, transient,
 * terminal, invalid) and Lark's {@code code};</li>
 * <li>{@code lark.approval-bot.token.fetches}: each token request, tagged {@code outcome} and {@code code};</li>
 * <li>{@code lark.approval-bot.retries}: each retry, tagged {@code endpoint} and the {@code code} that caused it;</li>
 * <li>{@code lark.approval-bot.rate-limit.waits}: each call that queued for a client-side permit, and how long.</li>
 * </ul>
 */
final class MessengerObservations {

	static final String REQUESTS = "lark.approval-bot.requests";

	static final String TOKEN_FETCHES = "lark.approval-bot.token.fetches";

	static final String RETRIES = "lark.approval-bot.retries";

	static final String RATE_LIMIT_WAITS = "lark.approval-bot.rate-limit.waits";

	/** The key values of every call, built once rather than on each call. */
	private static final KeyValues[] ENDPOINTS = Arrays.stream(LarkEndpoint.values())
		.map((endpoint) -> KeyValues.of("endpoint", endpoint.tag()))
		.toArray(KeyValues[]::new);

	private static final KeyValues SUCCESS = KeyValues.of("outcome", "success", "code", "0");

	private final ObservationRegistry registry;

	MessengerObservations(ObservationRegistry registry) {
		this.registry = registry;
	}

	<T> Mono<T> call(LarkEndpoint endpoint, Mono<T> call) {
		return observe(REQUESTS, endpoint, call);
	}

	<T> Mono<T> tokenFetch(Mono<T> fetch) {
		return observe(TOKEN_FETCHES, LarkEndpoint.TENANT_ACCESS_TOKEN, fetch);
	}

	void retry(LarkEndpoint endpoint, Throwable failure) {
		if (!this.registry.isNoop()) {
			Observation.createNotStarted(RETRIES, this.registry)
				.lowCardinalityKeyValue("endpoint", endpoint.tag())
				.lowCardinalityKeyValue("code", code(failure))
				.start()
				.stop();
		}
	}

	/**
	 * Starts timing a call that waits for a client-side permit; the caller stops it when the wait ends.
	 */
	Observation rateLimitWait(LarkEndpoint endpoint) {
		return Observation.createNotStarted(RATE_LIMIT_WAITS, this.registry)
			.lowCardinalityKeyValue("endpoint", endpoint.tag())
			.start();
	}

	private <T> Mono<T> observe(String name, LarkEndpoint endpoint, Mono<T> call) {
		if (this.registry.isNoop()) {
			return call;
		}
		return Mono.defer(() -> {
			Observation observation = Observation.createNotStarted(name, this.registry)
				.lowCardinalityKeyValues(ENDPOINTS[endpoint.ordinal()])
				.start();
			return call.doOnSuccess((value) -> observation.lowCardinalityKeyValues(SUCCESS).stop()).doOnError((ex) -> {
					observation.lowCardinalityKeyValue("outcome", outcome(ex)).lowCardinalityKeyValue("code", code(ex));
					observation.error(ex);
					observation.stop();
				}).doOnCancel(() -> observation.lowCardinalityKeyValue("outcome", "cancelled")
					.lowCardinalityKeyValue("code", "none")
					.stop());
		});
	}

	private static String outcome(Throwable failure) {
		if (failure instanceof LarkTransientException) {
			return "transient";
		}
		if (failure instanceof LarkApiException) {
			return "terminal";
		}
		return (failure instanceof ConstraintViolationException) ? "invalid" : "error";
	}

	private static String code(Throwable failure) {
		return (failure instanceof LarkApiException ex && ex.code() != LarkApiException.NO_CODE)
				? Integer.toString(ex.code()) : "none";
	}

}
