package io.github.larkapprovalbot;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import io.github.larkapprovalbot.center.ApprovalCenter;
import io.github.larkapprovalbot.center.ApprovalCenterReconciler;
import io.github.larkapprovalbot.center.CaffeineApprovalCenterStore;
import io.github.larkapprovalbot.center.ExternalInstance;
import io.github.larkapprovalbot.center.ExternalInstanceSource;
import io.github.larkapprovalbot.center.InstanceStatus;
import io.github.larkapprovalbot.test.Fault;
import io.github.larkapprovalbot.test.LarkSandbox;
import io.github.larkapprovalbot.test.SandboxRequest.Endpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.test.scheduler.VirtualTimeScheduler;

import static io.github.larkapprovalbot.ApprovalCenterTests.BLOCK;
import static io.github.larkapprovalbot.ApprovalCenterTests.T0;
import static io.github.larkapprovalbot.ApprovalCenterTests.definition;
import static io.github.larkapprovalbot.ApprovalCenterTests.instance;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The reconciler against the sandbox: what it repairs, what it leaves, how it batches, that one instance of the
 * service runs at a time, and that its schedule (on virtual time) survives a source that throws.
 */
class ApprovalCenterReconcilerTests {

	private static final Duration INTERVAL = Duration.ofMinutes(5);

	private final LarkSandbox lark = LarkSandbox.builder().credentials("cli_center", "center-secret").start();

	private final List<ApprovalBotMessenger> messengers = new ArrayList<>();

	private final List<ApprovalCenterReconciler> reconcilers = new ArrayList<>();

	private final Clock clock = Clock.fixed(T0.plus(Duration.ofDays(1)), ZoneOffset.UTC);

	@RegisterExtension
	final CapturedLogs reconcilerLogs = CapturedLogs.of(ApprovalCenterReconciler.class);

	@AfterEach
	void close() {
		this.reconcilers.forEach(ApprovalCenterReconciler::close);
		this.messengers.forEach(ApprovalBotMessenger::close);
		this.lark.close();
	}

	private ApprovalCenter center() {
		ApprovalBotMessenger messenger = ApprovalBotMessenger.builder()
			.credentials(this.lark.appId(), this.lark.appSecret())
			.baseUrl(this.lark.baseUrl())
			.build();
		this.messengers.add(messenger);
		return messenger.approvalCenter();
	}

	private ApprovalCenterReconciler reconciler(ApprovalCenter center, ExternalInstanceSource source,
			CaffeineApprovalCenterStore store, VirtualTimeScheduler scheduler) {
		ApprovalCenterReconciler reconciler = new ApprovalCenterReconciler("default", center, source, store, INTERVAL,
				Duration.ofDays(7), this.clock, scheduler);
		this.reconcilers.add(reconciler);
		return reconciler;
	}

	@Test
	void aLostSyncAndAMissingInstanceAreRepairedAndWhatLarkHoldsIsLeft() {
		ApprovalCenter center = center();
		center.define(definition()).block(BLOCK);
		center.sync(instance("kept", T0, false)).block(BLOCK);
		center.sync(instance("lost", T0, false)).block(BLOCK);
		// The decision on "lost" was never synced, and "missing" never reached Lark.
		List<ExternalInstance> held = List.of(instance("kept", T0, false), instance("lost", T0.plusSeconds(30), true),
				instance("missing", T0, false));
		ApprovalCenterReconciler reconciler = reconciler(center, (since) -> held.stream(),
				new CaffeineApprovalCenterStore(), VirtualTimeScheduler.create());
		long syncsBefore = this.lark.requestCount(Endpoint.EXTERNAL_INSTANCE_SYNC);
		assertThat(reconciler.reconcile().block(BLOCK)).isEqualTo(2);
		assertThat(reconciler.repairs()).isEqualTo(2);
		assertThat(this.lark.requestCount(Endpoint.EXTERNAL_INSTANCE_SYNC) - syncsBefore).isEqualTo(2);
		assertThat(this.lark.instance("lost").at("/task_list/0/status").asString()).isEqualTo("APPROVED");
		assertThat(this.lark.instance("missing").at("/status").asString()).isEqualTo("PENDING");
		assertThat(reconciler.reconcile().block(BLOCK)).as("nothing left to repair").isZero();
	}

	@Test
	void theSourceIsAskedForTheLookbackAndCheckedFiftyAtATime() {
		ApprovalCenter center = center();
		center.define(definition()).block(BLOCK);
		List<Instant> asked = new CopyOnWriteArrayList<>();
		ExternalInstanceSource source = (since) -> {
			asked.add(since);
			return Stream.iterate(0, (i) -> i + 1).limit(120).map((i) -> instance("batch-" + i, T0, false));
		};
		ApprovalCenterReconciler reconciler = reconciler(center, source, new CaffeineApprovalCenterStore(),
				VirtualTimeScheduler.create());
		assertThat(reconciler.reconcile().block(BLOCK)).isEqualTo(120);
		assertThat(asked).containsExactly(T0.plus(Duration.ofDays(1)).minus(Duration.ofDays(7)));
		assertThat(this.lark.requests(Endpoint.EXTERNAL_INSTANCE_CHECK)).hasSize(3);
	}

