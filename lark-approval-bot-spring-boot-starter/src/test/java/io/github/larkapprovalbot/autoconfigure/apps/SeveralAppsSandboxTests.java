package io.github.larkapprovalbot.autoconfigure.apps;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.larkapprovalbot.ApprovalBotMessenger;
import io.github.larkapprovalbot.ApprovalBotMessengers;
import io.github.larkapprovalbot.autoconfigure.template.good.LeaveCard;
import io.github.larkapprovalbot.callback.ApprovalAction;
import io.github.larkapprovalbot.callback.ApprovalActionListener;
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
import org.springframework.boot.health.contributor.CompositeReactiveHealthContributor;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two Lark apps in one service on one sandbox: each sends on its own token under its own limits, and a click reaches
 * only the listeners of the app whose card it was, through that app's own endpoint, token and key. Subclasses run it on
 * each web stack.
 */
@SpringBootTest(classes = SeveralAppsSandboxTests.TwoAppsApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.messages.basename=lark-test-messages", "spring.reactor.netty.shutdown-quiet-period=0s",
				"lark.approval-bot.apps.feishu.app-id=cli_feishu", "lark.approval-bot.apps.feishu.app-secret=feishu-secret",
				"lark.approval-bot.apps.global.app-id=cli_global", "lark.approval-bot.apps.global.app-secret=global-secret",
				"lark.approval-bot.apps.global.rate-limit.message-send.per-second=2",
				"lark.approval-bot.apps.global.rate-limit.message-send.per-minute=0" })
@AutoConfigureLarkSandbox
abstract class SeveralAppsSandboxTests {

	private static final Duration BLOCK = Duration.ofSeconds(20);

	@Autowired
	ApplicationContext context;

	@Autowired
	LarkSandbox lark;

	@Autowired
	ApprovalBotMessengers messengers;

	@Autowired
	Decisions decisions;

	@BeforeEach
	void forgetDecisions() {
		this.decisions.feishu.clear();
		this.decisions.global.clear();
		this.decisions.all.clear();
	}

	private String send(String app, String approver, String request) {
		return this.messengers.get(app)
			.sendCard(new LeaveCard(approver, "family", 2, "u-alice", "https://oa.example.com/leave/" + request, request))
			.block(BLOCK)
			.messageId();
	}

	@Test
	void eachAppsCallsCarryItsOwnToken() {
		send("feishu", "u-bob", "r-1");
		send("global", "u-carol", "r-2");
		List<SandboxRequest> sends = this.lark.requests(SandboxRequest.Endpoint.APPROVAL_SEND);
		assertThat(sends).extracting(SandboxRequest::appId).containsExactly("cli_feishu", "cli_global");
		assertThat(sends.get(0).header("Authorization")).isNotEqualTo(sends.get(1).header("Authorization"));
		assertThat(this.lark.requests(SandboxRequest.Endpoint.TOKEN)).extracting(SandboxRequest::appId)
			.containsExactlyInAnyOrder("cli_feishu", "cli_global");
		assertThat(this.lark.messagesTo("u-bob")).singleElement()
			.satisfies((card) -> assertThat(card.appId()).isEqualTo("cli_feishu"));
	}

