package io.github.larkapprovalbot.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Caches the tenant_access_token in Caffeine until Lark's {@code expire} minus a skew (default 3 minutes, as Lark's
 * SDKs do), so a token is never used in its last minutes.
 * <ul>
 * <li>Single flight: concurrent callers on a cold or expired cache share one fetch (Caffeine's async cache holds
 * the pending future).</li>
 * <li>A failed fetch reaches the callers that waited for it and is not cached; the next caller fetches again. It is
 * cached as an already expired outcome rather than as a failed future, which Caffeine would log at WARNING although
 * every caller sees the failure.</li>
 * <li>{@link #invalidate} removes the entry only when it still holds the rejected token.</li>
 * </ul>
 * The cache key is the app id plus a SHA-256 of the secret, so a changed secret never reuses an old token.
 * <p>
 * With {@link SharedTenantAccessTokens}, a fetch first takes the token other instances share (if it outlives the
 * skew and was never rejected here), and shares what it fetches from Lark; {@link #invalidate} drops the shared token
 * too, if it is still the rejected one. A rejected token is remembered for its longest possible life, so that a fetch
 * that reads the shared store before its eviction has landed never takes it back. The shared store failing only means
 * fetching from Lark.
 */
public final class CachingTenantAccessTokenProvider implements TenantAccessTokenProvider {

	/** The default skew, Lark's SDK practice. */
	public static final Duration DEFAULT_SKEW = Duration.ofMinutes(3);

	/** The longest life Lark gives a token. */
	private static final Duration MAX_LIFETIME = Duration.ofHours(2);

	private static final Log logger = LogFactory.getLog(CachingTenantAccessTokenProvider.class);

	private final TenantAccessTokenFetcher fetcher;

	private final Duration skew;

	private final @Nullable SharedTenantAccessTokens shared;

	private final String cacheKey;

	private final AsyncCache<String, Fetch> cache;

	/** Tokens Lark rejected, never taken back from the shared store (a token lives two hours at most). */
	private final Cache<String, Boolean> rejected;

	/**
	 * Creates a provider.
	 * @param appId the app id
	 * @param appSecret the app secret, only hashed into the cache key here
	 * @param fetcher fetches a token from Lark
	 * @param skew how long before Lark's expiry a token is dropped
	 * @param shared the token the instances of the application share, or {@code null}
	 * @param ticker Caffeine's time source, for tests
	 */
	public CachingTenantAccessTokenProvider(String appId, String appSecret, TenantAccessTokenFetcher fetcher,
			Duration skew, @Nullable SharedTenantAccessTokens shared, Ticker ticker) {
		this.fetcher = fetcher;
		this.skew = skew;
		this.shared = shared;
		this.cacheKey = appId + ":" + secretFingerprint(appSecret);
		this.cache = Caffeine.newBuilder()
			.ticker(ticker)
			.expireAfter(Expiry.creating((String key, Fetch fetch) -> lifetime(fetch, skew)))
			.buildAsync();
		this.rejected = Caffeine.newBuilder().ticker(ticker).maximumSize(1_000).expireAfterWrite(MAX_LIFETIME).build();
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
		this(appId, appSecret, fetcher, skew, null);
	}

	/**
	 * Creates a provider on the system clock that shares its token with other instances.
	 * @param appId the app id
	 * @param appSecret the app secret
	 * @param fetcher fetches a token from Lark
	 * @param skew how long before Lark's expiry a token is dropped
	 * @param shared the token the instances of the application share, or {@code null}
	 */
	public CachingTenantAccessTokenProvider(String appId, String appSecret, TenantAccessTokenFetcher fetcher,
			Duration skew, @Nullable SharedTenantAccessTokens shared) {
		this(appId, appSecret, fetcher, skew, shared, Ticker.systemTicker());
	}

	@Override
	public Mono<String> token() {
		return Mono.defer(() -> {
			CompletableFuture<Fetch> pending = this.cache.get(this.cacheKey, (key, executor) -> fetch());
			// suppressCancel: one caller cancelling must not cancel the fetch the others wait for.
			return Mono.fromFuture(pending, true).flatMap((fetch) -> {
				if (fetch.token() == null) {
					// A failure answers the callers that waited for it and nobody after them, without waiting for
					// Caffeine to apply its zero lifetime.
					this.cache.asMap().remove(this.cacheKey, pending);
				}
				return fetch.value();
			});
		});
	}

	@Override
	public void invalidate(String rejectedToken) {
		this.rejected.put(rejectedToken, Boolean.TRUE);
		this.cache.asMap().computeIfPresent(this.cacheKey,
				(key, pending) -> holds(pending, rejectedToken) ? null : pending);
		SharedTenantAccessTokens shared = this.shared;
		if (shared != null) {
			shared.evict(rejectedToken).subscribe(null,
					(ex) -> logger.warn("Could not drop a rejected tenant_access_token from the shared store: " + ex));
		}
	}

	private CompletableFuture<Fetch> fetch() {
		return fromSharedOrLark().map(Fetch::succeeded)
			.onErrorResume((ex) -> Mono.just(Fetch.failed(ex)))
			.toFuture();
	}

	private Mono<TenantAccessToken> fromSharedOrLark() {
		SharedTenantAccessTokens shared = this.shared;
		if (shared == null) {
			return this.fetcher.fetch();
		}
		return shared.get()
			.filter((token) -> token.expiresIn().compareTo(this.skew) > 0
					&& this.rejected.getIfPresent(token.value()) == null)
			.onErrorResume((ex) -> {
			logger.debug("Could not read the shared tenant_access_token; fetching one from Lark", ex);
			return Mono.empty();
		}).switchIfEmpty(Mono.defer(() -> this.fetcher.fetch().flatMap((token) -> shared.put(token).onErrorResume((ex) -> {
			logger.debug("Could not share the tenant_access_token", ex);
			return Mono.empty();
		}).thenReturn(token))));
	}

	private static boolean holds(CompletableFuture<Fetch> pending, String token) {
		// A fetch never completes exceptionally: its failure is a Fetch too.
		TenantAccessToken held = pending.isDone() ? pending.join().token() : null;
		return held != null && held.value().equals(token);
	}

	private static Duration lifetime(Fetch fetch, Duration skew) {
		TenantAccessToken token = fetch.token();
		Duration lifetime = (token != null) ? token.expiresIn().minus(skew) : Duration.ZERO;
		return lifetime.isNegative() ? Duration.ZERO : lifetime;
	}

	/**
	 * Returns what tells one app secret from another without revealing it (a SHA-256), so that a token shared by
	 * instances is keyed by the secret it was fetched with: an instance with a wrong secret never gets a token
	 * another instance fetched with the right one. {@link SharedTenantAccessTokens} implementations key by it.
	 * @param secret the app secret
	 * @return the fingerprint, 64 hexadecimal digits
	 */
	public static String secretFingerprint(String secret) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required of every JVM", ex);
		}
	}

	/** The outcome of one fetch: a token or the failure its waiting callers receive. */
	private record Fetch(@Nullable TenantAccessToken token, @Nullable Throwable failure) {

		static Fetch succeeded(TenantAccessToken token) {
			return new Fetch(token, null);
		}

		static Fetch failed(Throwable failure) {
			return new Fetch(null, failure);
		}

		Mono<String> value() {
			return (this.token != null) ? Mono.just(this.token.value())
					: Mono.error(Objects.requireNonNull(this.failure));
		}

	}

	@Override
	public String toString() {
		return "CachingTenantAccessTokenProvider[app=" + this.cacheKey.substring(0, this.cacheKey.indexOf(':')) + "]";
	}

}
