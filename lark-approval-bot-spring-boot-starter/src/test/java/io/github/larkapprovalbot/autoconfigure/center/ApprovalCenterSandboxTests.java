package io.github.larkapprovalbot.autoconfigure.center;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import io.github.larkapprovalbot.callback.ApprovalAction;
import io.github.larkapprovalbot.callback.ApprovalActionListener;
import io.github.larkapprovalbot.center.ApprovalCenter;
import io.github.larkapprovalbot.center.ApprovalCenterReconcilers;
import io.github.larkapprovalbot.center.ApprovalCenters;
import io.github.larkapprovalbot.center.CenterText;
import io.github.larkapprovalbot.center.ExternalApprovalDefinition;
import io.github.larkapprovalbot.center.ExternalInstance;
import io.github.larkapprovalbot.center.ExternalInstanceSource;
import io.github.larkapprovalbot.center.InstanceStatus;
import io.github.larkapprovalbot.center.TaskStatus;
import io.github.larkapprovalbot.test.AutoConfigureLarkSandbox;
import io.github.larkapprovalbot.test.LarkSandbox;
import io.github.larkapprovalbot.test.SandboxRequest;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The approval center loop through the starter on a real socket: the application defines its approval (the callback
 * filled from the app's endpoint), syncs an instance, and a click on its task, from the approval center's list or
 * after a search, reaches the same listener once; the listener's re-sync moves the task to 已办. The reconciler bean
 * repairs what Lark holds older. Subclasses run it on each web stack.
 */
@SpringBootTest(classes = ApprovalCenterSandboxTests.CenterApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.reactor.netty.shutdown-quiet-period=0s", "lark.approval-bot.app-id=cli_center",
				"lark.approval-bot.app-secret=center-secret" })
@AutoConfigureLarkSandbox
abstract class ApprovalCenterSandboxTests {

	static final String CODE = "leave-center";

	private static final Duration BLOCK = Duration.ofSeconds(20);

