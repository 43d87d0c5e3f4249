package io.github.larkapprovalbot.autoconfigure.callback;

import java.time.Duration;

import io.github.larkapprovalbot.CapturedLogs;
import io.github.larkapprovalbot.autoconfigure.LarkApprovalBotAutoConfiguration;
import io.github.larkapprovalbot.callback.ApprovalAction;
import io.github.larkapprovalbot.callback.ApprovalActionListener;
import io.github.larkapprovalbot.callback.ApprovalActionStore;
import io.github.larkapprovalbot.callback.ApprovalCallbackProcessor;
import io.github.larkapprovalbot.callback.CaffeineApprovalActionStore;
import io.github.larkapprovalbot.callback.CallbackAnswer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

class LarkApprovalCallbackAutoConfigurationTests {

	/** Unhandled actions are warned of, and a context these tests fail on purpose warns as it gives up. */
	@RegisterExtension
	final CapturedLogs warnings = CapturedLogs.of(ApprovalCallbackProcessor.class.getName(), "org.springframework.context",
			"io.github.larkapprovalbot.listener");

	private static final AutoConfigurations CONFIGURATIONS = AutoConfigurations
		.of(LarkApprovalBotAutoConfiguration.class, LarkApprovalCallbackAutoConfiguration.class);

	private static final String[] PROPERTIES = { "lark.approval-bot.app-id=cli_1", "lark.approval-bot.app-secret=s",
			"lark.approval-bot.callback.token=cb-token" };

	@Test
	void offWithoutACallbackToken() {
		new ReactiveWebApplicationContextRunner().withConfiguration(CONFIGURATIONS)
			.withPropertyValues("lark.approval-bot.app-id=cli_1", "lark.approval-bot.app-secret=s")
			.run((context) -> assertThat(context).doesNotHaveBean(ApprovalCallbackProcessor.class)
				.doesNotHaveBean("larkApprovalCallbackRoute"));
	}

	@Test
	void webFluxRouteOnAReactiveApplication() {
		new ReactiveWebApplicationContextRunner().withConfiguration(CONFIGURATIONS)
			.withPropertyValues(PROPERTIES)
			.run((context) -> assertThat(context).hasSingleBean(ApprovalCallbackProcessor.class)
				.getBean("larkApprovalCallbackRoute")
				.isInstanceOf(org.springframework.web.reactive.function.server.RouterFunction.class));
	}

	@Test
	void webMvcRouteOnAServletApplication() {
		new WebApplicationContextRunner().withConfiguration(CONFIGURATIONS)
			.withPropertyValues(PROPERTIES)
			.run((context) -> assertThat(context).getBean("larkApprovalCallbackRoute")
				.isInstanceOf(org.springframework.web.servlet.function.RouterFunction.class));
	}

	@Test
	void noRouteOutsideAWebApplication() {
		new ApplicationContextRunner().withConfiguration(CONFIGURATIONS)
			.withPropertyValues(PROPERTIES)
			.run((context) -> assertThat(context).hasSingleBean(ApprovalCallbackProcessor.class)
				.doesNotHaveBean("larkApprovalCallbackRoute"));
	}

	@Test
	void backsOffForAUserStore() {
		ApprovalActionStore store = new CaffeineApprovalActionStore(1_000_000);
		new ApplicationContextRunner().withConfiguration(CONFIGURATIONS)
			.withPropertyValues(PROPERTIES)
			.withBean("sharedStore", ApprovalActionStore.class, () -> store)
			.run((context) -> assertThat(context).getBean(ApprovalActionStore.class).isSameAs(store));
	}

	@Test
	void listenerMethodsAreFilteredByActionTypeAndApprovalCode() {
		new ApplicationContextRunner().withConfiguration(CONFIGURATIONS)
			.withPropertyValues(PROPERTIES)
			.withBean(FilteredListener.class)
			.run((context) -> {
				ApprovalCallbackProcessor processor = context.getBean(ApprovalCallbackProcessor.class);
				FilteredListener listener = context.getBean(FilteredListener.class);
				assertThat(answer(processor, "REJECT", "A389", "t1").isSuccess()).isTrue();
				assertThat(answer(processor, "APPROVE", "A389", "t2").status()).isEqualTo(501);
				assertThat(answer(processor, "REJECT", "OTHER", "t3").status()).isEqualTo(501);
				assertThat(listener.calls).isEqualTo(1);
			});
	}

	@Test
	void listenerWithAWrongSignatureFailsTheStartup() {
		new ApplicationContextRunner().withConfiguration(CONFIGURATIONS)
			.withPropertyValues(PROPERTIES)
			.withBean(WrongListener.class)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("must take exactly one ApprovalAction parameter"));
	}

	private static CallbackAnswer answer(ApprovalCallbackProcessor processor, String actionType, String code,
			String task) {
		String body = "{\"action_type\":\"" + actionType + "\",\"user_id\":\"u1\",\"approval_code\":\"" + code
				+ "\",\"task_id\":\"" + task + "\",\"message_id\":\"1\",\"token\":\"cb-token\"}";
		return processor.process(body.getBytes()).block(Duration.ofSeconds(5));
	}

	static class FilteredListener {

		int calls;

		@ApprovalActionListener(actionType = "REJECT", approvalCode = "A389")
		Mono<Void> onReject(ApprovalAction action) {
			return Mono.fromRunnable(() -> this.calls++);
		}

	}

	static class WrongListener {

		@ApprovalActionListener
		void onAction(String notAnAction) {
		}

	}


	@Test
	void listenersWithoutACallbackEndpointAreWarnedOfByName() {
		new ApplicationContextRunner().withConfiguration(CONFIGURATIONS)
			.withPropertyValues("lark.approval-bot.app-id=cli_1", "lark.approval-bot.app-secret=s")
			.withBean(UnreachableListener.class)
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean(ApprovalCallbackProcessor.class);
				assertThat(this.warnings.messages()).anyMatch((message) -> message.contains("UnreachableListener.decide")
						&& message.contains("lark.approval-bot.callback.token"));
			});
	}

	@Test
	void aCallbackUrlWithoutATokenFailsTheStartupNamingTheToken() {
		new ApplicationContextRunner().withConfiguration(CONFIGURATIONS)
			.withPropertyValues("lark.approval-bot.app-id=cli_1", "lark.approval-bot.app-secret=s",
					"lark.approval-bot.callback.url=https://oa.example.com/lark/approval/callback")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("callback.token")
				.hasMessageContaining("must be set when callback.url is"));
	}

	static class UnreachableListener {

		@ApprovalActionListener
		void decide(ApprovalAction action) {
		}

	}

}
