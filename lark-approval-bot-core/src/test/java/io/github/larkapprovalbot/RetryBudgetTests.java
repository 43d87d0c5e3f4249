package io.github.larkapprovalbot;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.github.larkapprovalbot.internal.TimeSource;
import io.github.larkapprovalbot.message.ApprovalBotMessageUpdate;
import io.github.larkapprovalbot.message.MessageStatus;
import io.github.larkapprovalbot.test.Fault;
import io.github.larkapprovalbot.test.LarkSandbox;
import io.github.larkapprovalbot.test.SandboxRequest.Endpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.test.scheduler.VirtualTimeScheduler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Retries spend the call's budget: a call retries a server error until its deadline leaves no time for the next
 * backoff (bounded by {@code maxRetries} too), and a throttle whose reset the deadline does not leave ends the call at
 * once. The calls run against the sandbox on virtual time: each backoff the pipeline schedules is advanced exactly,
 * so the attempts and the moment the call ends are the same on every run.
 */
class RetryBudgetTests {

	private static final Duration CALL_TIMEOUT = Duration.ofSeconds(3);

	private static final Duration MIN_BACKOFF = Duration.ofMillis(100);

	private static final Duration MAX_BACKOFF = Duration.ofMillis(400);

	private final LarkSandbox lark = LarkSandbox.start();

	private final RecordingScheduler scheduler = new RecordingScheduler();

	private final List<ApprovalBotMessenger> messengers = new ArrayList<>();

	@AfterEach
	void close() {
		this.messengers.forEach(ApprovalBotMessenger::close);
		this.lark.close();
		this.scheduler.dispose();
	}

	private ApprovalBotMessenger messenger(int maxRetries) {
		ApprovalBotMessenger messenger = new ApprovalBotMessengerBuilder()
			.credentials(this.lark.appId(), this.lark.appSecret())
			.baseUrl(this.lark.baseUrl())
			.callTimeout(CALL_TIMEOUT)
			.retry(new RetrySettings(maxRetries, MIN_BACKOFF, MAX_BACKOFF, 0))
			.time(TimeSource.of(this.scheduler))
			.build();
		this.messengers.add(messenger);
		return messenger;
	}

	private static Mono<SentMessage> update(ApprovalBotMessenger messenger) {
		return messenger.update(ApprovalBotMessageUpdate.of("7100000000000000001", MessageStatus.APPROVED));
	}

	@Test
	void serverErrorsAreRetriedUntilTheDeadlineLeavesNoTimeForTheNextBackoff() {
		this.lark.inject(Fault.serverError().times(100));

		Throwable failure = failureOnVirtualTime(update(messenger(50)));

		assertThat(failure).isInstanceOfSatisfying(LarkTransientException.class, (ex) -> {
			assertThat(ex.httpStatus()).isEqualTo(500);
			assertThat(ex.code()).isEqualTo(155000);
		});
		// Attempts at 0, 0.1, 0.3, 0.7, 1.1, 1.5, 1.9, 2.3 and 2.7 s: 0.3 s is left then, less than the next 0.4 s.
		assertThat(this.lark.requests(Endpoint.APPROVAL_UPDATE)).hasSize(9);
		assertThat(this.scheduler.now(TimeUnit.MILLISECONDS)).as("ended within the call timeout").isEqualTo(2700);
	}

	@Test
	void maxRetriesBoundsTheAttemptsWithinTheBudget() {
		this.lark.inject(Fault.serverError().times(100));

		Throwable failure = failureOnVirtualTime(update(messenger(2)));

		assertThat(failure).isInstanceOfSatisfying(LarkTransientException.class,
				(ex) -> assertThat(ex.httpStatus()).isEqualTo(500));
		assertThat(this.lark.requests(Endpoint.APPROVAL_UPDATE)).hasSize(3);
		assertThat(this.scheduler.now(TimeUnit.MILLISECONDS)).isEqualTo(300);
	}

	@Test
	void aThrottleLongerThanWhatTheCallHasLeftFailsAtOnceAndIsNotRetried() {
		this.lark.inject(Fault.throttle(Duration.ofSeconds(4)));

		Throwable failure = failureOnVirtualTime(update(messenger(50)));

		assertThat(failure).isInstanceOfSatisfying(LarkRateLimitException.class, (ex) -> {
			assertThat(ex.isClientSide()).isFalse();
			assertThat(ex.isAmbiguous()).isFalse();
			assertThat(ex.httpStatus()).isEqualTo(429);
			assertThat(ex.code()).isEqualTo(99991400);
			assertThat(ex.retryAfter()).isEqualTo(Duration.ofSeconds(4));
			assertThat(ex.getMessage()).contains("more than the call has left");
		});
		assertThat(this.lark.requests(Endpoint.APPROVAL_UPDATE)).hasSize(1);
		assertThat(this.scheduler.now(TimeUnit.MILLISECONDS)).as("no wait at all").isZero();
	}

	@Test
	void theLargestResetLarkCouldSendDoesNotOverflow() {
		this.lark.inject(Fault.answer(429, "{\"code\":99991400,\"msg\":\"request trigger frequency limit\"}")
			.withHeader("x-ogw-ratelimit-reset", Long.toString(Long.MAX_VALUE)));

		Throwable failure = failureOnVirtualTime(update(messenger(50)));

		assertThat(failure).isInstanceOfSatisfying(LarkRateLimitException.class, (ex) -> {
			assertThat(ex.isClientSide()).isFalse();
			assertThat(ex.retryAfter()).as("LarkResponses.LONGEST_RESET").isEqualTo(Duration.ofDays(1));
			assertThat(ex.getCause()).isNull();
		});
		assertThat(this.lark.requests(Endpoint.APPROVAL_UPDATE)).hasSize(1);
		assertThat(this.scheduler.now(TimeUnit.MILLISECONDS)).isZero();
	}

	/**
	 * Runs a call that is to fail, advancing virtual time by each backoff as soon as the pipeline schedules it (and
	 * never by the call's or a token request's timeout, which are longer), while the exchanges run on real sockets.
	 */
	private Throwable failureOnVirtualTime(Mono<?> call) {
		CompletableFuture<?> result = call.toFuture();
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		try {
			while (!result.isDone()) {
				assertThat(System.nanoTime() - deadline).as("the call ended within 20 s of real time").isNegative();
				Duration delay = this.scheduler.delays.poll(10, TimeUnit.MILLISECONDS);
				if (delay != null && delay.compareTo(MAX_BACKOFF) <= 0) {
					this.scheduler.virtual.advanceTimeBy(delay);
				}
			}
			result.get();
			throw new AssertionError("the call succeeded");
		}
		catch (ExecutionException ex) {
			return ex.getCause();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** A virtual-time scheduler that reports each delay scheduled on it. */
	static final class RecordingScheduler implements Scheduler {

		final VirtualTimeScheduler virtual = VirtualTimeScheduler.create();

		final BlockingQueue<Duration> delays = new LinkedBlockingQueue<>();

		@Override
		public Disposable schedule(Runnable task) {
			return this.virtual.schedule(task);
		}

		@Override
		public Disposable schedule(Runnable task, long delay, TimeUnit unit) {
			Disposable scheduled = this.virtual.schedule(task, delay, unit);
			this.delays.add(Duration.ofNanos(unit.toNanos(delay)));
			return scheduled;
		}

		@Override
		public long now(TimeUnit unit) {
			return this.virtual.now(unit);
		}

		@Override
		public Worker createWorker() {
			return this.virtual.createWorker();
		}

		@Override
		public void dispose() {
			this.virtual.dispose();
		}

	}

}
