package io.github.larkapprovalbot.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import reactor.core.publisher.Mono;

/**
 * Caches the tenant_access_token in Caffeine until Lark's {@code expire} minus a skew (default 3 minutes, as Lark's
 * SDKs do), so a token is never used in its last minutes.
 * <ul>
 * <li>Single flight: concurrent callers on a cold or expired cache share one fetch (Caffeine's async cache holds
 * the pending future).</li>
 * <li>A failed fetch is not cached; the next caller fetches again.</li>
 * <li>{@link #invalidate} removes the entry only when it still holds the rejected token.</li>
 * </ul>
 * The cache key is the app id plus a SHA-256 of the secret, so a changed secret never reuses an old token.
 */
public final class CachingTenantAccessTokenProvider implements TenantAccessTokenProvider {

	/** The default skew, Lark's SDK practice. */
	public static final Duration DEFAULT_SKEW = Duration.ofMinutes(3);

	private final TenantAccessTokenFetcher fetcher;

	private final String cacheKey;

	private final AsyncCache<String, TenantAccessToken> cache;

	/**
	 * Creates a provider.
	 * @param appId the app id
	 * @param appSecret the app secret, only hashed into the cache key here
	 * @param fetcher fetches a token from Lark
	 * @param skew how long before Lark's expiry a token is dropped
	 * @param ticker Caffeine's time source, for tests
	 */
	public CachingTenantAccessTokenProvider(String appId, String appSecret, TenantAccessTokenFetcher fetcher,
			Duration skew, Ticker ticker) {
		this.fetcher = fetcher;
		this.cacheKey = appId + ":" + sha256(appSecret);
		this.cache = Caffeine.newBuilder()
			.ticker(ticker)
			.expireAfter(Expiry.creating((String key, TenantAccessToken token) -> lifetime(token, skew)))
			.buildAsync();
	}

	/**
	 * Creates a provider on the system clock.
	 * @param appId the app id
	 * @param appSecret the app secret
	 * @param fetcher fetches a token from Lark
	 * @param skew how long before Lark's expiry a token is dropped
	 */
	public CachingTenantAccessTokenProvider(String appId, String appSecret, TenantAccessTokenFetcher fetcher,
			Duration skew) {
		this(appId, appSecret, fetcher, skew, Ticker.systemTicker());
	}

	@Override
	public Mono<String> token() {
		// suppressCancel: one caller cancelling must not cancel the fetch the others wait for.
		return Mono.fromFuture(() -> this.cache.get(this.cacheKey, (key, executor) -> this.fetcher.fetch().toFuture()),
				true)
			.map(TenantAccessToken::value);
	}

	@Override
	public void invalidate(String rejectedToken) {
		this.cache.asMap().computeIfPresent(this.cacheKey,
				(key, pending) -> holds(pending, rejectedToken) ? null : pending);
	}

	private static boolean holds(CompletableFuture<TenantAccessToken> pending, String token) {
		return pending.isDone() && !pending.isCompletedExceptionally() && pending.join().value().equals(token);
	}

	private static Duration lifetime(TenantAccessToken token, Duration skew) {
		Duration lifetime = token.expiresIn().minus(skew);
		return lifetime.isNegative() ? Duration.ZERO : lifetime;
	}

	private static String sha256(String secret) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required of every JVM", ex);
		}
	}

	@Override
	public String toString() {
		return "CachingTenantAccessTokenProvider[app=" + this.cacheKey.substring(0, this.cacheKey.indexOf(':')) + "]";
	}

}
