package io.github.larkapprovalbot.test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each rule and code the Lark pages document, proved against the sandbox over HTTP.
 */
class SandboxRulesTests {

	private final LarkSandbox sandbox = LarkSandbox.start();

	private final Wire wire = new Wire(this.sandbox);

	@AfterEach
	void close() {
		this.sandbox.close();
	}

	// --- tokens ---

	@Test
	void tokenEndpointChecksTheCredentialsAndReusesALiveToken() {
		Wire.Answer wrongApp = this.wire.post("/open-apis/auth/v3/tenant_access_token/internal", null,
				Wire.JSON.createObjectNode().put("app_id", "cli_other").put("app_secret", this.sandbox.appSecret()));
		Wire.Answer wrongSecret = this.wire.post("/open-apis/auth/v3/tenant_access_token/internal", null,
				Wire.JSON.createObjectNode().put("app_id", this.sandbox.appId()).put("app_secret", "nope"));
		Wire.Answer notJson = this.wire.call("POST", "/open-apis/auth/v3/tenant_access_token/internal", null,
				"application/json", "app_id=x", null);
		assertThat(wrongApp.code()).isEqualTo(20002);
		assertThat(wrongSecret.code()).isEqualTo(10015);
		assertThat(notJson.code()).isEqualTo(10003);

		Wire.Answer first = this.wire.post("/open-apis/auth/v3/tenant_access_token/internal", null,
				Wire.JSON.createObjectNode().put("app_id", this.sandbox.appId()).put("app_secret", this.sandbox.appSecret()));
		assertThat(first.code()).isZero();
		assertThat(first.body().path("tenant_access_token").asString()).startsWith("t-");
		assertThat(first.body().path("expire").asLong()).isBetween(7190L, 7200L);
		assertThat(this.wire.token()).isEqualTo(first.body().path("tenant_access_token").asString());
	}

	@Test
	void aTokenWithLessThanAQuarterOfItsLifeLeftIsReplacedAndStaysValidUntilItExpires() throws InterruptedException {
		try (LarkSandbox shortLived = LarkSandbox.builder().tokenLifetime(Duration.ofMillis(1200)).start()) {
			Wire wire = new Wire(shortLived);
			String first = wire.token();
			Thread.sleep(950);
			String second = wire.token();
			assertThat(second).isNotEqualTo(first);
			assertThat(wire.post("/open-apis/approval/v1/message/send", first, Wire.pendingApproval("u-1")).code())
				.isZero();
			Thread.sleep(400);
			assertThat(wire.post("/open-apis/approval/v1/message/send", first, Wire.pendingApproval("u-2")).code())
				.isEqualTo(99991663);
			assertThat(wire.post("/open-apis/approval/v1/message/send", second, Wire.pendingApproval("u-3")).code())
				.isZero();
		}
	}

	@Test
	void apiCallsNeedAValidTenantToken() {
		String send = "/open-apis/approval/v1/message/send";
		String body = Wire.pendingApproval("u-1").toString();
		assertThat(this.wire.call("POST", send, null, "application/json", body, null).code()).isEqualTo(99991661);
		assertThat(this.wire.call("POST", send, "Bearer ", "application/json", body, null).code()).isEqualTo(99991661);
		assertThat(this.wire.call("POST", send, "Bearer x-123", "application/json", body, null).code()).isEqualTo(99991671);
		assertThat(this.wire.call("POST", send, "Bearer t-unknown", "application/json", body, null).code())
			.isEqualTo(99991663);
		assertThat(this.sandbox.messages()).isEmpty();
	}

	@Test
	void bodiesMustBeJson() {
		String token = "Bearer " + this.wire.token();
		Wire.Answer form = this.wire.call("POST", "/open-apis/approval/v1/message/send", token,
				"application/x-www-form-urlencoded", "template_id=1008", null);
		Wire.Answer array = this.wire.call("POST", "/open-apis/approval/v1/message/send", token, "application/json",
				"[]", null);
		assertThat(form.code()).isEqualTo(99992402);
		assertThat(form.msg()).contains("Content-Type");
		assertThat(array.code()).isEqualTo(99992402);
		assertThat(this.wire.call("PATCH", "/open-apis/im/v1/messages/om_1", token, "text/plain", "{}", null).code())
			.isEqualTo(230001);
	}

