package io.github.larkapprovalbot;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The core module's packages are free of cycles, and its public types are exactly the API users call. A new public
 * type is an API decision: add it to the list on purpose, or keep it package-private or in an {@code internal}
 * package.
 */
class ArchitectureTests {

	private static final JavaClasses CORE = ArchitectureRules.mainClassesOf(ApprovalBotMessenger.class);

	@Test
	void packagesAreFreeOfCycles() {
		ArchitectureRules.assertNoPackageCycles(CORE);
	}

	@Test
	void publicTypesAreTheApi() {
		assertThat(ArchitectureRules.publicApi(CORE)).containsExactly(
				"io.github.larkapprovalbot.ApprovalBotMessenger",
				"io.github.larkapprovalbot.ApprovalBotMessengerBuilder",
				"io.github.larkapprovalbot.ApprovalBotMessengers",
				"io.github.larkapprovalbot.ApprovalPathStyle",
				"io.github.larkapprovalbot.BlockingApprovalBotMessenger",
				"io.github.larkapprovalbot.DefaultLarkObservationConvention",
				"io.github.larkapprovalbot.HttpPoolSettings",
				"io.github.larkapprovalbot.LarkApiException",
				"io.github.larkapprovalbot.LarkAuthenticationException",
				"io.github.larkapprovalbot.LarkEndpoint",
				"io.github.larkapprovalbot.LarkObservationContext",
				"io.github.larkapprovalbot.LarkObservationConvention",
				"io.github.larkapprovalbot.LarkObservationDocumentation",
				"io.github.larkapprovalbot.LarkObservationDocumentation$HighCardinalityKeyNames",
				"io.github.larkapprovalbot.LarkObservationDocumentation$LowCardinalityKeyNames",
				"io.github.larkapprovalbot.LarkRateLimitException",
				"io.github.larkapprovalbot.LarkTerminalException",
				"io.github.larkapprovalbot.LarkTransientException",
				"io.github.larkapprovalbot.RateLimitSettings",
				"io.github.larkapprovalbot.RetrySettings",
				"io.github.larkapprovalbot.SentMessage",
				"io.github.larkapprovalbot.UserIdType",
				"io.github.larkapprovalbot.apps.AppRegistry",
				"io.github.larkapprovalbot.callback.ApprovalAction",
				"io.github.larkapprovalbot.callback.ApprovalAction$Attachment",
				"io.github.larkapprovalbot.callback.ApprovalActionHandler",
				"io.github.larkapprovalbot.callback.ApprovalActionListener",
				"io.github.larkapprovalbot.callback.ApprovalActionRejectedException",
				"io.github.larkapprovalbot.callback.ApprovalActionStore",
				"io.github.larkapprovalbot.callback.ApprovalActionStore$Claim",
				"io.github.larkapprovalbot.callback.ApprovalActionStore$Claim$Done",
				"io.github.larkapprovalbot.callback.ApprovalActionStore$Claim$Running",
				"io.github.larkapprovalbot.callback.ApprovalActionStore$Claim$Won",
				"io.github.larkapprovalbot.callback.ApprovalCallbackProcessor",
				"io.github.larkapprovalbot.callback.ApprovalCallbackState",
				"io.github.larkapprovalbot.callback.CaffeineApprovalActionStore",
				"io.github.larkapprovalbot.callback.CallbackAnswer",
				"io.github.larkapprovalbot.callback.CallbackSettings",
				"io.github.larkapprovalbot.card.CardPatch",
				"io.github.larkapprovalbot.helpdesk.HelpdeskBotMessage",
				"io.github.larkapprovalbot.helpdesk.HelpdeskBotMessage$Post",
				"io.github.larkapprovalbot.helpdesk.HelpdeskBotMessage$PostElement",
				"io.github.larkapprovalbot.message.ApprovalBotMessage",
				"io.github.larkapprovalbot.message.ApprovalBotMessage$Action",
				"io.github.larkapprovalbot.message.ApprovalBotMessage$ActionCallback",
				"io.github.larkapprovalbot.message.ApprovalBotMessage$ActionConfig",
				"io.github.larkapprovalbot.message.ApprovalBotMessage$Content",
				"io.github.larkapprovalbot.message.ApprovalBotMessage$Summary",
				"io.github.larkapprovalbot.message.ApprovalBotMessageBuilder",
				"io.github.larkapprovalbot.message.ApprovalBotMessageUpdate",
				"io.github.larkapprovalbot.message.BotTemplate",
				"io.github.larkapprovalbot.message.CardRenderer",
				"io.github.larkapprovalbot.message.I18nResource",
				"io.github.larkapprovalbot.message.I18nText",
				"io.github.larkapprovalbot.message.LarkLocale",
				"io.github.larkapprovalbot.message.MessageStatus",
				"io.github.larkapprovalbot.ratelimit.RateLimit",
				"io.github.larkapprovalbot.ratelimit.RateLimiter",
				"io.github.larkapprovalbot.ratelimit.RateLimiter$Refusal",
				"io.github.larkapprovalbot.ratelimit.SharedRateLimits",
				"io.github.larkapprovalbot.template.LarkCardTemplate",
				"io.github.larkapprovalbot.template.LarkCardTemplate$ActionContext",
				"io.github.larkapprovalbot.template.LarkCardTemplate$ActionUrl",
				"io.github.larkapprovalbot.template.LarkCardTemplate$Applicant",
				"io.github.larkapprovalbot.template.LarkCardTemplate$ApplicantDepartment",
				"io.github.larkapprovalbot.template.LarkCardTemplate$Button",
				"io.github.larkapprovalbot.template.LarkCardTemplate$CallbackUrl",
				"io.github.larkapprovalbot.template.LarkCardTemplate$DetailUrl",
				"io.github.larkapprovalbot.template.LarkCardTemplate$Platform",
				"io.github.larkapprovalbot.template.LarkCardTemplate$Recipient",
				"io.github.larkapprovalbot.template.LarkCardTemplate$TitleUser",
				"io.github.larkapprovalbot.template.LarkCardTemplate$Uuid",
				"io.github.larkapprovalbot.token.CachingTenantAccessTokenProvider",
				"io.github.larkapprovalbot.token.SharedTenantAccessTokens",
				"io.github.larkapprovalbot.token.TenantAccessToken",
				"io.github.larkapprovalbot.token.TenantAccessTokenFetcher",
				"io.github.larkapprovalbot.token.TenantAccessTokenProvider",
				"io.github.larkapprovalbot.validation.HttpUrl",
				"io.github.larkapprovalbot.validation.HttpUrl$Validator",
				"io.github.larkapprovalbot.validation.InvalidSettingException",
				"io.github.larkapprovalbot.validation.PayloadValidator");
	}

}
