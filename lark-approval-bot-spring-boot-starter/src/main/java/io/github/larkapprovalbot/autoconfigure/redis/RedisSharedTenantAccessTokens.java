package io.github.larkapprovalbot.autoconfigure.redis;

import java.time.Duration;
import java.util.List;

import io.github.larkapprovalbot.token.SharedTenantAccessTokens;
import io.github.larkapprovalbot.token.TenantAccessToken;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import reactor.core.publisher.Mono;

/**
 * The tenant_access_token shared in Redis under {@code <prefix>:<appId>:token}, for exactly as long as Lark said it
 * stays valid (the key's time to live, so that what is left of it travels with it). The token is kept in clear: Redis
 * holds it no longer than Lark does. Every operation is bounded by the timeout.
 */
final class RedisSharedTenantAccessTokens implements SharedTenantAccessTokens {

	private final ReactiveStringRedisTemplate redis;

	private final String key;

	private final Duration timeout;

	/**
	 * Creates the shared token.
	 * @param redis the template on the application's connection
	 * @param keyPrefix the key prefix and app id, {@code <prefix>:<appId>}
	 * @param timeout how long an operation may take
	 */
	RedisSharedTenantAccessTokens(ReactiveStringRedisTemplate redis, String keyPrefix, Duration timeout) {
		this.redis = redis;
		this.key = keyPrefix + ":token";
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
