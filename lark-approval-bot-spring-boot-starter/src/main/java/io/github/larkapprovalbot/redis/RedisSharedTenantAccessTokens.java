package io.github.larkapprovalbot.redis;

import java.time.Duration;
import java.util.List;

import io.github.larkapprovalbot.token.SharedTenantAccessTokens;
import io.github.larkapprovalbot.token.TenantAccessToken;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import reactor.core.publisher.Mono;

/**
 * The tenant_access_token of one app and secret shared in Redis under one key (the starter's is
 * {@code <prefix>:<appId>:token:<secret fingerprint>}), for exactly as long as Lark said it
 * stays valid (the key's time to live, so that what is left of it travels with it). The token is kept in clear: Redis
 * holds it no longer than Lark does. Every operation is bounded by the timeout.
 */
public final class RedisSharedTenantAccessTokens implements SharedTenantAccessTokens {

	private final ReactiveStringRedisTemplate redis;

	private final String key;

	private final Duration timeout;

	/**
	 * Creates the shared token.
	 * @param redis the template on the application's connection
	 * @param key the key, which names the app and its secret's
	 * {@linkplain io.github.larkapprovalbot.token.CachingTenantAccessTokenProvider#secretFingerprint(String)
	 * fingerprint}, never the secret
	 * @param timeout how long an operation may take
	 */
	public RedisSharedTenantAccessTokens(ReactiveStringRedisTemplate redis, String key, Duration timeout) {
		this.redis = redis;
		this.key = key;
		this.timeout = timeout;
	}

	@Override
	public Mono<TenantAccessToken> get() {
		return this.redis.opsForValue()
			.get(this.key)
			.zipWith(this.redis.getExpire(this.key))
			.filter((valueAndTtl) -> !valueAndTtl.getT2().isNegative() && !valueAndTtl.getT2().isZero())
			.map((valueAndTtl) -> new TenantAccessToken(valueAndTtl.getT1(), valueAndTtl.getT2()))
			.timeout(this.timeout);
	}

	@Override
	public Mono<Void> put(TenantAccessToken token) {
		return this.redis.opsForValue().set(this.key, token.value(), token.expiresIn()).timeout(this.timeout).then();
	}

	@Override
	public Mono<Void> evict(String rejectedToken) {
		return this.redis.execute(RedisScripts.DELETE_IF_EQUAL, List.of(this.key), List.of(rejectedToken))
			.timeout(this.timeout)
			.then();
	}

	@Override
	public String toString() {
		return "RedisSharedTenantAccessTokens[key=" + this.key + "]";
	}

}
