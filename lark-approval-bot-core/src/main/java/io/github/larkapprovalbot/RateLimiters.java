package io.github.larkapprovalbot;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Resilience4j rate limiters per endpoint (and per message for card patches). A call waits, without blocking a
 * thread, until a permit frees up; only a wait longer than the call's budget fails, before anything is sent.
 * Permits are reserved with {@link RateLimiter#reservePermission()}, as Resilience4j's Reactor operator does, so that
 * only calls that actually wait are timed.
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
	 * Delays the subscription to a call until every limit of its endpoint grants a permit, one limit after the
	 * other so that a permit is taken only when the call can use it.
	 * @param <T> the call's result
	 * @param endpoint the endpoint
	 * @param messageId the patched message, for the per-message limit
	 * @param call the call
	 * @param observations times the calls that had to wait
	 * @return the limited call
	 */
	<T> Mono<T> limit(LarkEndpoint endpoint, @Nullable String messageId, Mono<T> call,
			MessengerObservations observations) {
		List<RateLimiter> limiters = limiters(endpoint, messageId);
		if (limiters.isEmpty()) {
			return call;
		}
		return Mono.defer(() -> permits(endpoint, limiters, 0, false, observations)).then(call);
	}

	/**
	 * Reserves the permits from {@code index} on. A call that gets them at once is not timed, so the common case
	 * costs no observation; the first limit that makes it wait times the rest of the wait, however it ends.
	 */
	private Mono<Void> permits(LarkEndpoint endpoint, List<RateLimiter> limiters, int index, boolean timed,
			MessengerObservations observations) {
		for (int i = index; i < limiters.size(); i++) {
			RateLimiter limiter = limiters.get(i);
			long nanos = limiter.reservePermission();
			if (nanos < 0) {
				return Mono.error(new PermitUnavailableException(endpoint, limiter.getName()));
			}
			if (nanos > 0) {
				int next = i + 1;
				Mono<Void> rest = Mono.delay(Duration.ofNanos(nanos))
					.then(Mono.defer(() -> permits(endpoint, limiters, next, true, observations)));
				if (timed) {
					return rest;
				}
				Observation wait = observations.rateLimitWait(endpoint);
				return rest.doFinally((signal) -> wait.stop());
			}
		}
		return Mono.empty();
	}

	private List<RateLimiter> limiters(LarkEndpoint endpoint, @Nullable String messageId) {
		List<RateLimiter> limiters = switch (endpoint) {
			case MESSAGE_SEND -> this.send;
			case CARD_PATCH -> this.patch;
			case HELPDESK_MESSAGE -> this.helpdesk;
			default -> List.of();
		};
		if (endpoint == LarkEndpoint.CARD_PATCH && messageId != null && this.perMessage != null) {
			List<RateLimiter> withMessage = new ArrayList<>(limiters);
			withMessage.add(this.perMessage.get(messageId));
			return withMessage;
		}
		return limiters;
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
