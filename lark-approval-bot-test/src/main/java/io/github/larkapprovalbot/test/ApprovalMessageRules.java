package io.github.larkapprovalbot.test;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The request rules of the approval bot endpoints, as the send and update pages document them (the seeds
 * {@code 001} and {@code 002}): the template table's required fields, the custom template 1021, actions, quick
 * approval and i18n resources.
 */
final class ApprovalMessageRules {

	static final String CUSTOM_TEMPLATE = "1021";

	/** The only template {@code message/update} can change. */
	static final String UPDATABLE_TEMPLATE = "1008";

	static final Set<String> LOCALES = Set.of("zh-CN", "en-US", "ja-JP");

	static final Set<String> STATUSES = Set.of("APPROVED", "REJECTED", "CANCELLED", "FORWARDED", "ROLLBACK", "ADD",
			"DELETED", "PROCESSED", "CUSTOM");

	/** The cards that support quick approval ("橘黄色的卡片"). */
	private static final Set<String> QUICK_APPROVAL = Set.of("1008", "1009", "1010", "1011", "1012", "1013", "1020",
			"1028");

	private static final String GENERAL = "approval_name summaries actions";

	private static final String TITLE_USER = "approval_name title_user_id summaries actions";

	private static final String COMMENT = TITLE_USER + " comment";

	/** The template table: each listed general template and its "必填字段". */
	private static final Map<String, String> REQUIRED = Map.ofEntries(Map.entry("1001", COMMENT),
			Map.entry("1002", TITLE_USER), Map.entry("1003", TITLE_USER), Map.entry("1004", COMMENT),
			Map.entry("1005", GENERAL), Map.entry("1006", GENERAL), Map.entry("1007", GENERAL),
			Map.entry("1008", TITLE_USER), Map.entry("1009", TITLE_USER), Map.entry("1010", TITLE_USER),
			Map.entry("1011", TITLE_USER), Map.entry("1012", TITLE_USER), Map.entry("1013", TITLE_USER),
			Map.entry("1015", TITLE_USER), Map.entry("1016", TITLE_USER), Map.entry("1017", COMMENT),
			Map.entry("1018", COMMENT), Map.entry("1019", TITLE_USER), Map.entry("1020", TITLE_USER),
			Map.entry("1024", GENERAL), Map.entry("1026", TITLE_USER), Map.entry("1027", COMMENT),
			Map.entry("1028", GENERAL));

	private static final int MAX_SUMMARIES = 5;

	private static final int MAX_ACTIONS = 2;

	private static final int MAX_UUID = 64;

	private ApprovalMessageRules() {
	}

	static boolean isTemplate(String templateId) {
		return REQUIRED.containsKey(templateId) || CUSTOM_TEMPLATE.equals(templateId);
	}

	static RuleViolations send(JsonNode body) {
		RuleViolations violations = new RuleViolations();
		Set<String> keys = new LinkedHashSet<>();
		String template = violations.required(body, "template_id", "template_id");
		if (template != null && !isTemplate(template)) {
			violations.add("template_id", "is not in the template table (1001-1013, 1015-1021, 1024, 1026-1028), was "
					+ template);
		}
		boolean custom = CUSTOM_TEMPLATE.equals(template);
		if (custom) {
			violations.required(body, "user_id", "user_id");
		}
		else if (blank(body, "user_id") && blank(body, "open_id")) {
			violations.add("user_id", "user_id or open_id is required");
		}
		JsonNode uuid = body.path("uuid");
		if (RuleViolations.present(body, "uuid") && (!uuid.isString() || uuid.asString().length() > MAX_UUID)) {
			violations.add("uuid", "must be a string of at most " + MAX_UUID + " characters");
		}
		violations.oneOf(body, "title_user_id_type", "title_user_id_type", Set.of("user_id", "open_id"));
		if (custom) {
			key(violations, keys, body, "custom_title", "custom_title", true);
			key(violations, keys, body, "custom_content", "custom_content", true);
			actions(violations, keys, body, false, true);
		}
		else if (template != null && REQUIRED.containsKey(template)) {
			Set<String> required = Set.of(REQUIRED.get(template).split(" "));
			key(violations, keys, body, "approval_name", "approval_name", true);
			if (required.contains("title_user_id")) {
				violations.required(body, "title_user_id", "title_user_id");
			}
			key(violations, keys, body, "comment", "comment", required.contains("comment"));
			content(violations, keys, body.path("content"));
			actions(violations, keys, body, true, false);
		}
		key(violations, keys, body, "note", "note", false);
		quickApproval(violations, keys, body, template);
		i18n(violations, keys, body);
		return violations;
	}