	/** Whole milliseconds: the wire carries update times in milliseconds. */
	private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);

	@Autowired
	ApplicationContext context;

	@Autowired
	LarkSandbox lark;

	@Autowired
	ApprovalCenter center;

	@Autowired
	Decisions decisions;

	@BeforeEach
	void defineAndForget() {
		this.decisions.actions.clear();
		this.decisions.held.clear();
		this.center.define(definition()).block(BLOCK);
	}

	@Test
	void defineFillsTheCallbackFromTheAppsEndpointAndKeepsTheCodePassed() {
		JsonNode external = JsonMapper.shared()
			.readTree(this.lark.requests(SandboxRequest.Endpoint.EXTERNAL_APPROVAL_CREATE).get(0).body())
			.path("external");
		assertThat(external.path("action_callback_url").asString()).startsWith("http://")
			.endsWith("/lark/approval/callback");
		// The sandbox gives the app its callback token and key, as a test of the application would.
		String token = this.context.getEnvironment().getRequiredProperty("lark.approval-bot.callback.token");
		String key = this.context.getEnvironment().getRequiredProperty("lark.approval-bot.callback.key");
		assertThat(external.path("action_callback_token").asString()).isEqualTo(token);
		assertThat(external.path("action_callback_key").asString()).isEqualTo(key);
		// What Lark answers carries the token and key; the record read back never shows them.
		assertThat(String.valueOf(this.center.definition(CODE).block(BLOCK))).contains(CODE)
			.doesNotContain(token, key);
	}

	@Test
	void aListClickRunsTheListenerOnceAndItsResyncMovesTheTaskToDone() {
		this.decisions.sync(instance("r-1", T0, TaskStatus.PENDING));
		assertThat(this.lark.instance("r-1").at("/task_list/0/status").asString()).isEqualTo("PENDING");

		assertThat(this.lark.clickTask("r-1", "r-1-approval", "APPROVE")).isEqualTo(200);

		assertThat(this.decisions.actions).singleElement().satisfies((action) -> {
			assertThat(action.origin()).isEqualTo(ApprovalAction.Origin.LIST);
			assertThat(action.instanceId()).isEqualTo("r-1");
			assertThat(action.taskId()).isEqualTo("r-1-approval");
			assertThat(action.actionContext()).isEqualTo("r-1");
			assertThat(action.userId()).isEqualTo("u-bob");
			assertThat(action.approvalCode()).isEqualTo(CODE);
			assertThat(action.app()).isEqualTo("default");
		});
		JsonNode held = this.lark.instance("r-1");
		assertThat(held.path("status").asString()).isEqualTo("APPROVED");
		assertThat(held.at("/task_list/0/status").asString()).isEqualTo("APPROVED");
		// Done: the task has no actions left to click, and the listener ran once.
		assertThatIllegalStateException().isThrownBy(() -> this.lark.clickTask("r-1", "r-1-approval", "APPROVE"));
		assertThat(this.decisions.actions).hasSize(1);
	}

	@Test
	void aClickAfterASearchReachesTheSameListenerWithItsOrigin() {
		this.decisions.sync(instance("r-2", T0, TaskStatus.PENDING));
		assertThat(this.lark.clickSearchedTask("r-2-approval", "REJECT")).isEqualTo(200);
		assertThat(this.decisions.actions).singleElement().satisfies((action) -> {
			assertThat(action.origin()).isEqualTo(ApprovalAction.Origin.SEARCH);
			assertThat(action.id()).isEqualTo("r-2-approval");
			assertThat(action.actionType()).isEqualTo("REJECT");
		});
		assertThat(this.lark.instance("r-2").at("/task_list/0/status").asString()).isEqualTo("REJECTED");
	}

	@Test
	void theRegistryReachesTheSameCenterAndTheReconcilerRepairsWhatLarkHoldsOlder() {
		assertThat(this.context.getBean(ApprovalCenters.class).get("default")).isSameAs(this.center);
		this.center.sync(instance("r-3", T0, TaskStatus.PENDING)).block(BLOCK);
		// The decision is recorded but its sync never reached Lark: the source knows better than Lark.
		this.decisions.held.put("r-3", instance("r-3", T0.plusSeconds(5), TaskStatus.APPROVED));
		MeterRegistry meters = this.context.getBean(MeterRegistry.class);
		double before = meters.get("lark.approval-bot.center.repairs").tag("app", "default").functionCounter().count();

		ApprovalCenterReconcilers reconcilers = this.context.getBean(ApprovalCenterReconcilers.class);
		assertThat(reconcilers.get("default").reconcile().block(BLOCK)).isEqualTo(1);

		assertThat(this.lark.instance("r-3").at("/task_list/0/status").asString()).isEqualTo("APPROVED");
		assertThat(meters.get("lark.approval-bot.center.repairs").tag("app", "default").functionCounter().count())
			.isEqualTo(before + 1);
	}

	static ExternalApprovalDefinition definition() {
		return ExternalApprovalDefinition.builder(CODE)
			.name(CenterText.of("请假", "Leave"))
			.group("hr", CenterText.of("人事", "HR"))
			.createLinks("https://oa.example.com/leave/new", "https://oa.example.com/m/leave/new")
			.viewer(ExternalApprovalDefinition.Viewer.TENANT)
			.build();
	}

	static ExternalInstance instance(String id, Instant updated, TaskStatus task) {
		boolean pending = task == TaskStatus.PENDING;
		return ExternalInstance.builder(CODE, id)
			.status(pending ? InstanceStatus.PENDING : InstanceStatus.valueOf(task.name()))
			.link("https://oa.example.com/leave/" + id)
			.title(CenterText.of("请假", "Leave"))
			.initiatorUserId("u-alice")
			.startTime(T0)
			.endTime(pending ? null : updated)
			.updateTime(updated)
			.task(ExternalInstance.Task.builder(id + "-approval")
				.userId("u-bob")
				.link("https://oa.example.com/leave/" + id)
				.status(task)
				.createTime(T0)
				.endTime(pending ? null : updated)
				.updateTime(updated)
				.actionContext(id)
				.approveAndReject())
			.build();
	}

	/**
	 * The application's side: the leave requests it holds (its {@link ExternalInstanceSource}) and the listener that
	 * records a decision and re-syncs the instance, as the README shows.
	 */
	static class Decisions implements ExternalInstanceSource {

		final List<ApprovalAction> actions = new CopyOnWriteArrayList<>();

		final Map<String, ExternalInstance> held = new ConcurrentHashMap<>();

		private final ApprovalCenter center;

		Decisions(ApprovalCenter center) {
			this.center = center;
		}

		void sync(ExternalInstance instance) {
			this.held.put(instance.instanceId(), instance);
			this.center.sync(instance).block(BLOCK);
		}

		@ApprovalActionListener(actionType = { "APPROVE", "REJECT" })
		Mono<Void> decide(ApprovalAction action) {
			this.actions.add(action);
			String id = (action.instanceId() != null) ? action.instanceId()
					: String.valueOf(action.id()).replace("-approval", "");
			ExternalInstance decided = instance(id, Instant.now().truncatedTo(ChronoUnit.MILLIS).plusMillis(1),
					"APPROVE".equals(action.actionType()) ? TaskStatus.APPROVED : TaskStatus.REJECTED);
			this.held.put(id, decided);
			return this.center.sync(decided);
		}

		@Override
		public Stream<ExternalInstance> changedSince(Instant since) {
			return this.held.values().stream();
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class CenterApplication {

		@Bean
		Decisions decisions(ApprovalCenter center) {
			return new Decisions(center);
		}

		@Bean
		MeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

	}

}
