package io.github.larkapprovalbot.token;

import reactor.core.publisher.Mono;

/**
 * Fetches a new tenant_access_token from Lark; {@link CachingTenantAccessTokenProvider} decides when.
 */
@FunctionalInterface
public interface TenantAccessTokenFetcher {

	/**
	 * Requests a token.
	 * @return the token, or an error ({@code LarkAuthenticationException} when Lark refuses the credentials)
	 */
	Mono<TenantAccessToken> fetch();

}
