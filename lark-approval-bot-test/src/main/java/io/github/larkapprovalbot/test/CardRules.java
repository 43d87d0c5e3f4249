package io.github.larkapprovalbot.test;

import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The request rules of a card patch (seed {@code 003} and the card JSON pages) and of a helpdesk bot message (seed
 * {@code 004} and the message content page).
 */
final class CardRules {

	/** "更新的卡片消息最大不能超过 30 KB". */
	static final int PATCH_LIMIT_BYTES = 30 * 1024;

	/** "在消息发送后的 14 天内允许更新消息内容". */
	static final int PATCH_WINDOW_DAYS = 14;

	static final Set<String> HELPDESK_MESSAGE_TYPES = Set.of("text", "post", "image", "interactive");

	static final Set<String> USER_ID_TYPES = Set.of("open_id", "union_id", "user_id");

	private static final Pattern POST_LOCALE = Pattern.compile("[a-z]{2}_[a-z]{2}");

	private CardRules() {
	}

	static boolean isSchema2(JsonNode card) {
		return "2.0".equals(RuleViolations.text(card, "schema"));
	}

	/** A card built with the card builder tool, sent by reference: its own settings are not in the request. */
	static boolean isTemplateReference(JsonNode card) {
		return "template".equals(RuleViolations.text(card, "type")) && card.path("data").isObject();
	}

	/**
	 * Whether a card can be updated for everyone who sees it: 1.0 cards must say {@code config.update_multi: true}
	 * (its default is false); 2.0 cards default to, and only support, true.
	 */
	static boolean updatesForAll(JsonNode card) {
		if (isTemplateReference(card)) {
			return true;
		}
		JsonNode updateMulti = card.at("/config/update_multi");
		return isSchema2(card) ? !updateMulti.isBoolean() || updateMulti.asBoolean() : updateMulti.asBoolean(false);
	}

	/** Checks a helpdesk body whose {@code content} parsed as {@code content}; null content means it did not. */
	static RuleViolations helpdesk(JsonNode body, @Nullable JsonNode content, @Nullable String userIdType) {
		RuleViolations violations = new RuleViolations();
		if (userIdType != null && !USER_ID_TYPES.contains(userIdType)) {
			violations.add("user_id_type", "must be one of " + USER_ID_TYPES + ", was " + userIdType);
		}
		String type = violations.required(body, "msg_type", "msg_type");
		violations.oneOf(body, "msg_type", "msg_type", HELPDESK_MESSAGE_TYPES);
		violations.required(body, "receiver_id", "receiver_id");
		violations.oneOf(body, "receive_type", "receive_type", Set.of("chat", "user"));
		if (content == null) {
			violations.add("content", "is required: the message content as a serialized JSON object");
			return violations;
		}
		if ("text".equals(type)) {
			violations.required(content, "text", "content.text");
		}
		else if ("image".equals(type)) {
			violations.required(content, "image_key", "content.image_key");
		}
		else if ("post".equals(type)) {
			post(violations, content);
		}
		else if ("interactive".equals(type) && isSchema2(content)) {
			violations.add("content", "card JSON 2.0 is not supported by the helpdesk");
		}
		return violations;
	}

	/** The helpdesk's post form: {@code {"post":{"zh_cn":{"title":...,"content":[[{"tag":...}]]}}}}. */
	private static void post(RuleViolations violations, JsonNode content) {
		JsonNode post = content.path("post");
		if (!post.isObject() || post.isEmpty()) {
			violations.add("content.post", "is required: the helpdesk takes a post as {\"post\":{\"zh_cn\":{...}}}");
			return;
		}
		for (Map.Entry<String, JsonNode> locale : post.properties()) {
			String field = "content.post." + locale.getKey();
			if (!POST_LOCALE.matcher(locale.getKey()).matches()) {
				violations.add(field, "locale keys are lower case with an underscore, such as zh_cn");
			}
			JsonNode paragraphs = locale.getValue().path("content");
			if (!paragraphs.isArray()) {
				violations.add(field + ".content", "is required: a list of paragraphs");
				continue;
			}
			for (int i = 0; i < paragraphs.size(); i++) {
				JsonNode paragraph = paragraphs.get(i);
				if (!paragraph.isArray()) {
					violations.add(field + ".content[" + i + "]", "must be a list of elements");
					continue;
				}
				for (int j = 0; j < paragraph.size(); j++) {
					String tag = RuleViolations.text(paragraph.get(j), "tag");
					if (tag == null) {
						violations.add(field + ".content[" + i + "][" + j + "].tag", "is required");
					}
					else if (("img".equals(tag) || "media".equals(tag)) && paragraph.size() > 1) {
						violations.add(field + ".content[" + i + "]", tag + " must be alone in its paragraph");
					}
				}
			}
		}
	}

}
