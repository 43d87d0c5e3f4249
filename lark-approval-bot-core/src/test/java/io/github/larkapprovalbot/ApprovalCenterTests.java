package io.github.larkapprovalbot;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import ch.qos.logback.classic.Level;
import io.github.larkapprovalbot.center.ApprovalCenter;
import io.github.larkapprovalbot.center.ApprovalCenterStore;
import io.github.larkapprovalbot.center.ApprovalCenterStore.SyncedLevel;
import io.github.larkapprovalbot.center.CaffeineApprovalCenterStore;
import io.github.larkapprovalbot.center.CenterText;
import io.github.larkapprovalbot.center.ExternalApprovalDefinition;
import io.github.larkapprovalbot.center.ExternalInstance;
import io.github.larkapprovalbot.center.ExternalTask;
import io.github.larkapprovalbot.center.InstanceStatus;
import io.github.larkapprovalbot.center.InstanceVersion;
import io.github.larkapprovalbot.center.TaskQuery;
import io.github.larkapprovalbot.center.TaskStatus;
import io.github.larkapprovalbot.center.UpdateMode;
import io.github.larkapprovalbot.ratelimit.RateLimit;
import io.github.larkapprovalbot.test.Fault;
import io.github.larkapprovalbot.test.LarkSandbox;
import io.github.larkapprovalbot.test.SandboxRequest;
import io.github.larkapprovalbot.test.SandboxRequest.Endpoint;
import jakarta.validation.ConstraintViolationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The approval center against the sandbox, whose endpoints follow the guide's semantics: what goes on the wire, that
 * an older state never replaces a newer one, the rules before the network, Lark's codes, and the paged task list, a GET
 * with a body. {@link JdkConnectorApprovalCenterTests} runs them all on the JDK's client.
 */
public class ApprovalCenterTests {

	static final Duration BLOCK = Duration.ofSeconds(20);

	static final String CODE = "leave-request";

	static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");

	final LarkSandbox lark = LarkSandbox.builder().credentials("cli_center", "center-secret").start();

	@RegisterExtension
	final CapturedLogs centerLogs = CapturedLogs.of(WebClientApprovalCenter.class).atLevel(Level.INFO);

	@RegisterExtension
	final CapturedLogs nettyWarnings = CapturedLogs.of("reactor.netty");

	private final List<ApprovalBotMessenger> messengers = new ArrayList<>();

	/** The connector every test runs on: the default one; a subclass runs them all on another. */
	ApprovalBotMessengerBuilder connector(ApprovalBotMessengerBuilder builder) {
		return builder;
	}

	@AfterEach
	void close() {
		this.messengers.forEach(ApprovalBotMessenger::close);
		this.lark.close();
	}

	ApprovalBotMessengerBuilder builder() {
		return connector(new ApprovalBotMessengerBuilder()).credentials(this.lark.appId(), this.lark.appSecret())
			.baseUrl(this.lark.baseUrl())
			.approvalCenterCallback("https://oa.example.com/lark/approval/callback", "cb-token", "cb-key")
			.retry(new RetrySettings(3, Duration.ofMillis(20), Duration.ofMillis(100), 0.5));
	}

	ApprovalCenter center(ApprovalBotMessengerBuilder builder) {
		ApprovalBotMessenger messenger = builder.build();
		this.messengers.add(messenger);
		return messenger.approvalCenter();
	}

	ApprovalCenter center() {
		return center(builder());
	}

	List<SandboxRequest> requests(Endpoint endpoint) {
		return this.lark.requests(endpoint);
	}

	static JsonNode body(SandboxRequest request) {
		return JsonMapper.shared().readTree(request.body());
	}

	static ExternalApprovalDefinition definition() {
		return ExternalApprovalDefinition.builder(CODE)
			.name(CenterText.of("请假", "Leave"))
			.group("hr", CenterText.of("人事", "HR"))
			.createLinks("https://oa.example.com/leave/new", "https://oa.example.com/m/leave/new")
			.viewer(ExternalApprovalDefinition.Viewer.TENANT)
			.build();
	}

