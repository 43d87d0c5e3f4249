package io.github.larkapprovalbot.token;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class CachingTenantAccessTokenProviderTests {

	private final AtomicInteger fetches = new AtomicInteger();

	private final AtomicLong nanos = new AtomicLong();

	private TenantAccessTokenFetcher fetcher(Duration expiresIn, Duration latency) {
		Mono<TenantAccessToken> fetch = Mono
			.fromSupplier(() -> new TenantAccessToken("t-" + this.fetches.incrementAndGet(), expiresIn));
		// Without latency the fetch completes in the caller's thread, so Caffeine sets the expiry before the test
		// moves the clock (an asynchronous completion would let it read the clock after the move).
		return latency.isZero() ? () -> fetch : () -> fetch.delaySubscription(latency);
	}

	private CachingTenantAccessTokenProvider provider(TenantAccessTokenFetcher fetcher) {
		return new CachingTenantAccessTokenProvider("cli_1", "secret", fetcher, Duration.ofMinutes(3), null, this.nanos::get);
	}

	@Test
	void concurrentCallersOnAColdCacheShareOneFetch() {
		CachingTenantAccessTokenProvider provider = provider(fetcher(Duration.ofHours(2), Duration.ofMillis(100)));
		List<String> tokens = Flux.range(0, 1000)
			.flatMap((i) -> provider.token().subscribeOn(Schedulers.parallel()), 1000)
			.collectList()
			.block(Duration.ofSeconds(10));
		assertThat(tokens).hasSize(1000).containsOnly("t-1");
		assertThat(this.fetches).hasValue(1);
	}

	@Test
	void tokenIsKeptUntilExpireMinusSkew() {
		CachingTenantAccessTokenProvider provider = provider(fetcher(Duration.ofSeconds(7200), Duration.ZERO));
		assertThat(provider.token().block()).isEqualTo("t-1");
		this.nanos.set(Duration.ofSeconds(7200 - 180 - 1).toNanos());
		assertThat(provider.token().block()).isEqualTo("t-1");
		this.nanos.set(Duration.ofSeconds(7200 - 180).toNanos());
		assertThat(provider.token().block()).isEqualTo("t-2");
	}

	@Test
	void invalidateDropsOnlyTheRejectedToken() {
		CachingTenantAccessTokenProvider provider = provider(fetcher(Duration.ofHours(2), Duration.ZERO));
		assertThat(provider.token().block()).isEqualTo("t-1");
		provider.invalidate("t-1");
		assertThat(provider.token().block()).isEqualTo("t-2");
		// a caller that still holds t-1 reports it late: t-2 stays
		provider.invalidate("t-1");
		assertThat(provider.token().block()).isEqualTo("t-2");
		assertThat(this.fetches).hasValue(2);
	}

	@Test
	void failedFetchIsNotCached() {
		AtomicInteger attempts = new AtomicInteger();
		CachingTenantAccessTokenProvider provider = provider(() -> (attempts.incrementAndGet() == 1)
				? Mono.error(new IllegalStateException("token endpoint down"))
				: Mono.just(new TenantAccessToken("t-ok", Duration.ofHours(2))));
		assertThatIllegalStateException().isThrownBy(() -> provider.token().block()).withMessage("token endpoint down");
		assertThat(provider.token().block()).isEqualTo("t-ok");
	}

	@Test
	void aFailedFetchIsFetchedAgainByTheNextCallerOnTheSystemClock() throws InterruptedException {
		AtomicInteger attempts = new AtomicInteger();
		CachingTenantAccessTokenProvider provider = new CachingTenantAccessTokenProvider("cli_test", "secret",
				() -> Mono.fromSupplier(attempts::incrementAndGet).then(Mono.error(new IllegalStateException("down"))),
				Duration.ofMinutes(3));
		for (int i = 1; i <= 3; i++) {
			assertThatIllegalStateException().isThrownBy(() -> provider.token().block());
			Thread.sleep(20);
		}
		assertThat(attempts).hasValue(3);
	}

	@Test
	void failedFetchReachesItsCallersWithoutCaffeineLoggingIt() {
		// Caffeine logs a failed asynchronous load at WARNING; the callers already get the failure.
		Logger caffeine = Logger.getLogger("com.github.benmanes.caffeine.cache");
		List<LogRecord> records = new CopyOnWriteArrayList<>();
		Handler handler = new Handler() {

			@Override
			public void publish(LogRecord record) {
				records.add(record);
			}

			@Override
			public void flush() {
			}

			@Override
			public void close() {
			}

		};
		caffeine.addHandler(handler);
		try {
			CachingTenantAccessTokenProvider provider = provider(
					() -> Mono.<TenantAccessToken>error(new IllegalStateException("token endpoint down"))
						.delaySubscription(Duration.ofMillis(50)));
			List<Throwable> failures = Flux.range(0, 10)
				.flatMap((i) -> provider.token().then(Mono.<Throwable>empty()).onErrorResume(Mono::just))
				.collectList()
				.block(Duration.ofSeconds(5));
			assertThat(failures).hasSize(10).allSatisfy((ex) -> assertThat(ex).hasMessage("token endpoint down"));
			assertThat(records).isEmpty();
		}
		finally {
			caffeine.removeHandler(handler);
		}
	}

	@Test
	void tokenShorterThanTheSkewIsNotCached() {
		CachingTenantAccessTokenProvider provider = provider(fetcher(Duration.ofSeconds(60), Duration.ZERO));
		assertThat(provider.token().block()).isEqualTo("t-1");
		assertThat(provider.token().block()).isEqualTo("t-2");
	}

	@Test
	void toStringShowsNoSecretOrToken() {
		CachingTenantAccessTokenProvider provider = provider(fetcher(Duration.ofHours(2), Duration.ZERO));
		provider.token().block();
		assertThat(provider.toString()).contains("cli_1").doesNotContain("secret").doesNotContain("t-1");
		assertThat(new TenantAccessToken("t-secret", Duration.ofHours(2)).toString()).doesNotContain("t-secret");
	}

}
