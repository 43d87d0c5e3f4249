package io.github.larkapprovalbot.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.github.larkapprovalbot.LarkApiException;
import io.github.larkapprovalbot.LarkEndpoint;
import io.github.larkapprovalbot.LarkTransientException;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import io.github.resilience4j.reactor.ratelimiter.operator.RateLimiterOperator;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Resilience4j rate limiters per endpoint (and per message for card patches). A call waits, without blocking a
 * thread, until a permit frees up; only a wait longer than the call's budget fails, before anything is sent.
 */
final class RateLimiters {

	private final List<RateLimiter> send = new ArrayList<>();

	private final List<RateLimiter> patch = new ArrayList<>();

	private final List<RateLimiter> helpdesk = new ArrayList<>();

	private final @Nullable LoadingCache<String, RateLimiter> perMessage;

	RateLimiters(RateLimitSettings settings, Duration maxWait) {
		add(this.send, "message.send/s", settings.sendPerSecond(), Duration.ofSeconds(1), maxWait);
		add(this.send, "message.send/min", settings.sendPerMinute(), Duration.ofMinutes(1), maxWait);
		add(this.patch, "card.patch/s", settings.patchPerSecond(), Duration.ofSeconds(1), maxWait);
		add(this.helpdesk, "helpdesk.message/min", settings.helpdeskPerMinute(), Duration.ofMinutes(1), maxWait);
		int perMessageLimit = settings.patchPerMessagePerSecond();
		this.perMessage = (perMessageLimit > 0) ? Caffeine.newBuilder()
			.expireAfterAccess(Duration.ofMinutes(1))
			.build((messageId) -> RateLimiter.of("card.patch/message/s",
					config(perMessageLimit, Duration.ofSeconds(1), maxWait))) : null;
	}

	/**
	 * Delays the subscription to a call until every limit of its endpoint grants a permit.
	 * @param <T> the call's result
	 * @param endpoint the endpoint
	 * @param messageId the patched message, for the per-message limit
	 * @param call the call
	 * @param observations times the wait
	 * @return the limited call
	 */
	<T> Mono<T> limit(LarkEndpoint endpoint, @Nullable String messageId, Mono<T> call,
			MessengerObservations observations) {
		boolean limited = !limiters(endpoint).isEmpty()
				|| (endpoint == LarkEndpoint.CARD_PATCH && messageId != null && this.perMessage != null);
		// Endpoints without a limit neither wait nor are timed as waiting.
		return limited ? observations.rateLimitWait(endpoint, call, (inner) -> limited(endpoint, messageId, inner))
				: call;
	}

	private <T> Mono<T> limited(LarkEndpoint endpoint, @Nullable String messageId, Mono<T> call) {
		Mono<T> limited = call;
		for (RateLimiter limiter : limiters(endpoint)) {
			limited = limited.transformDeferred(RateLimiterOperator.of(limiter));
		}
		if (endpoint == LarkEndpoint.CARD_PATCH && messageId != null && this.perMessage != null) {
			limited = limited.transformDeferred(RateLimiterOperator.of(this.perMessage.get(messageId)));
		}
		return limited.onErrorMap(RequestNotPermitted.class,
				(ex) -> new LarkTransientException(endpoint, 0, LarkApiException.NO_CODE,
						"client-side rate limit: no permit within the call timeout (" + ex.getMessage() + ")", null,
						null, false, null, ex));
	}

	private List<RateLimiter> limiters(LarkEndpoint endpoint) {
		return switch (endpoint) {
			case MESSAGE_SEND -> this.send;
			case CARD_PATCH -> this.patch;
			case HELPDESK_MESSAGE -> this.helpdesk;
			default -> List.of();
		};
	}

	private static void add(List<RateLimiter> limiters, String name, int limit, Duration period, Duration maxWait) {
		if (limit > 0) {
			limiters.add(RateLimiter.of(name, config(limit, period, maxWait)));
		}
	}

	private static RateLimiterConfig config(int limit, Duration period, Duration maxWait) {
		return RateLimiterConfig.custom()
			.limitForPeriod(limit)
			.limitRefreshPeriod(period)
			.timeoutDuration(maxWait)
			.build();
	}

}