	/** A leave request's instance at a version: pending until {@code decided}, its task then approved. */
	static ExternalInstance instance(String id, Instant updated, boolean decided) {
		return ExternalInstance.builder(CODE, id)
			.status(decided ? InstanceStatus.APPROVED : InstanceStatus.PENDING)
			.link("https://oa.example.com/leave/" + id)
			.title(CenterText.of(decided ? "请假（已批准）" : "请假", decided ? "Leave (approved)" : "Leave"))
			.initiatorUserId("u-alice")
			.startTime(T0)
			.endTime(decided ? updated : null)
			.updateTime(updated)
			.task(ExternalInstance.Task.builder(id + "-approval")
				.userId("u-bob")
				.link("https://oa.example.com/leave/" + id)
				.status(decided ? TaskStatus.APPROVED : TaskStatus.PENDING)
				.createTime(T0)
				.endTime(decided ? updated : null)
				.updateTime(updated)
				.actionContext(id)
				.approveAndReject())
			.cc(ExternalInstance.Cc.builder(id + "-cc").userId("u-alice").link("https://oa.example.com/leave/" + id)
				.createTime(T0)
				.updateTime(T0))
			.build();
	}

	void defined(ApprovalCenter center) {
		center.define(definition()).block(BLOCK);
	}

	@Test
	void defineSendsTheDefinitionWithTheAppsCallbackAndReturnsTheCodePassed() {
		ApprovalCenter center = center();
		assertThat(center.define(definition()).block(BLOCK)).isEqualTo(CODE);
		SandboxRequest request = requests(Endpoint.EXTERNAL_APPROVAL_CREATE).get(0);
		assertThat(request.query()).isEqualTo("user_id_type=open_id&department_id_type=open_department_id");
		JsonNode sent = body(request);
		assertThat(sent.at("/external/action_callback_url").asString())
			.isEqualTo("https://oa.example.com/lark/approval/callback");
		assertThat(sent.at("/external/action_callback_token").asString()).isEqualTo("cb-token");
		assertThat(sent.at("/external/action_callback_key").asString()).isEqualTo("cb-key");
		assertThat(sent.at("/i18n_resources/0/texts/0/key").asString()).isEqualTo("@i18n@001");
		ExternalApprovalDefinition read = center.definition(CODE).block(BLOCK);
		assertThat(read.external().actionCallbackToken()).isEqualTo("cb-token");
		assertThat(read.toString()).doesNotContain("cb-token", "cb-key");
		assertThat(this.centerLogs.messages()).noneMatch((message) -> message.contains("cb-token"));
	}

	@Test
	void explicitCallbackSettingsGoOutUnchangedWithAWarningWhenTheyDiffer() {
		ApprovalCenter center = center();
		center.define(definition().withCallback("https://other.example.com/cb", "other-token", null)).block(BLOCK);
		JsonNode sent = body(requests(Endpoint.EXTERNAL_APPROVAL_CREATE).get(0));
		assertThat(sent.at("/external/action_callback_token").asString()).isEqualTo("other-token");
		assertThat(sent.at("/external/action_callback_key").isMissingNode()).isTrue();
		assertThat(this.centerLogs.messages()).anyMatch((message) -> message.contains("differs from what the callback "
				+ "endpoint of app default accepts")).noneMatch((message) -> message.contains("other-token"));
	}

