package io.github.larkapprovalbot.autoconfigure;

import io.github.larkapprovalbot.LarkApiException;
import io.github.larkapprovalbot.token.TenantAccessTokenProvider;
import org.springframework.boot.health.contributor.AbstractReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import reactor.core.publisher.Mono;

/**
 * Up when a tenant_access_token can be had (from the cache or from Lark). Down shows Lark's code, msg and log_id;
 * never the token or a credential.
 */
class LarkApprovalBotHealthIndicator extends AbstractReactiveHealthIndicator {

	private final TenantAccessTokenProvider tokenProvider;

	LarkApprovalBotHealthIndicator(TenantAccessTokenProvider tokenProvider) {
		super((ex) -> "Lark tenant_access_token unavailable");
		this.tokenProvider = tokenProvider;
	}

	@Override
	protected Mono<Health> doHealthCheck(Health.Builder builder) {
		return this.tokenProvider.token().map((token) -> builder.up().build()).onErrorResume(LarkApiException.class,
				(ex) -> {
					builder.down().withDetail("endpoint", ex.endpoint().tag()).withDetail("code", ex.code());
					builder.withDetail("msg", ex.msg()).withDetail("httpStatus", ex.httpStatus());
					if (ex.logId() != null) {
						builder.withDetail("logId", ex.logId());
					}
					return Mono.just(builder.build());
				});
	}

}
