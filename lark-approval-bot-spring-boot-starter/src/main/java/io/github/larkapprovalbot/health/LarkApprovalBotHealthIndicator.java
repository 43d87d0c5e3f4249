package io.github.larkapprovalbot.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

import io.github.larkapprovalbot.LarkApiException;
import io.github.larkapprovalbot.token.TenantAccessTokenProvider;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.health.contributor.AbstractReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import reactor.core.publisher.Mono;

/**
 * Up when a tenant_access_token can be had (from the cache or from Lark). Down shows Lark's code, msg and log_id;
 * never the token or a credential. A failed fetch is remembered, and answers the probes that follow, for a backoff
 * that doubles with each further failure (5 s, 10 s, ... up to 5 minutes), so that probes do not call Lark over and
 * over during an outage. It is not in the readiness group unless the application adds it: Lark being down should not
 * take the application out of its load balancer.
 */
public class LarkApprovalBotHealthIndicator extends AbstractReactiveHealthIndicator {

	private static final Duration FIRST_BACKOFF = Duration.ofSeconds(5);

	private static final Duration MAX_BACKOFF = Duration.ofMinutes(5);

	private final Supplier<TenantAccessTokenProvider> tokenProvider;

	private final Clock clock;

	private final Duration firstBackoff;

	private final Duration maxBackoff;

	private volatile @Nullable Failure lastFailure;

	/**
	 * Creates an indicator that backs off from 5 s up to 5 minutes.
	 * @param tokenProvider supplies the provider, on the first check
	 */
	public LarkApprovalBotHealthIndicator(Supplier<TenantAccessTokenProvider> tokenProvider) {
		this(tokenProvider, Clock.systemUTC(), FIRST_BACKOFF, MAX_BACKOFF);
	}

	/**
	 * Creates an indicator with its own clock and backoff.
	 * @param tokenProvider supplies the provider, on the first check
	 * @param clock the clock the backoff is measured on
	 * @param firstBackoff how long the first failure is answered
	 * @param maxBackoff the longest backoff
	 */
	public LarkApprovalBotHealthIndicator(Supplier<TenantAccessTokenProvider> tokenProvider, Clock clock,
			Duration firstBackoff, Duration maxBackoff) {
		super((ex) -> "Lark tenant_access_token unavailable");
		this.tokenProvider = tokenProvider;
		this.clock = clock;
		this.firstBackoff = firstBackoff;
		this.maxBackoff = maxBackoff;
	}

	@Override
	protected Mono<Health> doHealthCheck(Health.Builder builder) {
		Instant now = this.clock.instant();
		Failure previous = this.lastFailure;
		if (previous != null && now.isBefore(previous.nextCheck)) {
			return Mono.just(previous.health);
		}
		return this.tokenProvider.get().token().map((token) -> {
			this.lastFailure = null;
			return builder.up().build();
		}).onErrorResume(LarkApiException.class, (ex) -> {
			Duration backoff = (previous == null) ? this.firstBackoff : min(previous.backoff.multipliedBy(2));
			builder.down().withDetail("endpoint", ex.endpoint().tag()).withDetail("code", ex.code());
			builder.withDetail("msg", ex.msg()).withDetail("httpStatus", ex.httpStatus());
			if (ex.logId() != null) {
				builder.withDetail("logId", ex.logId());
			}
			Instant nextCheck = now.plus(backoff);
			Health health = builder.withDetail("nextCheck", nextCheck.toString()).build();
			this.lastFailure = new Failure(health, nextCheck, backoff);
			return Mono.just(health);
		});
	}

	private Duration min(Duration backoff) {
		return (backoff.compareTo(this.maxBackoff) > 0) ? this.maxBackoff : backoff;
	}

	/** The last failure, answered until the next check. */
	private record Failure(Health health, Instant nextCheck, Duration backoff) {

	}

}
