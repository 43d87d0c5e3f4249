package io.github.larkapprovalbot.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.larkapprovalbot.ApprovalBotMessenger;
import io.github.larkapprovalbot.ApprovalBotMessengerBuilder;
import io.github.larkapprovalbot.ApprovalBotMessengers;
import io.github.larkapprovalbot.CapturedLogs;
import io.github.larkapprovalbot.autoconfigure.callback.LarkApprovalCallbackAutoConfiguration;
import io.github.larkapprovalbot.token.TenantAccessTokenProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Several Lark apps in one service, as configuration: which apps exist, what each takes from the top level, and what
 * fails the startup. No HTTP: what the apps send is in the sandbox tests.
 */
class SeveralAppsConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(LarkApprovalBotAutoConfiguration.class,
				LarkApprovalCallbackAutoConfiguration.class));

	/** Contexts these tests fail on purpose warn as they give up. */
	@RegisterExtension
	final CapturedLogs contextWarnings = CapturedLogs.of("org.springframework.context");

	@Test
	void namedAppsAloneTurnTheStarterOnWithoutAnUnqualifiedMessenger() {
		this.contextRunner.withPropertyValues("lark.approval-bot.apps.feishu.app-id=cli_feishu",
				"lark.approval-bot.apps.feishu.app-secret=secret-feishu", "lark.approval-bot.apps.lark.app-id=cli_lark",
				"lark.approval-bot.apps.lark.app-secret=secret-lark")
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean(ApprovalBotMessenger.class);
				ApprovalBotMessengers messengers = context.getBean(ApprovalBotMessengers.class);
				assertThat(messengers.names()).containsExactly("feishu", "lark");
				assertThat(messengers.get("feishu")).isNotSameAs(messengers.get("lark"));
				assertThatIllegalArgumentException().isThrownBy(() -> messengers.get("other"))
					.withMessageContaining("'other'")
					.withMessageContaining("[feishu, lark]");
			});
	}

	@Test
	void theTopLevelAppIsDefaultAndStaysTheUnqualifiedMessenger() {
		this.contextRunner.withPropertyValues("lark.approval-bot.app-id=cli_top", "lark.approval-bot.app-secret=top",
				"lark.approval-bot.apps.b.app-id=cli_b", "lark.approval-bot.apps.b.app-secret=secret-b")
			.run((context) -> {
				ApprovalBotMessengers messengers = context.getBean(ApprovalBotMessengers.class);
				assertThat(messengers.names()).containsExactly("default", "b");
				assertThat(messengers.get("default")).isSameAs(context.getBean(ApprovalBotMessenger.class));
				assertThat(context).hasSingleBean(TenantAccessTokenProvider.class);
			});
	}

	@Test
	void anAppTakesTheTopLevelValuesItLeavesUnsetButNeverAnotherAppsCredentialsHelpdeskOrCallback() {
		this.contextRunner.withPropertyValues("lark.approval-bot.app-id=cli_top", "lark.approval-bot.app-secret=top",
				"lark.approval-bot.base-url=https://open.larksuite.com", "lark.approval-bot.call-timeout=12s",
				"lark.approval-bot.helpdesk.id=1", "lark.approval-bot.helpdesk.token=ht-top",
				"lark.approval-bot.callback.token=cb-top", "lark.approval-bot.callback.key=key-top",
				"lark.approval-bot.callback.url=https://oa.example.com/cb",
				"lark.approval-bot.rate-limit.message-send.per-second=20", "lark.approval-bot.apps.b.app-id=cli_b",
				"lark.approval-bot.apps.b.app-secret=secret-b", "lark.approval-bot.apps.b.call-timeout=7s",
				"lark.approval-bot.apps.b.callback.token=cb-b")
			.run((context) -> {
				LarkApprovalBotProperties b = context.getBean(LarkApps.class).get("b");
				assertThat(b.getAppId()).isEqualTo("cli_b");
				assertThat(b.getBaseUrl()).isEqualTo("https://open.larksuite.com");
				assertThat(b.getCallTimeout()).isEqualTo(Duration.ofSeconds(7));
				assertThat(b.getRateLimit()).containsKey("message-send");
				assertThat(b.getHelpdesk().getId()).isNull();
				assertThat(b.getHelpdesk().getToken()).isNull();
				assertThat(b.getCallback().getToken()).isEqualTo("cb-b");
				assertThat(b.getCallback().getKey()).isNull();
				assertThat(b.getCallback().getUrl()).isNull();
				assertThat(b.getCallback().getPath()).isEqualTo("/lark/approval/callback/b");
			});
	}

	@Test
	void eachCustomizerIsToldWhichAppItCustomizes() {
		List<String> customized = new ArrayList<>();
		this.contextRunner.withBean(ApprovalBotMessengerBuilderCustomizer.class, () -> new ApprovalBotMessengerBuilderCustomizer() {

			@Override
			public void customize(ApprovalBotMessengerBuilder builder) {
			}

			@Override
			public void customize(String app, ApprovalBotMessengerBuilder builder) {
				customized.add(app);
			}

		})
			.withPropertyValues("lark.approval-bot.app-id=cli_top", "lark.approval-bot.app-secret=top",
					"lark.approval-bot.apps.b.app-id=cli_b", "lark.approval-bot.apps.b.app-secret=secret-b")
			.run((context) -> {
				context.getBean(ApprovalBotMessengers.class);
				assertThat(customized).containsExactlyInAnyOrder("default", "b");
			});
	}

	@Test
	void twoAppsWithOneAppIdFailTheStartupNamingBoth() {
		this.contextRunner.withPropertyValues("lark.approval-bot.app-id=cli_same", "lark.approval-bot.app-secret=top",
				"lark.approval-bot.apps.b.app-id=cli_same", "lark.approval-bot.apps.b.app-secret=secret-b")
			.run((context) -> assertThat(analysis(context.getStartupFailure()).getDescription())
				.contains("apps 'default' and 'b' have the same app id cli_same"));
	}

	@Test
	void twoAppsOnOneCallbackPathFailTheStartupNamingBoth() {
		this.contextRunner.withPropertyValues("lark.approval-bot.apps.a.app-id=cli_a",
				"lark.approval-bot.apps.a.app-secret=secret-a", "lark.approval-bot.apps.a.callback.token=cb-a",
				"lark.approval-bot.apps.a.callback.path=/hooks/lark", "lark.approval-bot.apps.b.app-id=cli_b",
				"lark.approval-bot.apps.b.app-secret=secret-b", "lark.approval-bot.apps.b.callback.token=cb-b",
				"lark.approval-bot.apps.b.callback.path=/hooks/lark")
			.run((context) -> assertThat(analysis(context.getStartupFailure()).getDescription())
				.contains("apps 'a' and 'b' have the same callback path /hooks/lark"));
	}

	@Test
	void aBadPropertyOfAnAppFailsTheStartupNamingTheAppAndTheProperty() {
		this.contextRunner.withPropertyValues("lark.approval-bot.app-id=cli_top", "lark.approval-bot.app-secret=top",
				"lark.approval-bot.apps.b.app-id=cli_b", "lark.approval-bot.apps.b.call-timeout=-1s",
				"lark.approval-bot.apps.b.base-url=not-a-url")
			.run((context) -> assertThat(analysis(context.getStartupFailure()).getDescription())
				.contains("lark.approval-bot.apps.b.app-secret: must be set")
				.contains("lark.approval-bot.apps.b.call-timeout: must be positive")
				.contains("lark.approval-bot.apps.b.base-url: must be an absolute http(s) URL")
				.doesNotContain("apps.default"));
	}

	@Test
	void eachAppWithACallbackTokenHasItsOwnEndpoint() {
		this.contextRunner.withPropertyValues("lark.approval-bot.app-id=cli_top", "lark.approval-bot.app-secret=top",
				"lark.approval-bot.callback.token=cb-top", "lark.approval-bot.apps.b.app-id=cli_b",
				"lark.approval-bot.apps.b.app-secret=secret-b", "lark.approval-bot.apps.b.callback.token=cb-b",
				"lark.approval-bot.apps.c.app-id=cli_c", "lark.approval-bot.apps.c.app-secret=secret-c")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean("larkCallbackEndpoints")).hasToString(
						"LarkCallbackEndpoints[all={default=Endpoint[path=/lark/approval/callback, processor=ApprovalCallbackProcessor[default]], "
								+ "b=Endpoint[path=/lark/approval/callback/b, processor=ApprovalCallbackProcessor[b]]}]");
			});
	}

	private static FailureAnalysis analysis(Throwable failure) {
		FailureAnalysis analysis = new InvalidLarkAppsFailureAnalyzer().analyze(failure);
		assertThat(analysis).as("analysis of %s", failure).isNotNull();
		return analysis;
	}

}
