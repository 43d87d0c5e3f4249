package io.github.larkapprovalbot.benchmarks;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.github.larkapprovalbot.token.CachingTenantAccessTokenProvider;
import io.github.larkapprovalbot.token.TenantAccessToken;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import reactor.core.publisher.Mono;

/**
 * The token provider's hot path: a cached token handed to a caller, as every call does before its request.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class TokenProviderBenchmark {

	private CachingTenantAccessTokenProvider provider;

	@Setup
	public void setUp() {
		this.provider = new CachingTenantAccessTokenProvider("cli_bench", "secret",
				() -> Mono.just(new TenantAccessToken("t-bench", Duration.ofHours(2))), Duration.ofMinutes(3));
		this.provider.token().block();
	}

	@Benchmark
	public String cachedToken() {
		return this.provider.token().block();
	}

	@Benchmark
	@Threads(2)
	public String cachedTokenTwoThreads() {
		return this.provider.token().block();
	}

}
