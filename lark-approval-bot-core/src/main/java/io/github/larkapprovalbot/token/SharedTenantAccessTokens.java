package io.github.larkapprovalbot.token;

import reactor.core.publisher.Mono;

/**
 * Where the instances of an application share their tenant_access_token (Redis, say), so that they reuse one token
 * instead of each fetching its own. {@link CachingTenantAccessTokenProvider} still caches locally, asks here before it
 * fetches from Lark, and puts here what it fetched. Each operation bounds its own time; a failure makes the provider
 * fetch from Lark as if nothing were shared. One instance of this interface holds the token of one app and secret:
 * key it by the app id and {@link CachingTenantAccessTokenProvider#secretFingerprint(String)}, never by the secret,
 * so that an instance configured with a wrong secret never uses the token of one configured with the right one.
 */
public interface SharedTenantAccessTokens {

	/**
	 * Returns the shared token.
	 * @return the token with its remaining lifetime; empty when none is shared
	 */
	Mono<TenantAccessToken> get();

	/**
	 * Shares a token fetched from Lark, for its lifetime.
	 * @param token the token
	 * @return completion
	 */
	Mono<Void> put(TenantAccessToken token);

	/**
	 * Drops the shared token if it is still the one Lark rejected, so that a token another instance has already
	 * refreshed stays.
	 * @param rejectedToken the token Lark rejected
	 * @return completion
	 */
	Mono<Void> evict(String rejectedToken);

}
