package io.github.larkapprovalbot.validation;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import io.github.larkapprovalbot.card.CardPatch;
import io.github.larkapprovalbot.helpdesk.HelpdeskBotMessage;
import io.github.larkapprovalbot.message.ApprovalBotMessage;
import io.github.larkapprovalbot.message.ApprovalBotMessageUpdate;
import jakarta.validation.ConstraintViolationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * One case per rule: a payload that breaks only that rule is rejected at the right JSON path, and its valid
 * neighbour passes.
 */
class PayloadRulesTests {

	private static final JsonMapper MAPPER = new JsonMapper();

	private static final String MSG = "valid-1008.json";

	private static final String CUSTOM = "valid-1021.json";

	private static final String UPDATE = "valid-update-custom.json";

	private static final String HELPDESK = "valid-helpdesk-text.json";

	private final PayloadValidator validator = PayloadValidator.createDefault();

	static Stream<Arguments> rules() {
		return Stream.of(
				rule("template_id is documented", MSG, set("/template_id", "1009"), set("/template_id", "1014"),
						"template_id"),
				rule("user_id or open_id", MSG, remove("/user_id").andThen(set("/open_id", "ou_8ec3")),
						remove("/user_id"), "user_id"),
				rule("uuid at most 64", MSG, set("/uuid", "u".repeat(64)), set("/uuid", "u".repeat(65)), "uuid"),
				rule("approval_name required on general templates", MSG, set("/approval_name", "@i18n@2"),
						remove("/approval_name"), "approval_name"),
				rule("title_user_id required on 1008", MSG,
						set("/template_id", "1028").andThen(remove("/title_user_id")), remove("/title_user_id"),
						"title_user_id"),
				rule("comment required on 1001", MSG,
						set("/template_id", "1001").andThen(set("/comment", "@i18n@4")),
						set("/template_id", "1001"), "comment"),
				rule("content required on general templates", MSG, set("/template_id", "1009"), remove("/content"),
						"content"),
				rule("content.summaries required on general templates", MSG,
						set("/content/summaries", List.of()).andThen(set("/template_id", "1021"))
							.andThen(set("/custom_title", "@i18n@1"))
							.andThen(set("/custom_content", "@i18n@2"))
							.andThen(remove("/actions/0")),
						remove("/content/summaries"), "content.summaries"),
				rule("at most 5 summaries", MSG, summaries(5), summaries(6), "content.summaries"),
				rule("actions required on general templates", MSG, set("/template_id", "1009"), remove("/actions"),
						"actions"),
				rule("at most 2 actions", MSG, remove("/actions/1"), add("/actions", "/actions/1"), "actions"),
				rule("first action is DETAIL", MSG, set("/actions/1/action_name", "@i18n@1"),
						set("/actions/0/action_name", "@i18n@5"), "actions[0].action_name"),
				rule("url required", MSG, set("/actions/0/url", "https://x.example.com"), remove("/actions/0/url"),
						"actions[0].url"),
				rule("android_url required", MSG, set("/actions/0/android_url", "http://x.example.com"),
						remove("/actions/0/android_url"), "actions[0].android_url"),
				rule("ios_url required", MSG, set("/actions/0/ios_url", "https://x.example.com/a?b=c"),
						remove("/actions/0/ios_url"), "actions[0].ios_url"),
				rule("pc_url required", MSG, set("/actions/1/pc_url", "https://x.example.com"),
						remove("/actions/1/pc_url"), "actions[1].pc_url"),
				rule("url without surrounding whitespace", MSG, set("/actions/0/url", "https://www.baidu.com"),
						set("/actions/0/url", " https://www.baidu.com"), "actions[0].url"),
				rule("url is absolute http(s)", MSG, set("/actions/1/pc_url", "HTTPS://x.example.com/p"),
						set("/actions/1/pc_url", "ftp://x.example.com/p"), "actions[1].pc_url"),
				rule("relative url refused", MSG, set("/actions/0/ios_url", "https://x.example.com/leave/42"),
						set("/actions/0/ios_url", "/leave/42"), "actions[0].ios_url"),
				rule("action_configs required on quick-approval templates", MSG,
						set("/template_id", "1002").andThen(remove("/action_configs")).andThen(remove("/action_callback")),
						remove("/action_configs"), "action_configs"),
				rule("action_callback required on quick-approval templates", MSG,
						set("/template_id", "1016").andThen(remove("/action_callback")), remove("/action_callback"),
						"action_callback"),
				rule("action_callback_url is an http(s) URL", MSG,
						set("/action_callback/action_callback_url", "http://localhost:8080/cb"),
						set("/action_callback/action_callback_url", "localhost:8080/cb"),
						"action_callback.action_callback_url"),
				rule("custom action_type needs action_name", MSG,
						set("/action_configs/0/action_type", "ESCALATE").andThen(
								set("/action_configs/0/action_name", "@i18n@6")),
						set("/action_configs/0/action_type", "ESCALATE"), "action_configs[0].action_name"),
				rule("next_status is an update status", MSG, set("/action_configs/0/next_status", "PROCESSED"),
						set("/action_configs/0/next_status", "DONE"), "action_configs[0].next_status"),
				rule("department_id required with content.user_id", MSG,
						remove("/content/department_id").andThen(set("/content/user_id", "")),
						remove("/content/department_id"), "content.department_id"),
				rule("title_user_id_type is user_id or open_id", MSG, set("/title_user_id_type", "open_id"),
						set("/title_user_id_type", "union_id"), "title_user_id_type"),
				rule("content.user_id_type is user_id or open_id", MSG, set("/content/user_id_type", ""),
						set("/content/user_id_type", "union_id"), "content.user_id_type"),
				rule("i18n field is an @i18n@ key", MSG, set("/approval_name", "@i18n@3"),
						set("/approval_name", "Leave"), "approval_name"),
				rule("i18n key has a text in the default locale", MSG,
						set("/note", "@i18n@9").andThen(set("/i18n_resources/0/texts/@i18n@9", "x")),
						set("/note", "@i18n@9"), "note"),
				rule("the default locale holds every key", MSG,
						set("/i18n_resources/0/texts/@i18n@7", "额外").andThen(set("/i18n_resources/1/texts/@i18n@7", "Extra")),
						set("/i18n_resources/1/texts/@i18n@7", "Extra"), "i18n_resources[1].texts"),
				rule("summary key resolves", MSG, set("/content/summaries/0/summary", "@i18n@4"),
						set("/content/summaries/0/summary", "@i18n@7"), "content.summaries[0].summary"),
				rule("action_configs action_name key resolves", MSG, set("/action_configs/1/action_name", "@i18n@5"),
						set("/action_configs/1/action_name", "@i18n@7"), "action_configs[1].action_name"),
				rule("custom action name key resolves", MSG, set("/actions/1/action_name", "@i18n@6"),
						set("/actions/1/action_name", "Open"), "actions[1].action_name"),
				rule("exactly one default locale", MSG, set("/i18n_resources/1/is_default", false),
						set("/i18n_resources/1/is_default", true), "i18n_resources"),
				rule("is_default present", MSG, set("/i18n_resources/1/is_default", false),
						remove("/i18n_resources/1/is_default"), "i18n_resources[1].is_default"),
				rule("locale is zh-CN, en-US or ja-JP", MSG, set("/i18n_resources/1/locale", "ja_jp"),
						set("/i18n_resources/1/locale", "fr-FR"), "i18n_resources[1].locale"),
				rule("i18n_resources required", CUSTOM, set("/note", "@i18n@3"), remove("/i18n_resources"),
						"i18n_resources"),
				rule("custom_title required on 1021", CUSTOM, set("/custom_title", "@i18n@3"), remove("/custom_title"),
						"custom_title"),
				rule("custom_content required on 1021", CUSTOM, set("/custom_content", "@i18n@3"),
						remove("/custom_content"), "custom_content"),
				rule("1021 actions are i18n keys", CUSTOM, set("/actions/0/action_name", "@i18n@3"),
						set("/actions/0/action_name", "DETAIL"), "actions[0].action_name"),
				rule("update message_id required", UPDATE, set("/message_id", "7119390774281977859"),
						remove("/message_id"), "message_id"),
				rule("update status is one of nine", UPDATE,
						set("/status", "FORWARDED").andThen(remove("/status_name")).andThen(remove("/detail_action_name")),
						set("/status", "DONE"), "status"),
				rule("status_name only with CUSTOM", UPDATE, remove("/detail_action_name"),
						set("/status", "APPROVED").andThen(remove("/detail_action_name")), "status_name"),
				rule("detail_action_name only with CUSTOM", UPDATE,
						set("/status", "APPROVED").andThen(remove("/detail_action_name")).andThen(remove("/status_name")),
						set("/status", "APPROVED").andThen(remove("/status_name")), "detail_action_name"),
				rule("status_name key present in i18n_resources", UPDATE, set("/status_name", "@i18n@2"),
						set("/status_name", "@i18n@3"), "status_name"),
				rule("update default locale holds every key", UPDATE,
						append("/i18n_resources", Map.of("locale", "en-US", "is_default", false, "texts",
								Map.of("@i18n@1", "Void"))),
						append("/i18n_resources", Map.of("locale", "en-US", "is_default", false, "texts",
								Map.of("@i18n@1", "Void", "@i18n@3", "Extra"))),
						"i18n_resources[1].texts"),
				rule("a custom status needs i18n_resources for its keys", UPDATE, set("/message_id", "7119390774281977859"),
						remove("/i18n_resources").andThen(remove("/detail_action_name")), "status_name"),
				rule("update locale documented", UPDATE, set("/i18n_resources/0/locale", "zh_cn"),
						set("/i18n_resources/0/locale", "zh-TW"), "i18n_resources[0].locale"));
	}

