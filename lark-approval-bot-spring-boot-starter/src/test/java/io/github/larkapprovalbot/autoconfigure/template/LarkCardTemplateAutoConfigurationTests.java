package io.github.larkapprovalbot.autoconfigure.template;

import java.util.Locale;
import java.util.Map;

import io.github.larkapprovalbot.CapturedLogs;
import io.github.larkapprovalbot.autoconfigure.template.bad.BadCards;
import io.github.larkapprovalbot.autoconfigure.template.good.GoodCards;
import io.github.larkapprovalbot.autoconfigure.template.good.LeaveCard;
import io.github.larkapprovalbot.message.ApprovalBotMessage;
import io.github.larkapprovalbot.message.CardRenderer;
import io.github.larkapprovalbot.rendering.LarkCardTemplateRenderer;
import io.github.larkapprovalbot.rendering.LarkCardTemplateStartupCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.MessageSourceAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class LarkCardTemplateAutoConfigurationTests {

	/** A context these tests fail on purpose warns as it gives up. */
	@RegisterExtension
	final CapturedLogs contextWarnings = CapturedLogs.of("org.springframework.context");

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(LarkCardTemplateAutoConfiguration.class,
				MessageSourceAutoConfiguration.class))
		.withPropertyValues("spring.messages.basename=lark-test-messages",
				"spring.messages.fallback-to-system-locale=false", "lark.approval-bot.app-id=cli_test",
				"lark.approval-bot.app-secret=secret",
				"lark.approval-bot.callback.url=https://oa.example.com/cb", "lark.approval-bot.callback.token=cb-token");

	@Test
	void offWithoutAnAppId() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(LarkCardTemplateAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(CardRenderer.class));
	}

	@Test
	void rendersAndChecksTheApplicationsCards() {
		this.contextRunner.withUserConfiguration(GoodCards.class)
			.run((context) -> assertThat(context).hasSingleBean(LarkCardTemplateRenderer.class)
				.hasSingleBean(LarkCardTemplateStartupCheck.class));
	}

	@ParameterizedTest
	@ValueSource(strings = { "en-US", "zh-CN" })
	void eachLocaleGetsItsOwnTextsWhateverTheJvmsLocale(String jvmLocale) {
		// Texts in messages.properties (Chinese) and messages_en_US.properties, as the README has them, with Spring
		// Boot's default fallback to the system locale left on, on a JVM whose locale is en_US, then zh_CN.
		Locale jvm = Locale.getDefault();
		Locale.setDefault(Locale.forLanguageTag(jvmLocale));
		try {
			new ApplicationContextRunner()
				.withConfiguration(AutoConfigurations.of(LarkCardTemplateAutoConfiguration.class,
						MessageSourceAutoConfiguration.class))
				.withPropertyValues("spring.messages.basename=lark-fallback-messages", "lark.approval-bot.app-id=cli_test",
						"lark.approval-bot.app-secret=secret", "lark.approval-bot.callback.url=https://oa.example.com/cb",
						"lark.approval-bot.callback.token=cb-token")
				.run((context) -> {
					ApprovalBotMessage message = context.getBean(LarkCardTemplateRenderer.class)
						.render(new LeaveCard("u-bob", "family", 3, "u-alice", "https://oa.example.com/l/1", "l-1"));
					Map<String, String> zh = texts(message, "zh-CN");
					Map<String, String> en = texts(message, "en-US");
					assertThat(zh).containsValue("请假").doesNotContainValue("Leave");
					assertThat(en).containsValue("Leave").doesNotContainValue("请假");
				});
		}
		finally {
			Locale.setDefault(jvm);
		}
	}

	private static Map<String, String> texts(ApprovalBotMessage message, String locale) {
		return message.i18nResources()
			.stream()
			.filter((resource) -> resource.locale().equals(locale))
			.findFirst()
			.orElseThrow()
			.texts();
	}

	@Test
	void backsOffForAUserCardRenderer() {
		CardRenderer renderer = (card) -> {
			throw new IllegalArgumentException();
		};
		this.contextRunner.withBean("customRenderer", CardRenderer.class, () -> renderer)
			.withUserConfiguration(BadCards.class)
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(CardRenderer.class)
				.hasBean("customRenderer")
				.doesNotHaveBean(LarkCardTemplateStartupCheck.class));
	}

	@Test
	void badCardsFailTheStartupWithOneAnalysisNamingEveryClassAndProblem() {
		this.contextRunner.withUserConfiguration(BadCards.class).run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = new InvalidCardTemplatesFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis).isNotNull();
			assertThat(analysis.getDescription()).contains("4 @LarkCardTemplate cards cannot be sent")
				.contains("@LarkCardTemplate io.github.larkapprovalbot.autoconfigure.template.bad.NoTitleUserCard "
						+ "(template 1008 PENDING_APPROVAL)")
				.contains("title_user_id must not be blank (a @TitleUser component)")
				.contains("message key 'leave.missing-summary' has no text in the default locale zh-CN")
				.contains("@LarkCardTemplate io.github.larkapprovalbot.autoconfigure.template.bad.PlatformOnlyDetailCard")
				.contains("need one for ALL too")
				.contains("@LarkCardTemplate io.github.larkapprovalbot.autoconfigure.template.bad.TypoCard")
				.contains("action_configs[0].next_status must be one of")
				.contains("action_configs[1].action_name")
				.contains("(the buttons)");
			assertThat(analysis.getDescription())
				.contains("@LarkCardTemplate io.github.larkapprovalbot.autoconfigure.template.bad.DatedTypoCard "
						+ "(template 1008 PENDING_APPROVAL): action_configs[0].next_status must be one of")
				.containsPattern("DatedTypoCard[^\\n]*action_configs\\[1]\\.action_name");
			assertThat(analysis.getAction()).contains("lark.approval-bot.i18n.default-locale");
		});
	}

}