	@Test
	void aBatchLarkRefusesLeavesTheOtherBatchesToRun() {
		ApprovalCenter center = center();
		center.define(definition()).block(BLOCK);
		this.lark.inject(Fault.answer(400, "{\"code\":1390001,\"msg\":\"invalid\"}")
			.on(Endpoint.EXTERNAL_INSTANCE_CHECK));
		ExternalInstanceSource source = (since) -> Stream.iterate(0, (i) -> i + 1)
			.limit(60)
			.map((i) -> instance("refused-" + i, T0, false));
		ApprovalCenterReconciler reconciler = reconciler(center, source, new CaffeineApprovalCenterStore(),
				VirtualTimeScheduler.create());
		assertThat(reconciler.reconcile().block(BLOCK)).as("the second batch's 10 instances").isEqualTo(10);
		assertThat(reconciler.failures()).isEqualTo(1);
		assertThat(this.reconcilerLogs.messages()).anyMatch((message) -> message.startsWith("Could not check 50 "
				+ "instance(s) from refused-0"));
		assertThat(this.lark.instance("refused-59").at("/status").asString()).isEqualTo("PENDING");
	}

	@Test
	void anInstanceThatCannotBeCheckedIsSkippedAndItsBatchGoesOn() {
		ApprovalCenter center = center();
		center.define(definition()).block(BLOCK);
		ExternalInstance broken = ExternalInstance.builder(ApprovalCenterTests.CODE, "broken")
			.status(InstanceStatus.PENDING)
			.link("https://oa.example.com/leave/broken")
			.initiatorUserId("u-alice")
			.startTime(T0)
			.build();
		ExternalInstanceSource source = (since) -> Stream.concat(Stream.of(broken),
				Stream.iterate(0, (i) -> i + 1).limit(60).map((i) -> instance("after-" + i, T0, false)));
		ApprovalCenterReconciler reconciler = reconciler(center, source, new CaffeineApprovalCenterStore(),
				VirtualTimeScheduler.create());
		assertThat(reconciler.reconcile().block(BLOCK)).isEqualTo(60);
		assertThat(reconciler.failures()).isZero();
		assertThat(this.reconcilerLogs.messages()).anyMatch((message) -> message.startsWith("Skipped instance broken"));
		assertThat(this.lark.instance("after-0").at("/status").asString()).isEqualTo("PENDING");
	}

	@Test
	void oneInstanceOfTheServiceRunsAtATime() {
		ApprovalCenter center = center();
		center.define(definition()).block(BLOCK);
		CaffeineApprovalCenterStore shared = new CaffeineApprovalCenterStore();
		ExternalInstanceSource source = (since) -> Stream.of(instance("once", T0, false));
		ApprovalCenterReconciler first = reconciler(center, source, shared, VirtualTimeScheduler.create());
		ApprovalCenterReconciler second = reconciler(center(), source, shared, VirtualTimeScheduler.create());
		assertThat(first.reconcile().block(BLOCK)).isEqualTo(1);
		assertThat(second.reconcile().block(BLOCK)).isZero();
		assertThat(second.runs()).isZero();
		assertThat(this.lark.requests(Endpoint.EXTERNAL_INSTANCE_CHECK)).hasSize(1);
	}

	@Test
	void aLostSyncIsRepairedWithinOneIntervalAndASourceThatThrowsIsAskedAgainAtTheNext() {
		ApprovalCenter center = center();
		center.define(definition()).block(BLOCK);
		center.sync(instance("late", T0, false)).block(BLOCK);
		AtomicInteger calls = new AtomicInteger();
		ExternalInstanceSource source = (since) -> {
			if (calls.incrementAndGet() == 1) {
				throw new IllegalStateException("database down");
			}
			return Stream.of(instance("late", T0.plusSeconds(30), true));
		};
		VirtualTimeScheduler time = VirtualTimeScheduler.create();
		ApprovalCenterReconciler reconciler = reconciler(center, source, new CaffeineApprovalCenterStore(), time);
		reconciler.start();
		time.advanceTimeBy(INTERVAL.minusSeconds(1));
		assertThat(calls).hasValue(0);
		time.advanceTimeBy(Duration.ofSeconds(1));
		await().until(() -> reconciler.failures() == 1);
		assertThat(this.reconcilerLogs.messages()).anyMatch((message) -> message.contains("runs again in PT5M"));
		time.advanceTimeBy(INTERVAL);
		await().until(() -> reconciler.repairs() == 1);
		assertThat(this.lark.instance("late").at("/status").asString()).isEqualTo("APPROVED");
	}

}