	static Stream<Arguments> helpdeskRules() {
		return Stream.of(
				rule("msg_type enum", HELPDESK, set("/receive_type", "chat"), set("/msg_type", "file"), "msg_type"),
				rule("receive_type enum", HELPDESK, remove("/receive_type"), set("/receive_type", "group"),
						"receive_type"),
				rule("receiver_id required", HELPDESK, set("/receiver_id", "ou_1"), remove("/receiver_id"),
						"receiver_id"),
				rule("content is JSON", HELPDESK, set("/content", "{\"text\":\"hi\"}"), set("/content", "hi"),
						"content"),
				rule("text content has text", HELPDESK, set("/content", "{\"text\":\"\"}"),
						set("/content", "{\"title\":\"hi\"}"), "content"),
				rule("post content is the wrapped form", HELPDESK,
						set("/msg_type", "post").andThen(set("/content",
								"{\"post\":{\"zh_cn\":{\"title\":\"t\",\"content\":[[{\"tag\":\"text\",\"text\":\"x\"}]]}}}")),
						set("/msg_type", "post").andThen(set("/content",
								"{\"zh_cn\":{\"title\":\"t\",\"content\":[[{\"tag\":\"text\",\"text\":\"x\"}]]}}")),
						"content"),
				rule("image content has image_key", HELPDESK,
						set("/msg_type", "image").andThen(set("/content", "{\"image_key\":\"img_v2_1\"}")),
						set("/msg_type", "image"), "content"),
				rule("card JSON 2.0 refused", HELPDESK,
						set("/msg_type", "interactive").andThen(set("/content", "{\"elements\":[]}")),
						set("/msg_type", "interactive").andThen(set("/content", "{\"schema\":\"2.0\",\"body\":{}}")),
						"content"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("rules")
	void approvalRule(String rule, String base, Consumer<ObjectNode> neighbour, Consumer<ObjectNode> breaking,
			String path) {
		Class<?> type = base.equals(UPDATE) ? ApprovalBotMessageUpdate.class : ApprovalBotMessage.class;
		assertThat(violations(type, base, neighbour)).as("valid neighbour").isEmpty();
		assertThat(violations(type, base, breaking)).containsExactly(path);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("helpdeskRules")
	void helpdeskRule(String rule, String base, Consumer<ObjectNode> neighbour, Consumer<ObjectNode> breaking,
			String path) {
		assertThat(violations(HelpdeskBotMessage.class, base, neighbour)).as("valid neighbour").isEmpty();
		assertThat(violations(HelpdeskBotMessage.class, base, breaking)).containsExactly(path);
	}

	/**
	 * The Lark guide's own update example carries no {@code i18n_resources}, which the Feishu page marks required:
	 * the example is valid, and the client adds an empty default resource on the wire.
	 */
	@Test
	void theLarkGuidesUpdateExampleIsValid() {
		ApprovalBotMessageUpdate example = JsonMapper.shared()
			.readValue("{\"message_id\":\"7119390774281977859\",\"status\":\"APPROVED\"}", ApprovalBotMessageUpdate.class);
		assertThat(this.validator.validate(example)).isSameAs(example);
		assertThat(example.withI18nResources().i18nResources()).singleElement()
			.satisfies((resource) -> assertThat(resource.isDefault()).isTrue());
	}

	@Test
	void validBasesPass() {
		for (String base : List.of(MSG, CUSTOM)) {
			assertThat(violations(ApprovalBotMessage.class, base, (json) -> {
			})).as(base).isEmpty();
		}
	}

	@Test
	void cardPatchAtMost30KilobytesOfJson() {
		String padding = "x".repeat(30 * 1024 - "{\"p\":\"\"}".length());
		assertThat(this.validator.validate(new CardPatch("{\"p\":\"" + padding + "\"}"))).isNotNull();
		assertThatExceptionOfType(ConstraintViolationException.class)
			.isThrownBy(() -> this.validator.validate(new CardPatch("{\"p\":\"" + padding + "x\"}")))
			.withMessageContaining("content: is 30721 bytes; a card may be at most 30720 bytes (30 KB)");
	}

	@Test
	void cardPatchIsAJsonObject() {
		assertThatExceptionOfType(ConstraintViolationException.class)
			.isThrownBy(() -> this.validator.validate(new CardPatch("[1,2]")))
			.withMessageContaining("content: must be a card JSON object");
	}

	@Test
	void everyViolationComesBackInOneException() {
		ApprovalBotMessage message = read(ApprovalBotMessage.class, MSG,
				remove("/user_id").andThen(set("/uuid", "u".repeat(65)))
					.andThen(set("/actions/0/url", " https://www.baidu.com"))
					.andThen(remove("/action_callback"))
					.andThen(set("/approval_name", "Leave")));
		assertThatExceptionOfType(ConstraintViolationException.class)
			.isThrownBy(() -> this.validator.validate(message))
			.satisfies((ex) -> assertThat(ex.getConstraintViolations()).hasSize(5))
			.withMessage("ApprovalBotMessage is invalid: action_callback: must not be null; "
					+ "actions[0].url: must be an absolute http(s) URL with no surrounding whitespace; "
					+ "approval_name: must be an i18n key starting with @i18n@, with its text in i18n_resources; "
					+ "user_id: user_id or open_id is required; uuid: size must be between 0 and 64");
	}

	@Test
	void exceptionNamesNoCallbackSecret() {
		ApprovalBotMessage message = read(ApprovalBotMessage.class, MSG, remove("/user_id"));
		assertThatExceptionOfType(ConstraintViolationException.class)
			.isThrownBy(() -> this.validator.validate(message))
			.satisfies((ex) -> assertThat(ex.getMessage() + ex.getConstraintViolations()).doesNotContain("cb-key")
				.doesNotContain("cb-token"));
		assertThat(message.toString()).doesNotContain("cb-key").doesNotContain("cb-token");
	}

	private List<String> violations(Class<?> type, String base, Consumer<ObjectNode> mutation) {
		try {
			this.validator.validate(read(type, base, mutation));
			return List.of();
		}
		catch (ConstraintViolationException ex) {
			return ex.getConstraintViolations().stream().map(PayloadValidator::jsonPath).sorted().toList();
		}
	}

	private static <T> T read(Class<T> type, String base, Consumer<ObjectNode> mutation) {
		try (InputStream in = PayloadRulesTests.class.getResourceAsStream("/payloads/" + base)) {
			ObjectNode json = (ObjectNode) MAPPER.readTree(in);
			mutation.accept(json);
			return MAPPER.treeToValue(json, type);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Arguments rule(String name, String base, Consumer<ObjectNode> neighbour,
			Consumer<ObjectNode> breaking, String path) {
		return Arguments.of(name, base, neighbour, breaking, path);
	}

	private static Consumer<ObjectNode> set(String pointer, Object value) {
		return (root) -> {
			JsonPointer ptr = JsonPointer.compile(pointer.replace("@i18n@", "@i18n@"));
			JsonNode parent = root.at(ptr.head());
			JsonNode node = MAPPER.valueToTree(value);
			if (parent instanceof ArrayNode array) {
				array.set(ptr.last().getMatchingIndex(), node);
			}
			else {
				((ObjectNode) parent).set(ptr.last().getMatchingProperty(), node);
			}
		};
	}

	private static Consumer<ObjectNode> remove(String pointer) {
		return (root) -> {
			JsonPointer ptr = JsonPointer.compile(pointer);
			JsonNode parent = root.at(ptr.head());
			if (parent instanceof ArrayNode array) {
				array.remove(ptr.last().getMatchingIndex());
			}
			else {
				((ObjectNode) parent).remove(ptr.last().getMatchingProperty());
			}
		};
	}

	private static Consumer<ObjectNode> append(String arrayPointer, Object element) {
		return (root) -> ((ArrayNode) root.at(arrayPointer)).add(MAPPER.valueToTree(element));
	}

	private static Consumer<ObjectNode> add(String arrayPointer, String elementPointer) {
		return (root) -> ((ArrayNode) root.at(arrayPointer)).add(root.at(elementPointer).deepCopy());
	}

	private static Consumer<ObjectNode> summaries(int count) {
		return (root) -> {
			ArrayNode summaries = (ArrayNode) root.at("/content/summaries");
			summaries.removeAll();
			for (int i = 0; i < count; i++) {
				summaries.addObject().put("summary", "@i18n@" + (i % 3 + 2));
			}
		};
	}

}
