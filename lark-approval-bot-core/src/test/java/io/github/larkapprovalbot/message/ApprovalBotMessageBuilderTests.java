package io.github.larkapprovalbot.message;

import java.util.Map;

import io.github.larkapprovalbot.message.ApprovalBotMessage.ActionConfig;
import io.github.larkapprovalbot.validation.PayloadValidator;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ApprovalBotMessageBuilderTests {

	private final JsonMapper mapper = new JsonMapper();

	private final PayloadValidator validator = PayloadValidator.createDefault();

	@Test
	void allocatesKeysAndResourcesFromPlainTexts() {
		ApprovalBotMessage message = ApprovalBotMessage.builder(BotTemplate.PENDING_APPROVAL)
			.defaultLocale(LarkLocale.EN_US)
			.toUserId("16fb9ff3")
			.approvalName(I18nText.of("请假", "Leave"))
			.titleUserId("a11b22c3")
			.applicant("a11b22c3", "od-5f2c")
			.summary(I18nText.of("事由：家事", "Reason: family"))
			.summary("Days: 2")
			.note("From OA")
			.detail("https://oa.example.com/leave/42")
			.callback("https://oa.example.com/cb", "token", null, "leave-42")
			.actionConfig(ActionConfig.approve(MessageStatus.APPROVED).withReason(false, false))
			.actionConfig(ActionConfig.reject(null), I18nText.of("驳回", "Reject"))
			.build();

		JsonNode json = this.mapper.valueToTree(message);
		assertThat(json.path("template_id").asString()).isEqualTo("1008");
		assertThat(json.path("approval_name").asString()).isEqualTo("@i18n@1");
		assertThat(json.at("/content/summaries/0/summary").asString()).isEqualTo("@i18n@2");
		assertThat(json.at("/content/summaries/1/summary").asString()).isEqualTo("@i18n@3");
		assertThat(json.path("note").asString()).isEqualTo("@i18n@4");
		assertThat(json.at("/action_configs/0/action_name").isMissingNode()).isTrue();
		assertThat(json.at("/action_configs/1/action_name").asString()).isEqualTo("@i18n@5");
		assertThat(json.at("/actions/0/action_name").asString()).isEqualTo("DETAIL");
		assertThat(message.i18nResources()).containsExactly(
				I18nResource.of(LarkLocale.EN_US, true,
						Map.of("@i18n@1", "Leave", "@i18n@2", "Reason: family", "@i18n@3", "Days: 2", "@i18n@4",
								"From OA", "@i18n@5", "Reject")),
				I18nResource.of(LarkLocale.ZH_CN, false, Map.of("@i18n@1", "请假", "@i18n@2", "事由：家事", "@i18n@5", "驳回")));
		assertThat(this.validator.validate(message)).isSameAs(message);
	}

	@Test
	void equalTextsShareOneKey() {
		ApprovalBotMessage message = ApprovalBotMessage.builder(BotTemplate.SUBMITTED)
			.toOpenId("ou_1")
			.approvalName("Leave")
			.summary("Leave")
			.detail("https://oa.example.com")
			.build();
		assertThat(message.approvalName()).isEqualTo("@i18n@1");
		assertThat(message.content().summaries().get(0).summary()).isEqualTo("@i18n@1");
		assertThat(message.i18nResources()).singleElement()
			.satisfies((resource) -> assertThat(resource.texts()).containsExactly(Map.entry("@i18n@1", "Leave")));
	}

	@Test
	void customTemplateNamesEveryActionByKey() {
		ApprovalBotMessage message = ApprovalBotMessage.builder(BotTemplate.CUSTOM)
			.toUserId("u1")
			.customTitle(I18nText.of("Expense"))
			.customContent(I18nText.of("**42 EUR** for a taxi"))
			.action(I18nText.of("Open"), "https://oa.example.com/e/1")
			.build();
		String key = message.actions().get(0).actionName();
		assertThat(key).startsWith("@i18n@");
		assertThat(message.i18nResources().get(0).texts()).containsEntry(key, "Open");
		assertThat(this.validator.validate(message)).isSameAs(message);
	}

	@Test
	void textWithoutDefaultLocaleIsRefusedNamingTheField() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ApprovalBotMessage.builder(BotTemplate.SUBMITTED)
				.defaultLocale(LarkLocale.JA_JP)
				.approvalName(I18nText.of("请假", "Leave"))
				.build())
			.withMessageContaining("approval_name has no text in the default locale ja-JP");
	}

	@Test
	void customStatusUpdateAllocatesKeys() {
		ApprovalBotMessageUpdate update = ApprovalBotMessageUpdate.custom("6968359519504171036", LarkLocale.ZH_CN,
				I18nText.of("已废弃", "Discarded"), I18nText.of("查看", "View"));
		JsonNode json = this.mapper.valueToTree(update);
		assertThat(json.path("status").asString()).isEqualTo("CUSTOM");
		assertThat(json.path("status_name").asString()).isEqualTo("@i18n@1");
		assertThat(json.path("detail_action_name").asString()).isEqualTo("@i18n@2");
		assertThat(json.at("/i18n_resources/0/locale").asString()).isEqualTo("zh-CN");
		assertThat(json.at("/i18n_resources/1/texts/@i18n@1").asString()).isEqualTo("Discarded");
		assertThat(this.validator.validate(update)).isSameAs(update);
	}

	@Test
	void fixedStatusUpdateCarriesTheRequiredResources() {
		// The update page marks i18n_resources as required, also when no key needs a text.
		ApprovalBotMessageUpdate update = ApprovalBotMessageUpdate.of("1", MessageStatus.REJECTED);
		assertThat(this.mapper.writeValueAsString(update)).isEqualTo("{\"message_id\":\"1\",\"status\":\"REJECTED\","
				+ "\"i18n_resources\":[{\"locale\":\"zh-CN\",\"is_default\":true,\"texts\":{}}]}");
		assertThat(this.validator.validate(update)).isSameAs(update);
	}

}
