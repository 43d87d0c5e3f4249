package io.github.larkapprovalbot.autoconfigure;

import io.github.larkapprovalbot.ApprovalBotMessenger;
import io.github.larkapprovalbot.CapturedLogs;
import io.github.larkapprovalbot.autoconfigure.template.LarkCardTemplateAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.logging.LoggingSystem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * What a user sees when the configuration is wrong: Spring Boot's failure-analysis box, naming every offending
 * property at once by its property name.
 */
class StartupFailureAnalysisTests {

	/** Where Spring Boot reports a failure analysis, kept off the console to be asserted on. */
	@RegisterExtension
	final CapturedLogs report = CapturedLogs.of("org.springframework.boot.diagnostics");

	/** The context warns as it gives up. */
	@RegisterExtension
	final CapturedLogs contextWarnings = CapturedLogs.of("org.springframework.context");

	@Test
	void outOfRangePropertiesAreAllNamedInOneBox() {
		assertThatException().isThrownBy(() -> start("lark.approval-bot.app-id=cli_test",
				"lark.approval-bot.app-secret=secret-value", "lark.approval-bot.rate-limit.send-per-second=-1",
				"lark.approval-bot.response-timeout=-5s", "lark.approval-bot.base-url=not-a-url",
				"lark.approval-bot.retry.jitter=1.5", "lark.approval-bot.callback.handler-timeout=0s"));
		assertThat(report()).contains("APPLICATION FAILED TO START")
			.contains("Property: lark.approval-bot.rate-limit.send-per-second")
			.contains("Property: lark.approval-bot.response-timeout")
			.contains("Property: lark.approval-bot.base-url")
			.contains("Property: lark.approval-bot.retry.jitter")
			.contains("Property: lark.approval-bot.callback.handler-timeout")
			.contains("must be an absolute http(s) URL")
			.contains("must be positive")
			.doesNotContain("sendPerSecond")
			.doesNotContain("secret-value");
	}

	@Test
	void missingCredentialsAreNamedInOneBox() {
		assertThatException().isThrownBy(() -> start("lark.approval-bot.app-id="));
		assertThat(report()).contains("APPLICATION FAILED TO START")
			.contains("Property: lark.approval-bot.app-id")
			.contains("Property: lark.approval-bot.app-secret")
			.contains("Reason: must be set");
	}

	@Test
	void anUnresolvedPlaceholderInACredentialFailsTheStartupNamingTheProperty() {
		// The README's own pattern, app-secret: ${LARK_APP_SECRET}, with the variable unset.
		assertThatException().isThrownBy(() -> start("lark.approval-bot.app-id=cli_test",
				"lark.approval-bot.app-secret=${LARK_TEST_UNSET_APP_SECRET}",
				"lark.approval-bot.callback.token=${LARK_TEST_UNSET_CALLBACK_TOKEN}"));
		assertThat(report()).contains("APPLICATION FAILED TO START")
			.contains("Property: lark.approval-bot.app-secret")
			.contains("Property: lark.approval-bot.callback.token")
			.contains("is the placeholder ${LARK_TEST_UNSET_APP_SECRET}, which nothing resolved");
	}

	@Test
	void theReadmesConfigurationWithEveryVariableUnsetNamesEveryPropertyInOneBox() {
		// The Quick start's application.yml on a machine without the variables, every auto-configuration on: the
		// conditions must not trip over the placeholders before the properties are checked.
		assertThatException().isThrownBy(() -> start(FullyAutoConfigured.class,
				"lark.approval-bot.app-id=${LARK_TEST_UNSET_APP_ID}",
				"lark.approval-bot.app-secret=${LARK_TEST_UNSET_APP_SECRET}",
				"lark.approval-bot.callback.token=${LARK_TEST_UNSET_CALLBACK_TOKEN}",
				"lark.approval-bot.callback.key=${LARK_TEST_UNSET_CALLBACK_KEY}",
				"lark.approval-bot.callback.url=${LARK_TEST_UNSET_CALLBACK_URL}"));
		assertThat(report()).contains("APPLICATION FAILED TO START")
			.contains("Property: lark.approval-bot.app-id")
			.contains("Property: lark.approval-bot.app-secret")
			.contains("Property: lark.approval-bot.callback.token")
			.contains("Property: lark.approval-bot.callback.key")
			.contains("Property: lark.approval-bot.callback.url")
			.contains("is the placeholder ${LARK_TEST_UNSET_APP_ID}, which nothing resolved")
			.contains("is the placeholder ${LARK_TEST_UNSET_CALLBACK_KEY}, which nothing resolved")
			.contains("is the placeholder ${LARK_TEST_UNSET_CALLBACK_URL}, which nothing resolved");
	}

	@Test
	void aProxyWithoutItsHostIsNamedAndItsPasswordIsNeverShown() {
		assertThatException()
			.isThrownBy(() -> start("lark.approval-bot.app-id=cli_test", "lark.approval-bot.app-secret=secret-value",
					"lark.approval-bot.http.proxy.port=3128", "lark.approval-bot.http.proxy.username=proxy-user",
					"lark.approval-bot.http.proxy.password=proxy-password-value"))
			.satisfies((ex) -> {
				for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
					assertThat(String.valueOf(cause.getMessage())).doesNotContain("proxy-password-value");
				}
			});
		assertThat(report()).contains("APPLICATION FAILED TO START")
			.contains("Property: lark.approval-bot.http.proxy.host")
			.contains("Reason: must be set when any other http.proxy key is")
			.doesNotContain("proxy-password-value");
	}

	@Test
	void aMessengerInjectedWithoutAnAppIdSaysWhatTurnsTheStarterOn() {
		assertThatException().isThrownBy(() -> start(NeedsAMessenger.class, "lark.approval-bot.app-secret=secret"));
		assertThat(report()).contains("APPLICATION FAILED TO START")
			.contains("ApprovalBotMessenger")
			.contains("lark.approval-bot.app-id is not set")
			.contains("Set lark.approval-bot.app-id and lark.approval-bot.app-secret")
			.doesNotContain("Consider defining a bean");
	}

	private String report() {
		return String.join("\n", this.report.messages());
	}

	private static void start(String... properties) {
		start(Application.class, properties);
	}

	private static void start(Class<?> application, String... properties) {
		// Spring Boot leaves the test's logging as it is, so that the report is captured.
		System.setProperty(LoggingSystem.SYSTEM_PROPERTY, LoggingSystem.NONE);
		try {
			new SpringApplicationBuilder(application).web(WebApplicationType.NONE).properties(properties).run().close();
		}
		finally {
			System.clearProperty(LoggingSystem.SYSTEM_PROPERTY);
		}
	}

	@SpringBootConfiguration
	@ImportAutoConfiguration({ LarkApprovalBotAutoConfiguration.class, LarkCardTemplateAutoConfiguration.class })
	static class Application {

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class FullyAutoConfigured {

	}

	@SpringBootConfiguration
	@ImportAutoConfiguration({ LarkApprovalBotAutoConfiguration.class, LarkCardTemplateAutoConfiguration.class })
	static class NeedsAMessenger {

		NeedsAMessenger(ApprovalBotMessenger messenger) {
		}

	}

}
