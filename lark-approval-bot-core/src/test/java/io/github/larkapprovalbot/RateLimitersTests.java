package io.github.larkapprovalbot;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The client-side limits themselves: permits are taken only by calls that go, and no window holds more than the limit.
 */
class RateLimitersTests {

	private final MessengerObservations observations = new MessengerObservations(ObservationRegistry.NOOP);

	private Mono<Long> patch(RateLimiters limiters, String messageId, Duration budget) {
		return Mono.defer(() -> limiters.limit(LarkEndpoint.CARD_PATCH, messageId,
				System.nanoTime() + budget.toNanos(), Mono.fromSupplier(System::nanoTime), this.observations));
	}

	@Test
	void callersThatGiveUpWhileWaitingLeaveNoTrace() throws InterruptedException {
		RateLimiters limiters = new RateLimiters(new RateLimitSettings(0, 0, 0, 1, 0), null, "cli_test");
		long first = patch(limiters, "om_1", Duration.ofSeconds(30)).block();
		for (int i = 0; i < 10; i++) {
			Disposable waiting = patch(limiters, "om_1", Duration.ofSeconds(30)).subscribe();
			Thread.sleep(100);
			waiting.dispose();
		}
		// One second after the first, the next patch goes: the ten who gave up took nothing.
		long next = patch(limiters, "om_1", Duration.ofSeconds(30)).block(Duration.ofSeconds(5));
		assertThat(Duration.ofNanos(next - first)).isLessThan(Duration.ofSeconds(3));
	}

	@Test
	void callsTheEndpointLimitRefusesMakeNoMessageBucket() {
		RateLimiters limiters = new RateLimiters(new RateLimitSettings(0, 0, 1, 5, 0), null, "cli_test");
		patch(limiters, "om_0", Duration.ofMillis(200)).block();
		for (int i = 1; i <= 1000; i++) {
			String id = "om_" + i;
			assertThatExceptionOfType(LarkTransientException.class).isThrownBy(() -> patch(limiters, id, Duration.ofMillis(200)).block())
				.withMessageContaining("card.patch");
		}
		assertThat(limiters.messageBuckets()).isEqualTo(1);
	}

	@Test
	void messageBucketsAreBounded() {
		RateLimiters limiters = new RateLimiters(new RateLimitSettings(0, 0, 0, 5, 0), null, "cli_test");
		Flux.range(0, 20_000)
			.concatMap((i) -> patch(limiters, "om_" + i, Duration.ofSeconds(1)))
			.blockLast(Duration.ofSeconds(60));
		assertThat(limiters.messageBuckets()).isLessThanOrEqualTo(RateLimiters.MAX_MESSAGE_BUCKETS);
	}

	@Test
	void noWindowOfThePeriodHoldsMoreThanTheLimit() {
		RateLimiters limiters = new RateLimiters(new RateLimitSettings(20, 0, 0, 0, 0), null, "cli_test");
		List<Long> sent = Collections.synchronizedList(new ArrayList<>());
		Flux.range(0, 60)
			.flatMap((i) -> limiters.limit(LarkEndpoint.MESSAGE_SEND, null, System.nanoTime() + Duration.ofSeconds(30)
				.toNanos(), Mono.fromRunnable(() -> sent.add(System.nanoTime())), this.observations), 60)
			.blockLast(Duration.ofSeconds(30));
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

}
