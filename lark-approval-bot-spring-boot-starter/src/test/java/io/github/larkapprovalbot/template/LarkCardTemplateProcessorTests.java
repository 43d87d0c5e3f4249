package io.github.larkapprovalbot.template;

import java.util.List;
import java.util.Map;

import io.github.larkapprovalbot.message.ApprovalBotMessage;
import io.github.larkapprovalbot.message.BotTemplate;
import io.github.larkapprovalbot.message.I18nResource;
import io.github.larkapprovalbot.message.LarkLocale;
import io.github.larkapprovalbot.template.LarkCardTemplate.DetailUrl;
import io.github.larkapprovalbot.template.LarkCardTemplate.Recipient;
import io.github.larkapprovalbot.template.good.LeaveCard;
import io.github.larkapprovalbot.validation.PayloadValidator;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.context.support.ResourceBundleMessageSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class LarkCardTemplateProcessorTests {

	private final LarkCardTemplateProcessor processor = new LarkCardTemplateProcessor(new DefaultListableBeanFactory(),
			messages(), LarkLocale.ZH_CN, List.of(LarkLocale.ZH_CN, LarkLocale.EN_US), "https://oa.example.com/cb",
			"cb-token", "cb-key");

	static ResourceBundleMessageSource messages() {
		ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
		messages.setBasename("lark-test-messages");
		messages.setDefaultEncoding("UTF-8");
		messages.setFallbackToSystemLocale(false);
		return messages;
	}

	@Test
	void rendersACardWithTextsInEveryLocaleAndTheComponentsAsArguments() {
		ApprovalBotMessage message = this.processor.render(new LeaveCard("16fb9ff3", "family", 2, "a11b22c3",
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

	@Test
	void aTypeThatIsNotARecordIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.processor.render(new NotARecord()))
			.withMessageContaining("NotARecord")
			.withMessageContaining("must be a record");
	}

	@Test
	void aCardMissingWhatItsTemplateRequiresIsRefusedNamingEachProblem() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.processor.render(new ThinCommentCard("u1", "https://oa.example.com")))
			.withMessageContaining("ThinCommentCard (template 1001 COMMENT_RECEIVED)")
			.withMessageContaining("the template requires a @TitleUser component")
			.withMessageContaining("the template requires comment, a message key")
			.withMessageContaining("the template requires at least one summary message key");
	}

	@LarkCardTemplate(template = BotTemplate.SUBMITTED, approvalName = "leave.name", summaries = "leave.reason")
	static final class NotARecord {

	}

	@LarkCardTemplate(template = BotTemplate.COMMENT_RECEIVED, approvalName = "leave.name")
	record ThinCommentCard(@Recipient String userId, @DetailUrl String url) {
	}

}