	// --- message/send ---

	@Test
	void aValidCardIsSentAndSeenByItsReceiver() {
		Wire.Answer answer = this.wire.send(Wire.pendingApproval("u-bob"));
		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.code()).isZero();
		String id = answer.body().at("/data/message_id").asString();
		assertThat(id).matches("\\d+");
		assertThat(this.sandbox.messagesTo("u-bob")).singleElement().satisfies((message) -> {
			assertThat(message.messageId()).isEqualTo(id);
			assertThat(message.kind()).isEqualTo(SandboxMessage.Kind.APPROVAL);
			assertThat(message.templateId()).isEqualTo("1008");
			assertThat(message.status()).isEqualTo("PENDING");
			assertThat(Wire.JSON.readTree(message.json())).isEqualTo(Wire.pendingApproval("u-bob"));
		});
		assertThat(this.sandbox.messagesTo("u-alice")).isEmpty();
	}

	@Test
	void theSameUuidAndReceiverSendOneCard() {
		ObjectNode card = Wire.pendingApproval("u-bob").put("uuid", "leave-42");
		String first = this.wire.send(card).body().at("/data/message_id").asString();
		String second = this.wire.send(card).body().at("/data/message_id").asString();
		String otherReceiver = this.wire.send(card.deepCopy().put("user_id", "u-carol")).body().at("/data/message_id")
			.asString();
		assertThat(second).isEqualTo(first);
		assertThat(otherReceiver).isNotEqualTo(first);
		assertThat(this.sandbox.messages()).hasSize(2);
	}

	static Stream<Arguments> requiredFields() {
		List<Arguments> cases = new ArrayList<>();
		String[][] table = { { "1001", "approval_name title_user_id summaries actions comment" },
				{ "1002", "approval_name title_user_id summaries actions" },
				{ "1005", "approval_name summaries actions" },
				{ "1008", "approval_name title_user_id summaries actions action_configs action_callback" },
				{ "1028", "approval_name summaries actions action_configs action_callback" },
				{ "1024", "approval_name summaries actions" }, { "1027", "approval_name title_user_id summaries actions comment" } };
		for (String[] row : table) {
			for (String field : row[1].split(" ")) {
				cases.add(Arguments.of(row[0], field));
			}
		}
		return cases.stream();
	}

	@ParameterizedTest(name = "{0} without {1}")
	@MethodSource("requiredFields")
	void eachTemplateRequiresTheFieldsOfTheTable(String template, String field) {
		ObjectNode card = validCard(template);
		assertThat(this.wire.send(card).code()).as("the valid %s card", template).isZero();
		if (field.equals("summaries")) {
			((ObjectNode) card.path("content")).remove("summaries");
		}
		else {
			card.remove(field);
		}
		Wire.Answer answer = this.wire.send(card);
		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.code()).isEqualTo(99992402);
		assertThat(answer.msg()).contains(field).contains("required");
	}

	private static ObjectNode validCard(String template) {
		ObjectNode card = Wire.pendingApproval("u-1").put("template_id", template).put("comment", "@i18n@2");
		if (!List.of("1008", "1009", "1010", "1011", "1012", "1013", "1020", "1028").contains(template)) {
			card.remove("action_configs");
			card.remove("action_callback");
		}
		return card;
	}

	@Test
	void quickApprovalIsRefusedWhereTheCardDoesNotSupportIt() {
		Wire.Answer answer = this.wire.send(Wire.pendingApproval("u-1").put("template_id", "1004").put("comment", "@i18n@2"));
		assertThat(answer.code()).isEqualTo(99992402);
		assertThat(answer.msg()).contains("action_configs: template 1004 does not support quick approval");
	}

	@ParameterizedTest
	@ValueSource(strings = { "1014", "1022", "1023", "1025", "2001", "" })
	void onlyListedTemplatesAreAccepted(String template) {
		Wire.Answer answer = this.wire.send(Wire.pendingApproval("u-1").put("template_id", template));
		assertThat(answer.code()).isEqualTo(99992402);
		assertThat(answer.msg()).contains("template_id");
	}

	@Test
	void theCustomTemplateNeedsATitleAContentAndAUserId() {
		ObjectNode custom = Wire.JSON.createObjectNode().put("template_id", "1021").put("user_id", "u-1")
			.put("custom_title", "@i18n@1").put("custom_content", "@i18n@2");
		custom.putArray("actions").add(Wire.detail("@i18n@1"));
		custom.putArray("i18n_resources").addObject().put("locale", "zh-CN").put("is_default", true).putObject("texts")
			.put("@i18n@1", "标题").put("@i18n@2", "内容");
		assertThat(this.wire.send(custom).code()).isZero();
		ObjectNode byOpenId = custom.deepCopy();
		byOpenId.remove("user_id");
		byOpenId.put("open_id", "ou_1");
		assertThat(this.wire.send(byOpenId).msg()).contains("user_id: is required");
		ObjectNode noContent = custom.deepCopy();
		noContent.remove("custom_content");
		assertThat(this.wire.send(noContent).msg()).contains("custom_content: is required");
		ObjectNode plainAction = custom.deepCopy();
		((ObjectNode) plainAction.path("actions").get(0)).put("action_name", "DETAIL");
		assertThat(this.wire.send(plainAction).msg()).contains("actions[0].action_name: must be an i18n key");
	}

	@Test
	void actionsFollowTheDocumentedShape() {
		ObjectNode notDetail = Wire.pendingApproval("u-1");
		((ObjectNode) notDetail.path("actions").get(0)).put("action_name", "@i18n@1");
		assertThat(this.wire.send(notDetail).msg()).contains("actions[0].action_name: the first action must be DETAIL");

		ObjectNode noScheme = Wire.pendingApproval("u-1");
		((ObjectNode) noScheme.path("actions").get(0)).put("ios_url", "oa.example.com/42");
		assertThat(this.wire.send(noScheme).msg()).contains("actions[0].ios_url: must be an http or https URL");

		ObjectNode noPcUrl = Wire.pendingApproval("u-1");
		((ObjectNode) noPcUrl.path("actions").get(0)).remove("pc_url");
		assertThat(this.wire.send(noPcUrl).msg()).contains("actions[0].pc_url: is required");

		ObjectNode three = Wire.pendingApproval("u-1");
		((ArrayNode) three.path("actions")).add(Wire.detail("@i18n@1")).add(Wire.detail("@i18n@1"));
		assertThat(this.wire.send(three).msg()).contains("actions: holds at most 2");

		ObjectNode customType = Wire.pendingApproval("u-1");
		((ArrayNode) customType.path("action_configs")).addObject().put("action_type", "ESCALATE");
		assertThat(this.wire.send(customType).msg()).contains("action_configs[2].action_name: is required");
	}

	@Test
	void contentFollowsTheDocumentedShape() {
		ObjectNode six = Wire.pendingApproval("u-1");
		ArrayNode summaries = (ArrayNode) six.path("content").path("summaries");
		for (int i = 0; i < 5; i++) {
			summaries.addObject().put("summary", "@i18n@2");
		}
		assertThat(this.wire.send(six).msg()).contains("content.summaries: holds at most 5, had 6");

		ObjectNode applicant = Wire.pendingApproval("u-1");
		((ObjectNode) applicant.path("content")).put("user_id", "u-applicant");
		assertThat(this.wire.send(applicant).msg()).contains("content.department_id: is required");

		assertThat(this.wire.send(Wire.pendingApproval("u-1").put("approval_name", "Leave")).msg())
			.contains("approval_name: must be an i18n key starting with @i18n@");
		assertThat(this.wire.send(Wire.pendingApproval("u-1").put("uuid", "u".repeat(65))).msg())
			.contains("uuid: must be a string of at most 64 characters");
		ObjectNode nobody = Wire.pendingApproval("u-1");
		nobody.remove("user_id");
		assertThat(this.wire.send(nobody).msg()).contains("user_id: user_id or open_id is required");
	}

	@Test
	void i18nResourcesHoldEveryKeyInTheDefaultLocale() {
		ObjectNode missingKey = Wire.pendingApproval("u-1").put("note", "@i18n@9");
		assertThat(this.wire.send(missingKey).msg())
			.contains("i18n_resources: the default locale en-US must hold every key; it has no text for @i18n@9");

		ObjectNode onlyElsewhere = Wire.pendingApproval("u-1").put("note", "@i18n@9");
		((ArrayNode) onlyElsewhere.path("i18n_resources")).addObject().put("locale", "zh-CN").put("is_default", false)
			.putObject("texts").put("@i18n@9", "备注");
		assertThat(this.wire.send(onlyElsewhere).msg()).contains("it has no text for @i18n@9");

		ObjectNode extraKey = Wire.pendingApproval("u-1");
		((ArrayNode) extraKey.path("i18n_resources")).addObject().put("locale", "ja-JP").put("is_default", false)
			.putObject("texts").put("@i18n@1", "休暇").put("@i18n@8", "余分");
		assertThat(this.wire.send(extraKey).msg()).contains("it has no text for @i18n@8");

		ObjectNode underscore = Wire.pendingApproval("u-1");
		((ObjectNode) underscore.path("i18n_resources").get(0)).put("locale", "en_us");
		assertThat(this.wire.send(underscore).msg())
			.contains("i18n_resources[0].locale: must be one of zh-CN, en-US, ja-JP, was en_us");

		ObjectNode noDefault = Wire.pendingApproval("u-1");
		((ObjectNode) noDefault.path("i18n_resources").get(0)).put("is_default", false);
		assertThat(this.wire.send(noDefault).msg()).contains("one locale must be the default");

		ObjectNode none = Wire.pendingApproval("u-1");
		none.remove("i18n_resources");
		assertThat(this.wire.send(none).msg()).contains("i18n_resources: is required");
	}

	@Test
	void sendsBeyondFiftyASecondAreThrottled() {
		String token = this.wire.token();
		List<Wire.Answer> answers = new ArrayList<>();
		for (int i = 0; i < 60; i++) {
			answers.add(this.wire.post("/open-apis/approval/v1/message/send", token, Wire.pendingApproval("u-" + i)));
		}
		// 60 sequential calls take well under a second here; the window may still turn once.
		List<Wire.Answer> throttled = answers.stream().filter((answer) -> answer.status() == 429).toList();
		assertThat(throttled).isNotEmpty().allSatisfy((answer) -> {
			assertThat(answer.code()).isEqualTo(99991400);
			assertThat(answer.header("x-ogw-ratelimit-reset")).isEqualTo("1");
			assertThat(answer.header("x-ogw-ratelimit-limit")).isEqualTo("50");
		});
		assertThat(this.sandbox.messages()).hasSize(60 - throttled.size());
	}

	// --- message/update ---

	@Test
	void onlyPendingApproval1008CardsYoungerThan30DaysCanBeUpdated() {
		String pending = this.wire.send(Wire.pendingApproval("u-1")).body().at("/data/message_id").asString();
		String approved = this.wire.send(validCard("1004")).body().at("/data/message_id").asString();
		Wire.Answer ok = this.wire.update(update(pending, "APPROVED"));
		assertThat(ok.code()).isZero();
		assertThat(ok.body().at("/data/message_id").asString()).isEqualTo(pending);
		assertThat(this.sandbox.message(pending).status()).isEqualTo("APPROVED");

		assertThat(this.wire.update(update(approved, "APPROVED")).msg()).contains("only template 1008 cards can be updated");
		assertThat(this.wire.update(update("123", "APPROVED")).msg()).contains("message_id: no approval bot message 123");
		this.sandbox.age(pending, Duration.ofDays(31));
		assertThat(this.wire.update(update(pending, "REJECTED")).code()).isEqualTo(99992402);
		assertThat(this.sandbox.message(pending).status()).isEqualTo("APPROVED");
	}

	@Test
	void updateStatusesAndCustomTextsFollowTheUpdatePage() {
		String id = this.wire.send(Wire.pendingApproval("u-1")).body().at("/data/message_id").asString();
		assertThat(this.wire.update(update(id, "DONE")).msg()).contains("status: must be one of");
		assertThat(this.wire.update(update(id, "APPROVED").put("status_name", "@i18n@1")).msg())
			.contains("status_name: only applies when status is CUSTOM");
		assertThat(this.wire.update(update(id, "CUSTOM").put("status_name", "@i18n@7")).msg())
			.contains("it has no text for @i18n@7");
		ObjectNode noResources = update(id, "APPROVED");
		noResources.remove("i18n_resources");
		assertThat(this.wire.update(noResources).msg()).contains("i18n_resources: is required");
		Wire.Answer custom = this.wire.update(update(id, "CUSTOM").put("status_name", "@i18n@1"));
		assertThat(custom.code()).isZero();
		assertThat(this.sandbox.message(id).status()).isEqualTo("CUSTOM");
	}

	private static ObjectNode update(String messageId, String status) {
		ObjectNode update = Wire.JSON.createObjectNode().put("message_id", messageId).put("status", status);
		update.putArray("i18n_resources").addObject().put("locale", "zh-CN").put("is_default", true).putObject("texts")
			.put("@i18n@1", "已废弃");
		return update;
	}

	// --- card patch ---

	@Test
	void aCardIsPatchedForEveryoneWhoSeesIt() {
		String id = this.sandbox.createCard("oc_group", Wire.card("v0"));
		Wire.Answer answer = this.wire.patch(id, Wire.card("v1"));
		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.code()).isZero();
		assertThat(this.sandbox.messagesTo("oc_group")).singleElement().satisfies((message) -> {
			assertThat(message.kind()).isEqualTo(SandboxMessage.Kind.CARD);
			assertThat(message.json()).isEqualTo(Wire.card("v1"));
			assertThat(message.patches()).isEqualTo(1);
			assertThat(message.templateId()).isNull();
			assertThat(message.status()).isNull();
		});
	}

	@Test
	void aCardWithAKnownIdIsCreatedOrPutBackInItsFirstState() {
		assertThat(this.sandbox.createCard("om_board", "oc_group", Wire.card("v0"))).isEqualTo("om_board");
		assertThat(this.wire.patch("om_board", Wire.card("v1")).code()).isZero();
		this.sandbox.createCard("om_board", "oc_group", Wire.card("v0"));
		assertThat(this.sandbox.messages()).singleElement().satisfies((message) -> {
			assertThat(message.json()).isEqualTo(Wire.card("v0"));
			assertThat(message.patches()).isZero();
		});
	}

	@Test
	void patchesFollowTheDocumentedRulesAndCodes() {
		String id = this.sandbox.createCard("oc_group", Wire.card("v0"));
		String approval = this.wire.send(Wire.pendingApproval("u-1")).body().at("/data/message_id").asString();
		String big = "{\"config\":{\"update_multi\":true},\"x\":\"" + "x".repeat(30 * 1024) + "\"}";
		assertThat(this.wire.patch(id, big).code()).isEqualTo(230025);
		assertThat(this.wire.patch(id, "not json").code()).isEqualTo(230001);
		assertThat(this.wire.patch(approval, Wire.card("v1")).code()).isEqualTo(230001);
		assertThat(this.wire.patch("om_unknown", Wire.card("v1")).code()).isEqualTo(230001);
		assertThat(this.wire.patch(id, "{\"header\":{}}").code()).isEqualTo(230099);
		assertThat(this.wire.patch(id, "{\"schema\":\"2.0\",\"body\":{\"elements\":[]}}").code()).isZero();
		assertThat(this.wire.patch(id, "{\"type\":\"template\",\"data\":{\"template_id\":\"AAq1\"}}").code()).isZero();
		String shared = this.sandbox.createCard("oc_group", "{\"header\":{}}");
		assertThat(this.wire.patch(shared, Wire.card("v1")).msg()).contains("update_multi must be true before and after");

		String old = this.sandbox.createCard("oc_group", Wire.card("old"));
		this.sandbox.age(old, Duration.ofDays(15));
		Wire.Answer late = this.wire.patch(old, Wire.card("v1"));
		assertThat(late.status()).isEqualTo(400);
		assertThat(late.code()).isEqualTo(230031);
		assertThat(this.sandbox.message(old).json()).isEqualTo(Wire.card("old"));
	}

	@Test
	void aMessageTakesFivePatchesASecond() {
		String id = this.sandbox.createCard("oc_group", Wire.card("v0"));
		List<Integer> codes = new ArrayList<>();
		for (int i = 1; i <= 7; i++) {
			codes.add(this.wire.patch(id, Wire.card("v" + i)).code());
		}
		assertThat(codes).contains(230020);
		assertThat(codes.stream().filter((code) -> code == 0).count()).isBetween(5L, 6L);
		String other = this.sandbox.createCard("oc_group", Wire.card("v0"));
		assertThat(this.wire.patch(other, Wire.card("v1")).code()).isZero();
	}

	// --- helpdesk ---

	@Test
	void helpdeskMessagesNeedTheHelpdeskHeader() {
		ObjectNode text = helpdeskText("ou_1", "hello");
		assertThat(this.wire.helpdesk(text, Wire.helpdeskAuthorization("other", "ht-x"), "").code()).isEqualTo(154001);
		Wire.Answer missing = this.wire.helpdesk(text, null, "");
		assertThat(missing.status()).isEqualTo(401);
		assertThat(missing.code()).isEqualTo(154001);
		Wire.Answer ok = this.wire.helpdesk(text);
		assertThat(ok.code()).isZero();
		assertThat(this.sandbox.messagesTo("ou_1")).singleElement().satisfies((message) -> {
			assertThat(message.kind()).isEqualTo(SandboxMessage.Kind.HELPDESK);
			assertThat(message.messageId()).isEqualTo(ok.body().at("/data/message_id").asString());
			assertThat(message.templateId()).isNull();
		});
	}

	@Test
	void helpdeskBodiesFollowTheContentFormats() {
		assertThat(this.wire.helpdesk(helpdeskText("ou_1", "hi").put("msg_type", "file")).code()).isEqualTo(154000);
		assertThat(this.wire.helpdesk(helpdeskText("ou_1", "hi").put("receive_type", "group")).msg())
			.contains("receive_type: must be one of");
		assertThat(this.wire.helpdesk(helpdeskText("ou_1", "hi").put("content", "hi")).msg())
			.contains("content: is required: the message content as a serialized JSON object");
		assertThat(this.wire.helpdesk(helpdeskText("ou_1", ""), Wire.helpdeskAuthorization(this.sandbox.helpdeskId(),
				this.sandbox.helpdeskToken()), "?user_id_type=email").msg())
			.contains("user_id_type: must be one of").contains("content.text: is required");
		ObjectNode unwrapped = helpdesk("ou_1", "post",
				"{\"zh_cn\":{\"title\":\"t\",\"content\":[[{\"tag\":\"text\",\"text\":\"x\"}]]}}");
		assertThat(this.wire.helpdesk(unwrapped).msg()).contains("content.post: is required");
		ObjectNode wrapped = helpdesk("ou_1", "post",
				"{\"post\":{\"zh_cn\":{\"title\":\"t\",\"content\":[[{\"tag\":\"text\",\"text\":\"x\"}]]}}}");
		assertThat(this.wire.helpdesk(wrapped).code()).isZero();
		ObjectNode imageWithText = helpdesk("ou_1", "post",
				"{\"post\":{\"zh_cn\":{\"content\":[[{\"tag\":\"img\",\"image_key\":\"k\"},{\"tag\":\"text\",\"text\":\"x\"}]]}}}");
		assertThat(this.wire.helpdesk(imageWithText).msg()).contains("img must be alone in its paragraph");
		assertThat(this.wire.helpdesk(helpdesk("ou_1", "interactive", "{\"schema\":\"2.0\",\"body\":{}}")).msg())
			.contains("card JSON 2.0 is not supported");
		assertThat(this.wire.helpdesk(helpdesk("ou_1", "image", "{\"image_key\":\"img_v2_1\"}")).code()).isZero();
	}

	private static ObjectNode helpdeskText(String receiver, String text) {
		return helpdesk(receiver, "text", Wire.JSON.createObjectNode().put("text", text).toString());
	}

	private static ObjectNode helpdesk(String receiver, String type, String content) {
		return Wire.JSON.createObjectNode().put("msg_type", type).put("content", content).put("receiver_id", receiver);
	}

	@Test
	void unknownPathsAre404() {
		assertThat(this.wire.call("GET", "/open-apis/approval/v1/message/send", null, null, "", null).status())
			.isEqualTo(404);
		assertThat(this.wire.call("POST", "/open-apis/im/v1/messages", null, "application/json", "{}", null).status())
			.isEqualTo(404);
	}

}