	@Test
	void aTokenSetWithoutAUrlGoesOutAsSetBesideTheAppsUrl() {
		ObjectNode json = JsonMapper.shared().valueToTree(definition());
		((ObjectNode) json.path("external")).put("action_callback_token", "own-token");
		center().define(JsonMapper.shared().treeToValue(json, ExternalApprovalDefinition.class)).block(BLOCK);
		JsonNode sent = body(requests(Endpoint.EXTERNAL_APPROVAL_CREATE).get(0));
		assertThat(sent.at("/external/action_callback_url").asString())
			.isEqualTo("https://oa.example.com/lark/approval/callback");
		assertThat(sent.at("/external/action_callback_token").asString()).isEqualTo("own-token");
		assertThat(sent.at("/external/action_callback_key").asString()).isEqualTo("cb-key");
		assertThat(this.centerLogs.messages()).anyMatch((message) -> message.contains("differs from what the callback "
				+ "endpoint of app default accepts")).noneMatch((message) -> message.contains("own-token"));
	}

	@Test
	void aDefinitionWithoutViewersIsRefusedBeforeTheNetwork() {
		ExternalApprovalDefinition noViewers = ExternalApprovalDefinition.builder(CODE)
			.name(CenterText.of("请假"))
			.group("hr", CenterText.of("人事"))
			.build();
		assertThatExceptionOfType(ConstraintViolationException.class)
			.isThrownBy(() -> center().define(noViewers).block(BLOCK))
			.withMessageContaining("viewers: is required: without viewers nobody sees the definition");
		assertThat(requests(Endpoint.EXTERNAL_APPROVAL_CREATE)).isEmpty();
	}

	@Test
	void syncSendsUpdateWhenTheInstanceLeavesTheModeUnset() {
		ApprovalCenter center = center();
		defined(center);
		center.sync(instance("leave-1", T0, false)).block(BLOCK);
		assertThat(body(requests(Endpoint.EXTERNAL_INSTANCE_SYNC).get(0)).at("/update_mode").asString())
			.isEqualTo("UPDATE");
		assertThat(this.lark.instance("leave-1").at("/task_list/0/status").asString()).isEqualTo("PENDING");
	}

	@Test
	void twoSyncsOutOfOrderLeaveTheNewerState() {
		ApprovalCenter first = center();
		ApprovalCenter second = center();
		defined(first);
		first.sync(instance("leave-2", T0.plusSeconds(60), true)).block(BLOCK);
		second.sync(instance("leave-2", T0, false)).block(BLOCK);
		JsonNode held = this.lark.instance("leave-2");
		assertThat(held.at("/status").asString()).isEqualTo("APPROVED");
		assertThat(held.at("/task_list/0/status").asString()).isEqualTo("APPROVED");
		assertThat(held.at("/update_time").asString()).isEqualTo(Long.toString(T0.plusSeconds(60).toEpochMilli()));
	}

	@Test
	void anOlderReplaceIsNotSentAfterANewerOneAcrossInstancesSharingTheStore() {
		CaffeineApprovalCenterStore shared = new CaffeineApprovalCenterStore();
		Supplier<ApprovalCenterStore> store = () -> shared;
		ApprovalCenter first = center(builder().approvalCenterStore(store));
		ApprovalCenter second = center(builder().approvalCenterStore(store));
		defined(first);
		first.sync(instance("leave-3", T0.plusSeconds(60), true).withUpdateMode(UpdateMode.REPLACE)).block(BLOCK);
		second.sync(instance("leave-3", T0, false).withUpdateMode(UpdateMode.REPLACE)).block(BLOCK);
		assertThat(requests(Endpoint.EXTERNAL_INSTANCE_SYNC)).hasSize(1);
		assertThat(this.lark.instance("leave-3").at("/status").asString()).isEqualTo("APPROVED");
		assertThat(this.centerLogs.messages()).anyMatch((message) -> message.startsWith("Skipped a REPLACE of instance "
				+ "leave-3"));
	}

