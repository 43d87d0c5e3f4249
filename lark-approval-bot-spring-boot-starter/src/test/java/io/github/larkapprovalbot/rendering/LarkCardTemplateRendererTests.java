package io.github.larkapprovalbot.rendering;

import java.util.List;
import java.util.Map;

import io.github.larkapprovalbot.autoconfigure.template.good.LeaveCard;
import io.github.larkapprovalbot.message.ApprovalBotMessage;
import io.github.larkapprovalbot.message.BotTemplate;
import io.github.larkapprovalbot.message.I18nResource;
import io.github.larkapprovalbot.message.LarkLocale;
import io.github.larkapprovalbot.template.LarkCardTemplate;
import io.github.larkapprovalbot.template.LarkCardTemplate.Applicant;
import io.github.larkapprovalbot.template.LarkCardTemplate.ApplicantDepartment;
import io.github.larkapprovalbot.template.LarkCardTemplate.Button;
import io.github.larkapprovalbot.template.LarkCardTemplate.DetailUrl;
import io.github.larkapprovalbot.template.LarkCardTemplate.Platform;
import io.github.larkapprovalbot.template.LarkCardTemplate.Recipient;
import io.github.larkapprovalbot.template.LarkCardTemplate.TitleUser;
import io.github.larkapprovalbot.validation.PayloadValidator;
import jakarta.validation.ConstraintViolationException;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class LarkCardTemplateRendererTests {

	private final LarkCardTemplateRenderer renderer = new LarkCardTemplateRenderer(messages(), LarkLocale.ZH_CN,
			List.of(LarkLocale.ZH_CN, LarkLocale.EN_US), new CardCallback("https://oa.example.com/cb", "cb-token", "cb-key"));

	static ResourceBundleMessageSource messages() {
		ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
		messages.setBasename("lark-test-messages");
		messages.setDefaultEncoding("UTF-8");
		messages.setFallbackToSystemLocale(false);
		return messages;
	}

	@Test
	void rendersACardWithTextsInEveryLocaleAndTheComponentsAsArguments() {
		ApprovalBotMessage message = this.renderer.render(new LeaveCard("16fb9ff3", "family", 2, "a11b22c3",
				"https://oa.example.com/leave/42", "leave-42"));

		JsonNode json = JsonMapper.shared().valueToTree(message);
		assertThat(json.path("template_id").asString()).isEqualTo("1008");
		assertThat(json.path("user_id").asString()).isEqualTo("16fb9ff3");
		assertThat(json.path("uuid").asString()).isEqualTo("leave-42");
		assertThat(json.path("title_user_id").asString()).isEqualTo("a11b22c3");
		assertThat(json.at("/actions/0/pc_url").asString()).isEqualTo("https://oa.example.com/leave/42");
		assertThat(json.at("/action_callback/action_callback_url").asString()).isEqualTo("https://oa.example.com/cb");
		assertThat(json.at("/action_callback/action_context").asString()).isEqualTo("leave-42");
		assertThat(json.at("/action_configs/0/next_status").asString()).isEqualTo("APPROVED");
		assertThat(json.at("/action_configs/1/is_reason_required").asBoolean()).isTrue();
		assertThat(message.i18nResources()).containsExactly(
				I18nResource.of(LarkLocale.ZH_CN, true,
						Map.of("@i18n@1", "请假", "@i18n@2", "事由：family", "@i18n@3", "天数：2", "@i18n@4", "来自 OA",
								"@i18n@5", "驳回")),
				I18nResource.of(LarkLocale.EN_US, false, Map.of("@i18n@1", "Leave", "@i18n@2", "Reason: family",
						"@i18n@3", "Days: 2", "@i18n@4", "From OA", "@i18n@5", "Reject")));
		assertThat(PayloadValidator.createDefault().validate(message)).isSameAs(message);
	}

	/**
	 * Missing texts (one in every locale, one in the default locale only) and a misspelt status in one card: all are
	 * reported together, not one per start.
	 */
	@Test
	void missingTextsAndATypoAreReportedTogether() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.renderer.render(new MissingTextAndTypoCard("u1", "u2", "https://oa.example.com")))
			.withMessageContaining("message key 'leave.nowhere' has no text in the default locale zh-CN")
			.withMessageContaining("message key 'leave.english-only' has no text in the default locale zh-CN")
			.withMessageContaining("action_configs[0].next_status must be one of")
			.withMessageContaining("(was \"APPROVD\") (the buttons)");
	}

	@LarkCardTemplate(template = BotTemplate.PENDING_APPROVAL, approvalName = "leave.name",
			summaries = { "leave.nowhere", "leave.english-only" },
			buttons = @Button(type = "APPROVE", nextStatus = "APPROVD"))
	record MissingTextAndTypoCard(@Recipient String approver, @TitleUser String applicant, @DetailUrl String url) {
	}

	@Test
	void aTypeThatIsNotARecordIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.renderer.render(new NotARecord()))
			.withMessageContaining("NotARecord")
			.withMessageContaining("must be a record");
	}

	@Test
	void aCardMissingWhatItsTemplateRequiresIsRefusedNamingEachProblem() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.renderer.render(new ThinCommentCard("u1", "https://oa.example.com")))
			.withMessageContaining("ThinCommentCard (template 1001 COMMENT_RECEIVED)")
			.withMessageContaining("title_user_id must not be blank (a @TitleUser component)")
			.withMessageContaining("comment must not be blank (the comment message key)")
			.withMessageContaining("content must not be null (the summaries message keys, or an @Applicant component)");
	}

	@Test
	void detailUrlsForSomePlatformsOnlyAreRefusedBeforeAnySend() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.renderer.render(new PlatformDetailCard("u1", "a1", "https://a", "https://i",
					"https://p")))
			.withMessageContaining("PlatformDetailCard (template 1008 PENDING_APPROVAL)")
			.withMessageContaining("@DetailUrl components for [ANDROID, IOS, PC] need one for ALL too");
	}

	@Test
	void platformDetailUrlsOverrideTheDefaultOne() {
		ApprovalBotMessage message = this.renderer.render(new OverriddenDetailCard("u1", "a1", "https://all",
				"https://pc"));
		assertThat(message.actions()).singleElement().satisfies((action) -> {
			assertThat(action.url()).isEqualTo("https://all");
			assertThat(action.androidUrl()).isEqualTo("https://all");
			assertThat(action.pcUrl()).isEqualTo("https://pc");
		});
	}

	@Test
	void aMissingApplicantDepartmentIsReportedRatherThanSentAsTheTextNull() {
		ApprovalBotMessage message = this.renderer.render(new ApplicantCard("u1", "a1", "https://oa", "a1", null));
		assertThat(message.content()).isNotNull();
		assertThat(message.content().departmentId()).isNull();
		assertThatExceptionOfType(ConstraintViolationException.class)
			.isThrownBy(() -> PayloadValidator.createDefault().validate(message))
			.withMessageContaining("content.department_id: is required when user_id is given");
	}

	@LarkCardTemplate(template = BotTemplate.SUBMITTED, approvalName = "leave.name", summaries = "leave.reason")
	static final class NotARecord {

	}

	@LarkCardTemplate(template = BotTemplate.COMMENT_RECEIVED, approvalName = "leave.name")
	record ThinCommentCard(@Recipient String userId, @DetailUrl String url) {
	}

	@LarkCardTemplate(template = BotTemplate.PENDING_APPROVAL, approvalName = "leave.name", summaries = "leave.reason",
			buttons = @Button(type = "APPROVE"))
	record PlatformDetailCard(@Recipient String userId, @TitleUser String applicant,
			@DetailUrl(platform = Platform.ANDROID) String android, @DetailUrl(platform = Platform.IOS) String ios,
			@DetailUrl(platform = Platform.PC) String pc) {
	}

	@LarkCardTemplate(template = BotTemplate.REJECTED, approvalName = "leave.name", summaries = "leave.reason")
	record OverriddenDetailCard(@Recipient String userId, @TitleUser String applicant, @DetailUrl String url,
			@DetailUrl(platform = Platform.PC) String pc) {
	}

	@LarkCardTemplate(template = BotTemplate.REJECTED, approvalName = "leave.name", summaries = "leave.reason")
	record ApplicantCard(@Recipient String userId, @TitleUser String titleUser, @DetailUrl String url,
			@Applicant String applicant, @ApplicantDepartment String department) {
	}

}
