package io.github.larkapprovalbot.redis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.larkapprovalbot.CapturedLogs;
import io.github.larkapprovalbot.callback.ApprovalActionHandler;
import io.github.larkapprovalbot.callback.ApprovalCallbackProcessor;
import io.github.larkapprovalbot.callback.CallbackAnswer;
import io.github.larkapprovalbot.callback.CallbackSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.StringRedisTemplate;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A click is never orphaned by Redis: two instances (two processors, each on its own connection) on one real
 * {@code redis-server}, with the failures a network and a failover bring. Each test delivers one click again and
 * again, as Lark and the approver do, and counts the runs of the handler.
 */
class ClaimResilienceTests {

	private static final Duration LEASE = Duration.ofSeconds(2);

	private static final Duration TIMEOUT = Duration.ofMillis(500);

	@RegisterExtension
	final CapturedLogs logs = CapturedLogs.of("io.github.larkapprovalbot", "io.lettuce.core");

	private final RedisServer redis = RedisServer.onFreePort();

	private final RedisProxy proxy = new RedisProxy(this.redis.port());

	private final List<LettuceConnectionFactory> connections = new java.util.ArrayList<>();

	private final AtomicInteger runs = new AtomicInteger();

	private final AtomicInteger running = new AtomicInteger();

	private final AtomicInteger mostAtOnce = new AtomicInteger();

	private final String click = "{\"action_type\":\"APPROVE\",\"user_id\":\"u-bob\",\"approval_code\":\"A1\","
			+ "\"instance_id\":\"leave-" + UUID.randomUUID() + "\",\"task_id\":\"t1\",\"token\":\"cb\"}";

	@AfterEach
	void close() {
		this.connections.forEach(LettuceConnectionFactory::destroy);
		this.proxy.close();
		this.redis.close();
	}