	@Test
	void oneAppsRateLimitDoesNotSlowTheOther() {
		ApprovalBotMessenger global = this.messengers.get("global");
		ApprovalBotMessenger feishu = this.messengers.get("feishu");
		Flux<String> slow = Flux.range(0, 6)
			.flatMap((i) -> global.sendCard(new LeaveCard("u-g" + i, "r", 1, "u-alice", "https://oa.example.com/g", "g-" + i)))
			.map((sent) -> sent.messageId());
		long start = System.nanoTime();
		Flux<String> fast = Flux.range(0, 6)
			.flatMap((i) -> feishu.sendCard(new LeaveCard("u-f" + i, "r", 1, "u-alice", "https://oa.example.com/f", "f-" + i)))
			.map((sent) -> sent.messageId());
		// global queues at 2/s: its sixth send waits about 2.7 s; feishu's six go at once.
		Flux.merge(slow.then(), fast.then().doOnSuccess((done) -> {
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1500));
		})).blockLast(BLOCK);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofSeconds(2));
		assertThat(this.lark.requests(SandboxRequest.Endpoint.APPROVAL_SEND)).hasSize(12);
	}

	@Test
	void aClickRunsOnlyTheListenersOfTheAppWhoseCardItWas() {
		String feishuCard = send("feishu", "u-bob", "r-3");
		String globalCard = send("global", "u-carol", "r-4");
		assertThat(this.lark.click(globalCard, "APPROVE")).isEqualTo(200);
		assertThat(this.decisions.global).singleElement().satisfies((action) -> {
			assertThat(action.app()).isEqualTo("global");
			assertThat(action.actionContext()).isEqualTo("r-4");
		});
		assertThat(this.decisions.feishu).isEmpty();
		assertThat(this.lark.click(feishuCard, "APPROVE")).isEqualTo(200);
		assertThat(this.decisions.feishu).singleElement().satisfies((action) -> assertThat(action.app()).isEqualTo("feishu"));
		assertThat(this.decisions.all).extracting(ApprovalAction::app).containsExactly("global", "feishu");
		// Each card carries its own app's endpoint, token and key.
		JsonNode globalCallback = JsonMapper.shared().readTree(this.lark.message(globalCard).json()).path("action_callback");
		JsonNode feishuCallback = JsonMapper.shared().readTree(this.lark.message(feishuCard).json()).path("action_callback");
		assertThat(globalCallback.path("action_callback_url").asString()).endsWith("/lark/approval/callback/global");
		assertThat(feishuCallback.path("action_callback_url").asString()).endsWith("/lark/approval/callback/feishu");
		assertThat(feishuCallback.path("action_callback_token").asString())
			.isNotEqualTo(globalCallback.path("action_callback_token").asString());
	}

	@Test
	void eachAppHasItsPartOfTheHealthAndItsTagOnTheMetrics() {
		MeterRegistry meters = this.context.getBean(MeterRegistry.class);
		long feishuBefore = sends(meters, "feishu");
		long globalBefore = sends(meters, "global");
		send("feishu", "u-bob", "r-5");
		send("feishu", "u-dan", "r-7");
		send("global", "u-carol", "r-6");
		CompositeReactiveHealthContributor health = this.context.getBean("larkHealthContributor",
				CompositeReactiveHealthContributor.class);
		for (String app : List.of("feishu", "global")) {
			ReactiveHealthIndicator part = (ReactiveHealthIndicator) health.getContributor(app);
			assertThat(part.health().block(BLOCK).getStatus()).isEqualTo(Status.UP);
		}
		assertThat(sends(meters, "feishu") - feishuBefore).isEqualTo(2);
		assertThat(sends(meters, "global") - globalBefore).isEqualTo(1);
	}

	private static long sends(MeterRegistry meters, String app) {
		var timer = meters.find("lark.approval-bot.requests").tag("app", app).tag("endpoint", "message.send").timer();
		return (timer != null) ? timer.count() : 0;
	}

	static class Decisions {

		final List<ApprovalAction> feishu = new CopyOnWriteArrayList<>();

		final List<ApprovalAction> global = new CopyOnWriteArrayList<>();

		final List<ApprovalAction> all = new CopyOnWriteArrayList<>();

		@ApprovalActionListener(app = "feishu", actionType = "APPROVE")
		void feishu(ApprovalAction action) {
			this.feishu.add(action);
		}

		@ApprovalActionListener(app = "global", actionType = "APPROVE")
		void global(ApprovalAction action) {
			this.global.add(action);
		}

		@ApprovalActionListener(actionType = "APPROVE")
		void any(ApprovalAction action) {
			this.all.add(action);
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TwoAppsApplication {

		@Bean
		Decisions decisions() {
			return new Decisions();
		}

		@Bean
		MeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

	}

}
