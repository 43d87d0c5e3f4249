package io.github.larkapprovalbot.ratelimit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.larkapprovalbot.internal.TimeSource;
import io.micrometer.common.KeyValues;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.scheduler.VirtualTimeScheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The client-side limits themselves, on virtual time: permits are taken only by calls that go, and no window holds
 * more than the limit.
 */
class RateLimiterTests {

	private final VirtualTimeScheduler scheduler = VirtualTimeScheduler.create();

	private final TimeSource time = TimeSource.of(this.scheduler);

	private final Sinks.Empty<Void> stop = Sinks.empty();

	private RateLimiter limiter(RateLimit limit) {
		return new RateLimiter("card.patch", limit, null, this.time, ObservationRegistry.NOOP, KeyValues.empty(),
				this.stop.asMono(), (name, wait) -> new IllegalStateException("no permit from " + name + " in " + wait));
	}

	private Mono<Long> patch(RateLimiter limiter, String messageId, Duration budget) {
		return Mono.defer(() -> limiter.acquire(messageId, this.time.deadline(budget))
			.then(Mono.fromSupplier(() -> this.scheduler.now(TimeUnit.MILLISECONDS))));
	}

	@Test
	void callersThatGiveUpWhileWaitingLeaveNoTrace() {
		RateLimiter limiter = limiter(new RateLimit(0, 0, 1));
		List<Long> granted = new ArrayList<>();
		patch(limiter, "om_1", Duration.ofSeconds(30)).subscribe(granted::add);
		for (int i = 0; i < 10; i++) {
			Disposable waiting = patch(limiter, "om_1", Duration.ofSeconds(30)).subscribe(granted::add);
			this.scheduler.advanceTimeBy(Duration.ofMillis(100));
			waiting.dispose();
		}
		// 1.1 s after the first, the next patch goes: the ten who gave up took nothing.
		patch(limiter, "om_1", Duration.ofSeconds(30)).subscribe(granted::add);
		this.scheduler.advanceTimeBy(Duration.ofSeconds(1));
		assertThat(granted).hasSize(2);
		assertThat(granted.get(1) - granted.get(0)).isEqualTo(1100);
	}

	@Test
	void aPermitBeyondTheDeadlineFailsAtOnceAndTakesNothing() {
		RateLimiter limiter = limiter(new RateLimit(0, 0, 1));
		assertThat(patch(limiter, "om_1", Duration.ofSeconds(5)).block()).isZero();
		assertThatIllegalStateException().isThrownBy(() -> patch(limiter, "om_1", Duration.ofMillis(500)).block())
			.withMessageContaining("card.patch/message/s");
		List<Long> granted = new ArrayList<>();
		patch(limiter, "om_1", Duration.ofSeconds(5)).subscribe(granted::add);
		this.scheduler.advanceTimeBy(Duration.ofMillis(1100));
		assertThat(granted).containsExactly(1100L);
	}

	@Test
	void callsTheEndpointLimitRefusesMakeNoMessageBucket() {
		RateLimiter limiter = limiter(new RateLimit(1, 0, 5));
		patch(limiter, "om_0", Duration.ofMillis(200)).block();
		for (int i = 1; i <= 1000; i++) {
			String id = "om_" + i;
			assertThatIllegalStateException().isThrownBy(() -> patch(limiter, id, Duration.ofMillis(200)).block())
				.withMessageContaining("card.patch");
		}
		assertThat(limiter.messageBuckets()).isEqualTo(1);
	}

	@Test
	void messageBucketsAreBounded() {
		RateLimiter limiter = limiter(new RateLimit(0, 0, 5));
		for (int i = 0; i < 20_000; i++) {
			patch(limiter, "om_" + i, Duration.ofSeconds(1)).block();
		}
		assertThat(limiter.messageBuckets()).isLessThanOrEqualTo(RateLimiter.MAX_MESSAGE_BUCKETS);
		this.scheduler.advanceTimeBy(Duration.ofSeconds(3));
		assertThat(limiter.messageBuckets()).isZero();
	}

	@Test
	void noWindowOfThePeriodHoldsMoreThanTheLimit() {
		RateLimiter limiter = limiter(RateLimit.of(20, 0));
		List<Long> sent = Collections.synchronizedList(new ArrayList<>());
		Flux.range(0, 60)
			.flatMap((i) -> limiter.acquire(null, this.time.deadline(Duration.ofSeconds(30)))
				.then(Mono.fromRunnable(() -> sent.add(this.scheduler.now(TimeUnit.NANOSECONDS)))), 60)
			.subscribe();
		this.scheduler.advanceTimeBy(Duration.ofSeconds(30));
		List<Long> times = sent.stream().sorted().toList();
		assertThat(times).hasSize(60);
		// 1.1 s: a tenth of the period to spare for the time the requests take to reach Lark.
		long window = Duration.ofMillis(1100).toNanos();
		for (int i = 0; i < times.size(); i++) {
			long start = times.get(i);
			long inWindow = times.stream().filter((t) -> t >= start && t < start + window).count();
			assertThat(inWindow).as("sends in the 1.1 s from send %d", i).isLessThanOrEqualTo(20);
		}
	}

	@Test
	void stoppingEndsTheWaitsAtOnce() {
		RateLimiter limiter = limiter(RateLimit.of(1, 0));
		patch(limiter, "om_1", Duration.ofSeconds(30)).block();
		List<Throwable> failures = new ArrayList<>();
		patch(limiter, "om_1", Duration.ofSeconds(30)).subscribe(null, failures::add);
		this.stop.tryEmitEmpty();
		assertThat(failures).singleElement().isInstanceOf(IllegalStateException.class);
	}

}