	private ApprovalCallbackProcessor instance(int port, Duration duplicateWindow, ApprovalActionHandler handler) {
		LettuceConnectionFactory factory = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration("127.0.0.1", port));
		factory.afterPropertiesSet();
		factory.start();
		this.connections.add(factory);
		RedisApprovalActionStore store = new RedisApprovalActionStore(new ReactiveStringRedisTemplate(factory),
				"test:cli_a", TIMEOUT, JsonMapper.shared());
		// The warm-up clicks of connect() do nothing.
		ApprovalActionHandler counted = (action) -> String.valueOf(action.taskId()).startsWith("warm-up") ? Mono.empty()
				: handler.handle(action);
		return new ApprovalCallbackProcessor("default",
				new CallbackSettings("cb", null, Duration.ofSeconds(1), duplicateWindow, LEASE, 64 * 1024),
				() -> List.of(counted), store, JsonMapper.shared());
	}

	/** A handler that takes its time (on Redis's real clock, which its leases follow), counting overlapping runs. */
	private ApprovalActionHandler handler(Duration takes) {
		return (action) -> Mono.delay(takes).then().doOnSubscribe((subscription) -> {
			this.runs.incrementAndGet();
			this.mostAtOnce.accumulateAndGet(this.running.incrementAndGet(), Math::max);
		}).doFinally((signal) -> this.running.decrementAndGet());
	}

	private int deliver(ApprovalCallbackProcessor instance) {
		CallbackAnswer answer = instance.process(this.click.getBytes(StandardCharsets.UTF_8)).block(Duration.ofSeconds(10));
		return answer.status();
	}

	/** Opens the instance's connection with a click of its own, so that the test's click meets a connected client. */
	private void connect(ApprovalCallbackProcessor instance) {
		String other = this.click.replace("\"t1\"", "\"warm-up-" + UUID.randomUUID() + "\"");
		assertThat(instance.process(other.getBytes(StandardCharsets.UTF_8)).block(Duration.ofSeconds(10)).status())
			.isEqualTo(200);
	}

	/** Delivers the click every 300 ms, alternating instances, as Lark retries, until one delivery is answered 200. */
	private Duration deliverUntilSuccess(ApprovalCallbackProcessor... instances) {
		long start = System.nanoTime();
		AtomicInteger deliveries = new AtomicInteger();
		await().pollDelay(Duration.ZERO)
			.pollInterval(Duration.ofMillis(300))
			.atMost(Duration.ofSeconds(30))
			.until(() -> deliver(instances[deliveries.getAndIncrement() % instances.length]) == 200);
		return Duration.ofNanos(System.nanoTime() - start);
	}

	@Test
	void aClaimRedisAppliedButAnsweredTooLateFreesTheClickWithinTheLease() {
		ApprovalCallbackProcessor slow = instance(this.proxy.port(), Duration.ofMinutes(10), handler(Duration.ZERO));
		ApprovalCallbackProcessor other = instance(this.redis.port(), Duration.ofMinutes(10), handler(Duration.ZERO));
		connect(slow);
		connect(other);
		this.proxy.holdReplies(Duration.ofMillis(1500));
		// Redis applies the claim; its answer comes after the timeout: the approver is asked to try again.
		assertThat(deliver(slow)).isEqualTo(503);
		assertThat(this.runs).hasValue(0);
		Duration untilRun = deliverUntilSuccess(other, slow);
		assertThat(this.runs).hasValue(1);
		// Freed by the cleanup of the claim, or at worst by its lease: never the duplicate window.
		assertThat(untilRun).isLessThan(LEASE.plusSeconds(2));
		assertThat(deliver(other)).isEqualTo(200);
		assertThat(this.runs).hasValue(1);
	}

	@Test
	void aDeliveryDuringAWritePauseRunsOnceSoonAfterThePause() {
		ApprovalCallbackProcessor first = instance(this.redis.port(), Duration.ofMinutes(10), handler(Duration.ZERO));
		ApprovalCallbackProcessor second = instance(this.redis.port(), Duration.ofMinutes(10), handler(Duration.ZERO));
		connect(first);
		connect(second);
		pause(Duration.ofMillis(1500));
		long pauseEnds = System.nanoTime() + Duration.ofMillis(1500).toNanos();
		assertThat(deliver(first)).isEqualTo(503);
		assertThat(this.runs).hasValue(0);
		deliverUntilSuccess(second, first);
		assertThat(this.runs).hasValue(1);
		assertThat(Duration.ofNanos(System.nanoTime() - pauseEnds)).isLessThan(LEASE.plusSeconds(2));
		assertThat(deliver(second)).isEqualTo(200);
		assertThat(deliver(first)).isEqualTo(200);
		assertThat(this.runs).hasValue(1);
	}

	@Test
	void aFailedRunWhoseReleaseTimedOutRunsAgainOnTheNextTry() {
		AtomicInteger attempts = new AtomicInteger();
		ApprovalActionHandler failsOnce = (action) -> Mono.fromRunnable(() -> {
			this.runs.incrementAndGet();
			if (attempts.incrementAndGet() == 1) {
				// The release of this failed run will stall.
				this.proxy.holdReplies(Duration.ofMillis(1500));
				throw new IllegalStateException("the leave system is down");
			}
		});
		ApprovalCallbackProcessor slow = instance(this.proxy.port(), Duration.ofMinutes(10), failsOnce);
		ApprovalCallbackProcessor other = instance(this.redis.port(), Duration.ofMinutes(10), failsOnce);
		connect(slow);
		connect(other);
		assertThat(deliver(slow)).isEqualTo(500);
		Duration untilRun = deliverUntilSuccess(other, slow);
		assertThat(this.runs).hasValue(2);
		assertThat(untilRun).isLessThan(LEASE.plusSeconds(2));
	}

	@Test
	void aHandlerLongerThanTheWindowAndTheLeaseNeverRunsTwiceAtOnce() {
		ApprovalCallbackProcessor first = instance(this.redis.port(), Duration.ofSeconds(1), handler(Duration.ofMillis(5500)));
		ApprovalCallbackProcessor second = instance(this.redis.port(), Duration.ofSeconds(1), handler(Duration.ofMillis(5500)));
		// For 6 s, a delivery 250 ms after each answer, alternating instances, while the one run goes on.
		long end = System.nanoTime() + Duration.ofSeconds(6).toNanos();
		AtomicInteger deliveries = new AtomicInteger();
		Flux.interval(Duration.ZERO, Duration.ofMillis(250))
			.onBackpressureDrop()
			.takeWhile((tick) -> System.nanoTime() < end)
			.concatMap((tick) -> ((deliveries.getAndIncrement() % 2 == 0) ? first : second)
				.process(this.click.getBytes(StandardCharsets.UTF_8)), 1)
			.blockLast(Duration.ofSeconds(60));
		assertThat(this.mostAtOnce).hasValue(1);
		assertThat(this.runs).hasValue(1);
		assertThat(first.state().leasesRenewed() + second.state().leasesRenewed()).isGreaterThanOrEqualTo(6);
		assertThat(first.state().leasesLost() + second.state().leasesLost()).isZero();
	}

	@Test
	void aRedisThatLosesTheClaimMidRunIsLogged() {
		ApprovalCallbackProcessor instance = instance(this.redis.port(), Duration.ofMinutes(10), handler(Duration.ofMillis(1500)));
		connect(instance);
		assertThat(deliver(instance)).isEqualTo(504);
		// Redis restarts without persistence while the handler runs.
		this.redis.stop();
		this.redis.start();
		await().until(() -> instance.state().outcomesWithoutClaim() == 1);
		assertThat(this.runs).hasValue(1);
		assertThat(this.logs.messages()).anySatisfy((line) -> assertThat(line).contains("was gone when its run ended"));
		assertThat(instance.state().outcomesWithoutClaim()).isEqualTo(1);
	}

	private void pause(Duration duration) {
		LettuceConnectionFactory factory = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration("127.0.0.1", this.redis.port()));
		factory.afterPropertiesSet();
		factory.start();
		try {
			new StringRedisTemplate(factory).execute((org.springframework.data.redis.core.RedisCallback<Object>) (
					connection) -> connection.execute("CLIENT", "PAUSE".getBytes(StandardCharsets.UTF_8),
							String.valueOf(duration.toMillis()).getBytes(StandardCharsets.UTF_8),
							"WRITE".getBytes(StandardCharsets.UTF_8)));
		}
		finally {
			factory.destroy();
		}
	}

}
