package io.github.larkapprovalbot.token;

import reactor.core.publisher.Mono;

/**
 * Supplies the tenant_access_token for each call. Tokens are short-lived: callers ask for one on every call and
 * never keep it; the provider caches and refreshes. Implementations may share tokens across instances of an
 * application (for example through Redis) as long as {@link #invalidate} only drops the token that failed.
 */
public interface TenantAccessTokenProvider {

	/**
	 * Returns a token that is valid now, fetching one when none is cached.
	 * @return the token value
	 */
	Mono<String> token();

	/**
	 * Reports that Lark rejected a token (99991663 and friends). The provider drops it only if it is still the
	 * cached one, so that concurrent callers do not evict a token another caller has already refreshed.
	 * @param rejectedToken the token Lark rejected
	 */
	void invalidate(String rejectedToken);

}
