package io.github.larkapprovalbot.callback;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.larkapprovalbot.CapturedLogs;
import io.github.larkapprovalbot.internal.TimeSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;
import reactor.test.scheduler.VirtualTimeScheduler;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The claim of a click being run is a lease its owner renews, on virtual time: a handler that outlives the lease and
 * the duplicate window still runs once, and an owner that loses its lease says so.
 */
class ClaimLeaseTests {

	private static final Duration LEASE = Duration.ofSeconds(1);

	private static final String CLICK = "{\"action_type\":\"APPROVE\",\"user_id\":\"u-bob\",\"approval_code\":\"A1\","
			+ "\"instance_id\":\"leave-1\",\"task_id\":\"t1\",\"token\":\"cb\"}";

	@RegisterExtension
	final CapturedLogs logs = CapturedLogs.of(ApprovalCallbackProcessor.class.getPackageName());

	private final VirtualTimeScheduler scheduler = VirtualTimeScheduler.create();

	private final CaffeineApprovalActionStore store = new CaffeineApprovalActionStore(
			CaffeineApprovalActionStore.DEFAULT_MAX_BYTES, () -> this.scheduler.now(TimeUnit.NANOSECONDS));

	private final AtomicInteger runs = new AtomicInteger();

	private ApprovalCallbackProcessor processor(ApprovalActionStore store, Duration handlerTakes) {
		ApprovalActionHandler handler = (action) -> Mono.defer(() -> {
			this.runs.incrementAndGet();
			return Mono.delay(handlerTakes, this.scheduler).then();
		});
		return new ApprovalCallbackProcessor("default",
				new CallbackSettings("cb", null, Duration.ofMillis(300), Duration.ofSeconds(2), LEASE, 64 * 1024),
				() -> List.of(handler), store, JsonMapper.shared(), TimeSource.of(this.scheduler));
	}

	private List<CallbackAnswer> answers(ApprovalCallbackProcessor processor) {
		List<CallbackAnswer> answers = new java.util.concurrent.CopyOnWriteArrayList<>();
		processor.process(CLICK.getBytes(StandardCharsets.UTF_8)).subscribe(answers::add);
		return answers;
	}

	@Test
	void aHandlerThatOutlivesTheLeaseAndTheWindowRunsOnceAndKeepsItsClaim() {
		ApprovalCallbackProcessor processor = processor(this.store, Duration.ofSeconds(7));
		List<CallbackAnswer> first = answers(processor);
		await().until(() -> this.runs.get() == 1);
		this.scheduler.advanceTimeBy(Duration.ofMillis(300));
		assertThat(first).singleElement().satisfies((answer) -> assertThat(answer.status()).isEqualTo(504));
		// Deliveries while the handler runs, past the lease and past the window: the claim is still its own.
		for (int second = 1; second <= 5; second++) {
			this.scheduler.advanceTimeBy(Duration.ofSeconds(1));
			List<CallbackAnswer> again = answers(processor);
			this.scheduler.advanceTimeBy(Duration.ofMillis(300));
			await().until(() -> !again.isEmpty());
			assertThat(again.get(0).status()).as("delivery after %s s", second).isEqualTo(504);
		}
		this.scheduler.advanceTimeBy(Duration.ofSeconds(1));
		List<CallbackAnswer> after = answers(processor);
		await().until(() -> !after.isEmpty());
		assertThat(after.get(0)).isEqualTo(CallbackAnswer.ok());
		assertThat(this.runs).hasValue(1);
		assertThat(processor.state().leasesRenewed()).isGreaterThanOrEqualTo(18);
		assertThat(this.store.claim(new ApprovalActionTestClicks().id(CLICK), LEASE).block())
			.isEqualTo(new ApprovalActionStore.Claim.Done(CallbackAnswer.ok()));
		assertThat(processor.state().leasesLost()).isZero();
	}

	@Test
	void anOwnerWhoseRenewalIsRefusedLogsTheLostLeaseNamingTheClick() {
		ApprovalCallbackProcessor processor = processor(new LosingStore(this.store, true), Duration.ofSeconds(3));
		answers(processor);
		await().until(() -> this.runs.get() == 1);
		this.scheduler.advanceTimeBy(Duration.ofSeconds(4));
		await().until(() -> processor.state().leasesLost() == 1);
		assertThat(this.logs.messages()).anySatisfy((line) -> assertThat(line).contains("Lost the claim of quick-approval click")
			.contains(new ApprovalActionTestClicks().id(CLICK)));
	}

	@Test
	void anOutcomeThatFindsItsClaimGoneIsLoggedNamingTheClick() {
		ApprovalCallbackProcessor processor = processor(new LosingStore(this.store, false), Duration.ofMillis(100));
		List<CallbackAnswer> first = answers(processor);
		await().until(() -> this.runs.get() == 1);
		this.scheduler.advanceTimeBy(Duration.ofMillis(100));
		await().until(() -> !first.isEmpty());
		assertThat(processor.state().outcomesWithoutClaim()).isEqualTo(1);
		assertThat(this.logs.messages()).anySatisfy((line) -> assertThat(line).contains("was gone when its run ended")
			.contains(new ApprovalActionTestClicks().id(CLICK)));
	}

	/** A store that loses claims, as a Redis restarted without persistence does: at renewal, or at completion. */
	private record LosingStore(ApprovalActionStore store, boolean atRenewal) implements ApprovalActionStore {

		@Override
		public Mono<Claim> claim(String clickId, Duration lease) {
			return this.store.claim(clickId, lease);
		}

		@Override
		public Mono<Boolean> renew(Claim.Won claim, Duration lease) {
			return this.atRenewal ? Mono.just(false) : this.store.renew(claim, lease);
		}

		@Override
		public Mono<Boolean> complete(Claim.Won claim, CallbackAnswer outcome, Duration timeToLive) {
			return this.atRenewal ? this.store.complete(claim, outcome, timeToLive) : Mono.just(false);
		}

		@Override
		public Mono<Void> release(Claim.Won claim) {
			return this.store.release(claim);
		}

		@Override
		public Mono<CallbackAnswer> awaitOutcome(String clickId) {
			return this.store.awaitOutcome(clickId);
		}

	}

	/** The click id Lark's body gives. */
	static final class ApprovalActionTestClicks {

		String id(String body) {
			return JsonMapper.shared().readValue(body, ApprovalAction.class).clickId();
		}

	}

}