	static RuleViolations update(JsonNode body) {
		RuleViolations violations = new RuleViolations();
		Set<String> keys = new LinkedHashSet<>();
		violations.required(body, "message_id", "message_id");
		String status = violations.required(body, "status", "status");
		violations.oneOf(body, "status", "status", STATUSES);
		for (String name : new String[] { "status_name", "detail_action_name" }) {
			if (RuleViolations.present(body, name) && !"CUSTOM".equals(status)) {
				violations.add(name, "only applies when status is CUSTOM");
			}
			key(violations, keys, body, name, name, false);
		}
		i18n(violations, keys, body);
		return violations;
	}

	private static void content(RuleViolations violations, Set<String> keys, JsonNode content) {
		JsonNode summaries = content.path("summaries");
		if (!summaries.isArray() || summaries.isEmpty()) {
			violations.add("content.summaries", "is required (at least one summary)");
		}
		else if (summaries.size() > MAX_SUMMARIES) {
			violations.add("content.summaries", "holds at most " + MAX_SUMMARIES + ", had " + summaries.size());
		}
		for (int i = 0; i < summaries.size(); i++) {
			key(violations, keys, summaries.get(i), "summary", "content.summaries[" + i + "].summary", true);
		}
		if (!blank(content, "user_id")) {
			// "如果传入user_id，则department_id要必填"
			violations.required(content, "department_id", "content.department_id");
		}
		violations.oneOf(content, "user_id_type", "content.user_id_type", Set.of("user_id", "open_id"));
		key(violations, keys, content, "user_name", "content.user_name", false);
		key(violations, keys, content, "department_name", "content.department_name", false);
	}

	private static void actions(RuleViolations violations, Set<String> keys, JsonNode body, boolean required,
			boolean custom) {
		JsonNode actions = body.path("actions");
		if (!actions.isArray() || actions.isEmpty()) {
			if (required) {
				violations.add("actions", "is required (the first one is DETAIL)");
			}
			return;
		}
		if (actions.size() > MAX_ACTIONS) {
			violations.add("actions", "holds at most " + MAX_ACTIONS + ", had " + actions.size());
		}
		for (int i = 0; i < actions.size(); i++) {
			JsonNode action = actions.get(i);
			String field = "actions[" + i + "]";
			if (i == 0 && !custom) {
				if (!"DETAIL".equals(RuleViolations.text(action, "action_name"))) {
					violations.add(field + ".action_name", "the first action must be DETAIL");
				}
			}
			else {
				key(violations, keys, action, "action_name", field + ".action_name", true);
			}
			for (String url : new String[] { "url", "android_url", "ios_url", "pc_url" }) {
				violations.httpUrl(action, url, field + "." + url);
			}
		}
	}