	@Test
	void anOlderReplaceIsNotSentAfterANewerUpdateFromAnotherInstance() {
		CaffeineApprovalCenterStore shared = new CaffeineApprovalCenterStore();
		Supplier<ApprovalCenterStore> store = () -> shared;
		ApprovalCenter first = center(builder().approvalCenterStore(store));
		ApprovalCenter second = center(builder().approvalCenterStore(store));
		defined(first);
		first.sync(instance("leave-14", T0.plusSeconds(60), true)).block(BLOCK);
		second.sync(instance("leave-14", T0, false).withUpdateMode(UpdateMode.REPLACE)).block(BLOCK);
		assertThat(requests(Endpoint.EXTERNAL_INSTANCE_SYNC)).hasSize(1);
		assertThat(this.lark.instance("leave-14").at("/task_list/0/status").asString()).isEqualTo("APPROVED");
	}

	@Test
	void aNewerUpdateOfTheSameCenterWaitsForAnOlderReplaceThatPassedItsCheck() throws Exception {
		CaffeineApprovalCenterStore memory = new CaffeineApprovalCenterStore();
		CountDownLatch replaceChecked = new CountDownLatch(1);
		// The older REPLACE is slow to record what it is about to send: the window a newer UPDATE could slip into.
		ApprovalCenterStore slow = new ApprovalCenterStore() {

			@Override
			public Mono<Map<String, SyncedLevel>> synced(String instanceId) {
				return memory.synced(instanceId);
			}

			@Override
			public Mono<Void> recordSynced(String instanceId, Map<String, SyncedLevel> levels) {
				if (levels.get(ApprovalCenterStore.INSTANCE_LEVEL).updateTime() == T0.toEpochMilli()) {
					replaceChecked.countDown();
					return Mono.delay(Duration.ofMillis(300)).then(memory.recordSynced(instanceId, levels));
				}
				return memory.recordSynced(instanceId, levels);
			}

			@Override
			public Mono<Boolean> tryLock(String name, String owner, Duration lease) {
				return memory.tryLock(name, owner, lease);
			}

			@Override
			public Mono<Void> unlock(String name, String owner) {
				return memory.unlock(name, owner);
			}

		};
		ApprovalCenter center = center(builder().approvalCenterStore(() -> slow));
		defined(center);
		CompletableFuture<Void> older = center.sync(instance("leave-16", T0, false).withUpdateMode(UpdateMode.REPLACE))
			.toFuture();
		assertThat(replaceChecked.await(BLOCK.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
		center.sync(instance("leave-16", T0.plusSeconds(60), true)).block(BLOCK);
		older.get(BLOCK.toMillis(), TimeUnit.MILLISECONDS);
		assertThat(this.lark.instance("leave-16").at("/task_list/0/status").asString()).isEqualTo("APPROVED");
		assertThat(requests(Endpoint.EXTERNAL_INSTANCE_SYNC)).extracting((request) -> body(request).path("update_mode")
			.asString()).containsExactly("REPLACE", "UPDATE");
	}

	@Test
	void aReplaceWhoseAnswerWasLostGoesAgainAndStillGuardsAgainstOlderStates() {
		ApprovalCenter center = center();
		defined(center);
		// Applied, then the answer lost on every attempt: the caller sees a failure.
		this.lark.inject(Fault.dropAfterWork().times(10).on(Endpoint.EXTERNAL_INSTANCE_SYNC));
		ExternalInstance newer = instance("leave-15", T0.plusSeconds(60), true).withUpdateMode(UpdateMode.REPLACE);
		assertThatExceptionOfType(RuntimeException.class).isThrownBy(() -> center.sync(newer).block(BLOCK));
		this.lark.reset();
		defined(center);
		long before = requests(Endpoint.EXTERNAL_INSTANCE_SYNC).size();
		center.sync(instance("leave-15", T0, false).withUpdateMode(UpdateMode.REPLACE)).block(BLOCK);
		assertThat(requests(Endpoint.EXTERNAL_INSTANCE_SYNC)).as("the older state is not sent").hasSize((int) before);
		center.sync(newer).block(BLOCK);
		assertThat(this.lark.instance("leave-15").at("/status").asString()).isEqualTo("APPROVED");
	}

	@Test
	void aNewerReplaceDeletesTheTasksItLeavesOut() {
		ApprovalCenter center = center();
		defined(center);
		center.sync(instance("leave-4", T0, false)).block(BLOCK);
		ExternalInstance withoutTasks = ExternalInstance.builder(CODE, "leave-4")
			.status(InstanceStatus.CANCELED)
			.link("https://oa.example.com/leave/leave-4")
			.initiatorUserId("u-alice")
			.startTime(T0)
			.endTime(T0.plusSeconds(5))
			.updateTime(T0.plusSeconds(5))
			.updateMode(UpdateMode.REPLACE)
			.build();
		center.sync(withoutTasks).block(BLOCK);
		assertThat(this.lark.instance("leave-4").path("task_list")).isEmpty();
	}

	@Test
	void aChangeWhoseUpdateTimeDidNotIncreaseIsAWarning() {
		ApprovalCenter center = center();
		defined(center);
		center.sync(instance("leave-5", T0, false)).block(BLOCK);
		center.sync(instance("leave-5", T0, true)).block(BLOCK);
		assertThat(this.centerLogs.messages())
			.anyMatch((message) -> message.contains("of approval center instance leave-5 changed but its update_time"));
		assertThat(this.lark.instance("leave-5").at("/status").asString()).as("Lark kept the older state")
			.isEqualTo("PENDING");
	}

	@Test
	void anInvalidInstanceIsRefusedBeforeTheNetworkNamingEachViolation() {
		ExternalInstance collision = ExternalInstance.builder(CODE, "leave-6")
			.link("https://oa.example.com/leave/6")
			.startTime(T0)
			.updateTime(T0)
			.task(ExternalInstance.Task.builder("leave-6").userId("u-bob").link("ftp://x").createTime(T0))
			.build();
		assertThatExceptionOfType(ConstraintViolationException.class).isThrownBy(() -> center().sync(collision).block(BLOCK))
			.withMessageContaining("task_list[0].task_id: must be unique across the instance")
			.withMessageContaining("task_list[0].links.pc_link: must be an absolute http(s) URL")
			.withMessageContaining("user_id: user_id or open_id of the initiator is required");
		assertThat(requests(Endpoint.EXTERNAL_INSTANCE_SYNC)).isEmpty();
	}

	@Test
	void checkReportsWhatLarkLacksOrHoldsOlder() {
		ApprovalCenter center = center();
		defined(center);
		center.sync(instance("leave-7", T0, false)).block(BLOCK);
		center.sync(instance("leave-8", T0, false)).block(BLOCK);
		List<InstanceVersion> diff = center
			.check(List.of(instance("leave-7", T0, false).version(), instance("leave-8", T0.plusSeconds(1), true).version(),
					instance("leave-9", T0, false).version()))
			.block(BLOCK);
		assertThat(diff).extracting(InstanceVersion::instanceId).containsExactly("leave-8", "leave-9");
		assertThat(diff.get(0).updateTimeMillis()).isEqualTo(T0.toEpochMilli());
		assertThat(diff.get(1).updateTimeMillis()).isZero();
	}

	@Test
	void tasksIsAGetWithABodyAndFollowsThePages() {
		ApprovalCenter center = center(builder().rateLimit(LarkEndpoint.EXTERNAL_INSTANCE_SYNC, RateLimit.NONE));
		defined(center);
		for (int i = 0; i < 502; i++) {
			center.sync(instance("paged-" + i, T0, false)).block(BLOCK);
		}
		List<ExternalTask> tasks = center.tasks(TaskQuery.ofApprovals(List.of(CODE), TaskStatus.PENDING))
			.collectList()
			.block(BLOCK);
		assertThat(tasks).hasSize(502).extracting(ExternalTask::instanceId).doesNotHaveDuplicates();
		assertThat(tasks.get(0).tasks()).singleElement().satisfies((task) -> {
			assertThat(task.status()).isEqualTo("PENDING");
			assertThat(task.id()).endsWith("-approval");
		});
		List<SandboxRequest> pages = requests(Endpoint.EXTERNAL_TASK_LIST);
		assertThat(pages).hasSize(2).allSatisfy((page) -> {
			assertThat(page.method()).isEqualTo("GET");
			assertThat(body(page).at("/approval_codes/0").asString()).isEqualTo(CODE);
		});
		assertThat(pages.get(1).query()).contains("page_token=");
	}

	@Test
	void aQueryLarkDoesNotAnswerIsRefusedBeforeTheNetwork() {
		assertThatExceptionOfType(ConstraintViolationException.class)
			.isThrownBy(() -> center().tasks(new TaskQuery(null, List.of("a"), null, "PENDING")).blockLast(BLOCK))
			.withMessageContaining("instance_ids: must be instance_ids alone");
		assertThat(requests(Endpoint.EXTERNAL_TASK_LIST)).isEmpty();
	}

	@Test
	void doNotSyncTheSameInstanceRepeatedlyBacksOffAndRetries() {
		ApprovalCenter center = center();
		defined(center);
		this.lark.inject(Fault.answer(400, "{\"code\":1395001,\"msg\":\"There have been some errors. Please try "
				+ "again later\"}").on(Endpoint.EXTERNAL_INSTANCE_SYNC));
		center.sync(instance("leave-10", T0, false)).block(BLOCK);
		assertThat(requests(Endpoint.EXTERNAL_INSTANCE_SYNC)).hasSize(2);
		assertThat(this.lark.instance("leave-10").at("/status").asString()).isEqualTo("PENDING");
	}

	@Test
	void anUnknownApprovalCodeIsTerminal() {
		assertThatExceptionOfType(LarkTerminalException.class)
			.isThrownBy(() -> center().sync(instance("leave-11", T0, false)).block(BLOCK))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(1390002));
		assertThat(requests(Endpoint.EXTERNAL_INSTANCE_SYNC)).hasSize(1);
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(ints = { 1390001, 1390014 })
	void invalidParametersAndAnUnknownTenantAreTerminal(int code) {
		ApprovalCenter center = center();
		defined(center);
		this.lark.inject(Fault.answer(400, "{\"code\":" + code + ",\"msg\":\"refused\"}")
			.on(Endpoint.EXTERNAL_INSTANCE_SYNC));
		assertThatExceptionOfType(LarkTerminalException.class)
			.isThrownBy(() -> center.sync(instance("leave-13", T0, false)).block(BLOCK))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(code));
		assertThat(requests(Endpoint.EXTERNAL_INSTANCE_SYNC)).hasSize(1);
	}

	@Test
	void aSyncDroppedAfterLarkAppliedItIsRetriedAndLeavesOneState() {
		ApprovalCenter center = center();
		defined(center);
		this.lark.inject(Fault.dropAfterWork().on(Endpoint.EXTERNAL_INSTANCE_SYNC));
		center.sync(instance("leave-12", T0, false)).block(BLOCK);
		assertThat(requests(Endpoint.EXTERNAL_INSTANCE_SYNC)).hasSize(2);
		assertThat(this.lark.instance("leave-12").path("task_list")).hasSize(1);
	}

	@Test
	void theLegacyPathStyleKeepsTheCenterOnOpenApis() {
		ApprovalCenter center = center(builder().approvalPathStyle(ApprovalPathStyle.LEGACY)
			.legacyApprovalBaseUrl(this.lark.baseUrl()));
		defined(center);
		assertThat(requests(Endpoint.EXTERNAL_APPROVAL_CREATE).get(0).path())
			.isEqualTo("/open-apis/approval/v4/external_approvals");
	}

}