	private static void quickApproval(RuleViolations violations, Set<String> keys, JsonNode body,
			@Nullable String template) {
		boolean supported = template != null && QUICK_APPROVAL.contains(template);
		JsonNode configs = body.path("action_configs");
		JsonNode callback = body.path("action_callback");
		if (!supported) {
			for (String name : new String[] { "action_configs", "action_callback" }) {
				if (RuleViolations.present(body, name) && template != null && isTemplate(template)) {
					violations.add(name, "template " + template + " does not support quick approval");
				}
			}
			return;
		}
		if (!configs.isArray() || configs.isEmpty()) {
			violations.add("action_configs", "is required by template " + template);
		}
		Set<String> types = new HashSet<>();
		for (int i = 0; i < configs.size(); i++) {
			JsonNode config = configs.get(i);
			String field = "action_configs[" + i + "]";
			String type = violations.required(config, "action_type", field + ".action_type");
			if (type != null && !types.add(type)) {
				violations.add(field + ".action_type", type + " appears twice");
			}
			boolean named = "APPROVE".equals(type) || "REJECT".equals(type);
			key(violations, keys, config, "action_name", field + ".action_name", type != null && !named);
			violations.oneOf(config, "next_status", field + ".next_status", STATUSES);
			for (String flag : new String[] { "is_need_reason", "is_reason_required", "is_need_attachment" }) {
				if (RuleViolations.present(config, flag) && !config.path(flag).isBoolean()) {
					violations.add(field + "." + flag, "must be true or false");
				}
			}
		}
		if (!callback.isObject()) {
			violations.add("action_callback", "is required by template " + template);
		}
		else {
			violations.httpUrl(callback, "action_callback_url", "action_callback.action_callback_url");
		}
	}

	private static void i18n(RuleViolations violations, Set<String> keys, JsonNode body) {
		JsonNode resources = body.path("i18n_resources");
		if (!resources.isArray() || resources.isEmpty()) {
			violations.add("i18n_resources", "is required");
			return;
		}
		JsonNode defaults = null;
		Set<String> locales = new HashSet<>();
		for (int i = 0; i < resources.size(); i++) {
			JsonNode resource = resources.get(i);
			String field = "i18n_resources[" + i + "]";
			String locale = violations.required(resource, "locale", field + ".locale");
			if (locale != null && !LOCALES.contains(locale)) {
				violations.add(field + ".locale", "must be one of zh-CN, en-US, ja-JP, was " + locale);
			}
			if (locale != null && !locales.add(locale)) {
				violations.add(field + ".locale", locale + " appears twice");
			}
			JsonNode isDefault = resource.path("is_default");
			if (!isDefault.isBoolean()) {
				violations.add(field + ".is_default", "is required (true or false)");
			}
			else if (isDefault.asBoolean()) {
				if (defaults != null) {
					violations.add(field + ".is_default", "only one locale can be the default");
				}
				defaults = resource;
			}
			JsonNode texts = resource.path("texts");
			if (!texts.isObject()) {
				violations.add(field + ".texts", "is required (a map of i18n keys to texts)");
				continue;
			}
			for (Map.Entry<String, JsonNode> text : texts.properties()) {
				if (!text.getKey().startsWith(RuleViolations.I18N_PREFIX)) {
					violations.add(field + ".texts", "key " + text.getKey() + " must start with "
							+ RuleViolations.I18N_PREFIX);
				}
				if (!text.getValue().isString()) {
					violations.add(field + ".texts." + text.getKey(), "must be a string");
				}
				// "默认语言需要包含所有key": a key another locale has is one of all keys.
				keys.add(text.getKey());
			}
		}
		if (defaults == null) {
			violations.add("i18n_resources", "one locale must be the default (is_default: true)");
			return;
		}
		for (String key : keys) {
			if (!defaults.path("texts").has(key)) {
				violations.add("i18n_resources", "the default locale " + defaults.path("locale").asString("")
						+ " must hold every key; it has no text for " + key);
			}
		}
	}

	private static void key(RuleViolations violations, Set<String> keys, JsonNode parent, String name, String field,
			boolean required) {
		if (required && !RuleViolations.present(parent, name)) {
			violations.add(field, "is required");
			return;
		}
		String key = violations.i18nKey(parent, name, field);
		if (key != null) {
			keys.add(key);
		}
	}

	private static boolean blank(JsonNode parent, String name) {
		String value = RuleViolations.text(parent, name);
		return value == null || value.isBlank();
	}

}
