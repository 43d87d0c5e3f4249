package io.github.larkapprovalbot.test;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The request rules of the approval center's endpoints (三方审批, {@code approval/v4/external_*}), as their pages
 * document them: a definition's and an instance's required fields, their tasks and CCs, the value sets, times as Unix
 * milliseconds in strings, i18n resources whose {@code texts} are arrays of {@code {key, value}}, and the bodies of
 * {@code check} and {@code external_tasks}.
 */
final class ApprovalCenterRules {

	/** A definition's locales ("zh-CN, en-US, ja-JP"). */
	static final Set<String> DEFINITION_LOCALES = Set.of("zh-CN", "en-US", "ja-JP");

	/** An instance's locales: the instance page lists sixteen. */
	static final Set<String> INSTANCE_LOCALES = Set.of("zh-CN", "en-US", "ja-JP", "zh-HK", "zh-TW", "de-DE", "es-ES",
			"fr-FR", "id-ID", "it-IT", "ko-KR", "pt-BR", "th-TH", "vi-VN", "ms-MY", "ru-RU");

	static final Set<String> INSTANCE_STATUSES = Set.of("PENDING", "APPROVED", "REJECTED", "CANCELED", "DELETED",
			"HIDDEN", "TERMINATED");

	static final Set<String> TASK_STATUSES = Set.of("PENDING", "APPROVED", "REJECTED", "TRANSFERRED", "DONE");

	private static final Set<String> DISPLAY_METHODS = Set.of("BROWSER", "SIDEBAR", "NORMAL", "TRUSTEESHIP");

	private static final Set<String> VIEWER_TYPES = Set.of("TENANT", "DEPARTMENT", "USER", "NONE");

	private static final Set<String> EXTERNAL_FLAGS = Set.of("support_pc", "support_mobile", "support_batch_read",
			"enable_mark_readed", "enable_quick_operate", "allow_batch_operate", "exclude_efficiency_statistics");

	private static final Pattern MILLIS = Pattern.compile("[0-9]{1,18}");

	private static final int MAX_GROUP_CODE = 128;

	private static final int MAX_VIEWERS = 200;

	private static final int MAX_MANAGERS = 200;

	private static final int MAX_TASKS = 300;

	private static final int MAX_CCS = 200;

	private static final int MAX_ACTIONS = 2;

	private static final int MAX_FORM_LENGTH = 2048;

	/** "最大长度：20", for approval_codes and instance_ids. */
	private static final int MAX_FILTER = 20;

	private static final JsonMapper JSON = JsonMapper.shared();

	private ApprovalCenterRules() {
	}

	static RuleViolations definition(JsonNode body) {
		RuleViolations violations = new RuleViolations();
		Set<String> keys = new LinkedHashSet<>();
		key(violations, keys, body, "approval_name", "approval_name", true);
		violations.required(body, "approval_code", "approval_code");
		String group = violations.required(body, "group_code", "group_code");
		if (group != null && group.length() > MAX_GROUP_CODE) {
			violations.add("group_code", "holds at most " + MAX_GROUP_CODE + " characters");
		}
		key(violations, keys, body, "group_name", "group_name", false);
		key(violations, keys, body, "description", "description", false);
		JsonNode external = body.path("external");
		if (!external.isObject()) {
			violations.add("external", "is required");
		}
		else {
			key(violations, keys, external, "biz_name", "external.biz_name", false);
			for (String flag : EXTERNAL_FLAGS) {
				flag(violations, external, flag, "external." + flag);
			}
			if (external.path("support_pc").isBoolean() && !external.path("support_pc").asBoolean()
					&& external.path("support_mobile").isBoolean() && !external.path("support_mobile").asBoolean()) {
				violations.add("external.support_mobile", "support_pc and support_mobile must not both be false");
			}
			if (RuleViolations.present(external, "action_callback_url")) {
				violations.httpUrl(external, "action_callback_url", "external.action_callback_url");
			}
		}
		if (array(violations, body, "viewers", "viewers", MAX_VIEWERS)) {
			JsonNode viewers = body.path("viewers");
			for (int i = 0; i < viewers.size(); i++) {
				viewer(violations, viewers.get(i), "viewers[" + i + "]");
			}
		}
		if (array(violations, body, "managers", "managers", MAX_MANAGERS)) {
			strings(violations, body.path("managers"), "managers");
		}
		i18n(violations, keys, body, DEFINITION_LOCALES);
		return violations;
	}

	private static void viewer(RuleViolations violations, JsonNode viewer, String field) {
		String type = violations.required(viewer, "viewer_type", field + ".viewer_type");
		violations.oneOf(viewer, "viewer_type", field + ".viewer_type", VIEWER_TYPES);
		if ("USER".equals(type)) {
			violations.required(viewer, "viewer_user_id", field + ".viewer_user_id");
		}
		if ("DEPARTMENT".equals(type)) {
			violations.required(viewer, "viewer_department_id", field + ".viewer_department_id");
		}
	}

	static RuleViolations instance(JsonNode body) {
		RuleViolations violations = new RuleViolations();
		Set<String> keys = new LinkedHashSet<>();
		Map<String, String> ids = new HashMap<>();
		violations.required(body, "approval_code", "approval_code");
		unique(violations, ids, violations.required(body, "instance_id", "instance_id"), "instance_id");
		required(violations, body, "status", "status", INSTANCE_STATUSES);
		violations.oneOf(body, "display_method", "display_method", DISPLAY_METHODS);
		violations.oneOf(body, "update_mode", "update_mode", Set.of("REPLACE", "UPDATE"));
		links(violations, body, "links");
		person(violations, body, "");
		extra(violations, body, "extra");
		for (String name : new String[] { "title", "user_name", "department_id", "department_name" }) {
			text(violations, keys, body, name, name);
		}
		for (String name : new String[] { "start_time", "end_time", "update_time" }) {
			millis(violations, body, name, name, true);
		}
		if (array(violations, body, "form", "form", Integer.MAX_VALUE)) {
			JsonNode form = body.path("form");
			for (int i = 0; i < form.size(); i++) {
				text(violations, keys, form.get(i), "name", "form[" + i + "].name");
				text(violations, keys, form.get(i), "value", "form[" + i + "].value");
			}
			if (form.toString().length() > MAX_FORM_LENGTH) {
				violations.add("form", "holds at most " + MAX_FORM_LENGTH + " characters");
			}
		}
		if (array(violations, body, "task_list", "task_list", MAX_TASKS)) {
			JsonNode tasks = body.path("task_list");
			for (int i = 0; i < tasks.size(); i++) {
				task(violations, keys, ids, tasks.get(i), "task_list[" + i + "]");
			}
		}
		if (array(violations, body, "cc_list", "cc_list", MAX_CCS)) {
			JsonNode ccs = body.path("cc_list");
			for (int i = 0; i < ccs.size(); i++) {
				cc(violations, keys, ids, ccs.get(i), "cc_list[" + i + "]");
			}
		}
		i18n(violations, keys, body, INSTANCE_LOCALES);
		return violations;
	}

	private static void task(RuleViolations violations, Set<String> keys, Map<String, String> ids, JsonNode task,
			String field) {
		unique(violations, ids, violations.required(task, "task_id", field + ".task_id"), field + ".task_id");
		person(violations, task, field + ".");
		links(violations, task, field + ".links");
		required(violations, task, "status", field + ".status", TASK_STATUSES);
		extra(violations, task, field + ".extra");
		text(violations, keys, task, "title", field + ".title");
		text(violations, keys, task, "node_name", field + ".node_name");
		millis(violations, task, "create_time", field + ".create_time", true);
		millis(violations, task, "end_time", field + ".end_time", true);
		millis(violations, task, "update_time", field + ".update_time", false);
		violations.oneOf(task, "display_method", field + ".display_method", DISPLAY_METHODS);
		// "默认情况，可不填，但是不要填空字符串"
		violations.oneOf(task, "generate_type", field + ".generate_type", Set.of("EXTERNAL_CONSIGN", "DEFAULT"));
		flag(violations, task, "exclude_statistics", field + ".exclude_statistics");
		if (!array(violations, task, "action_configs", field + ".action_configs", MAX_ACTIONS)) {
			return;
		}
		JsonNode configs = task.path("action_configs");
		Set<String> types = new HashSet<>();
		for (int i = 0; i < configs.size(); i++) {
			JsonNode config = configs.get(i);
			String at = field + ".action_configs[" + i + "]";
			String type = violations.required(config, "action_type", at + ".action_type");
			if (type != null && !types.add(type)) {
				violations.add(at + ".action_type", type + " appears twice");
			}
			boolean named = "APPROVE".equals(type) || "REJECT".equals(type);
			key(violations, keys, config, "action_name", at + ".action_name", type != null && !named);
			for (String flag : new String[] { "is_need_reason", "is_reason_required", "is_need_attachment" }) {
				flag(violations, config, flag, at + "." + flag);
			}
		}
	}

	private static void cc(RuleViolations violations, Set<String> keys, Map<String, String> ids, JsonNode cc,
			String field) {
		unique(violations, ids, violations.required(cc, "cc_id", field + ".cc_id"), field + ".cc_id");
		person(violations, cc, field + ".");
		links(violations, cc, field + ".links");
		required(violations, cc, "read_status", field + ".read_status", Set.of("READ", "UNREAD"));
		extra(violations, cc, field + ".extra");
		text(violations, keys, cc, "title", field + ".title");
		millis(violations, cc, "create_time", field + ".create_time", true);
		millis(violations, cc, "update_time", field + ".update_time", true);
		violations.oneOf(cc, "display_method", field + ".display_method", DISPLAY_METHODS);
	}

	static RuleViolations check(JsonNode body) {
		RuleViolations violations = new RuleViolations();
		JsonNode instances = body.path("instances");
		if (!instances.isArray() || instances.isEmpty()) {
			violations.add("instances", "is required (at least one instance)");
			return violations;
		}
		for (int i = 0; i < instances.size(); i++) {
			JsonNode instance = instances.get(i);
			String field = "instances[" + i + "]";
			violations.required(instance, "instance_id", field + ".instance_id");
			millis(violations, instance, "update_time", field + ".update_time", true);
			if (array(violations, instance, "tasks", field + ".tasks", Integer.MAX_VALUE)) {
				JsonNode tasks = instance.path("tasks");
				for (int j = 0; j < tasks.size(); j++) {
					violations.required(tasks.get(j), "task_id", field + ".tasks[" + j + "].task_id");
					millis(violations, tasks.get(j), "update_time", field + ".tasks[" + j + "].update_time", true);
				}
			}
		}
		return violations;
	}

	/** The body of {@code external_tasks}: instance ids alone, or approval codes with a status (and user ids). */
	static RuleViolations taskQuery(JsonNode body) {
		RuleViolations violations = new RuleViolations();
		boolean codes = filter(violations, body, "approval_codes", MAX_FILTER);
		boolean instances = filter(violations, body, "instance_ids", MAX_FILTER);
		boolean users = filter(violations, body, "user_ids", Integer.MAX_VALUE);
		violations.oneOf(body, "status", "status", TASK_STATUSES);
		boolean status = RuleViolations.present(body, "status");
		if (!(instances && !codes && !users && !status) && !(codes && !instances && status)) {
			violations.add(instances ? "instance_ids" : "approval_codes", "must be instance_ids alone, approval_codes "
					+ "with status, or approval_codes with user_ids and status");
		}
		return violations;
	}

	/** A list filter of {@code external_tasks}; returns whether it is given and not empty. */
	private static boolean filter(RuleViolations violations, JsonNode body, String name, int max) {
		if (!array(violations, body, name, name, max)) {
			return false;
		}
		strings(violations, body.path(name), name);
		return !body.path(name).isEmpty();
	}

	private static void i18n(RuleViolations violations, Set<String> keys, JsonNode body, Set<String> allowed) {
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
			if (locale != null && !allowed.contains(locale)) {
				violations.add(field + ".locale", "must be one of " + allowed + ", was " + locale);
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
			if (!texts.isArray()) {
				violations.add(field + ".texts", "is required (an array of {key, value}, not a map)");
				continue;
			}
			for (int j = 0; j < texts.size(); j++) {
				JsonNode text = texts.get(j);
				if (!text.path("value").isString()) {
					violations.add(field + ".texts[" + j + "].value", "must be a string");
				}
				// "默认语言需要包含所有key": a key another locale has is one of all keys.
				key(violations, keys, text, "key", field + ".texts[" + j + "].key", true);
			}
		}
		if (defaults == null) {
			violations.add("i18n_resources", "one locale must be the default (is_default: true)");
			return;
		}
		Set<String> defined = new HashSet<>();
		for (JsonNode text : defaults.path("texts")) {
			defined.add(text.path("key").asString(""));
		}
		for (String key : keys) {
			if (!defined.contains(key)) {
				violations.add("i18n_resources", "the default locale " + defaults.path("locale").asString("")
						+ " must hold every key; it has no text for " + key);
			}
		}
	}

	/** An id the instance's own ids must not repeat ("实例、任务、抄送 ID 在审批实例内的唯一性"). */
	private static void unique(RuleViolations violations, Map<String, String> ids, @Nullable String id, String field) {
		String other = (id != null) ? ids.putIfAbsent(id, field) : null;
		if (other != null) {
			violations.add(field, "must be unique across the instance, its tasks and its CCs: '" + id + "' is also "
					+ other);
		}
	}

	/** The initiator, an approver or a CC'd person: by user_id, open_id or both. */
	private static void person(RuleViolations violations, JsonNode parent, String prefix) {
		String userId = RuleViolations.text(parent, "user_id");
		String openId = RuleViolations.text(parent, "open_id");
		if ((userId == null || userId.isBlank()) && (openId == null || openId.isBlank())) {
			violations.add(prefix + "user_id", "user_id or open_id is required");
		}
	}

	private static void links(RuleViolations violations, JsonNode parent, String field) {
		JsonNode links = parent.path("links");
		if (!links.isObject()) {
			violations.add(field, "is required (pc_link, mobile_link)");
			return;
		}
		violations.httpUrl(links, "pc_link", field + ".pc_link");
		if (RuleViolations.present(links, "mobile_link")) {
			violations.httpUrl(links, "mobile_link", field + ".mobile_link");
		}
	}

	private static void required(RuleViolations violations, JsonNode parent, String name, String field,
			Set<String> values) {
		if (!RuleViolations.present(parent, name)) {
			violations.add(field, "is required");
		}
		violations.oneOf(parent, name, field, values);
	}

	/** "Times are Unix milliseconds as strings". */
	private static void millis(RuleViolations violations, JsonNode parent, String name, String field,
			boolean required) {
		JsonNode node = parent.path(name);
		if (node.isMissingNode() || node.isNull()) {
			if (required) {
				violations.add(field, "is required");
			}
			return;
		}
		if (!node.isString() || !MILLIS.matcher(node.asString()).matches()) {
			violations.add(field, "must be Unix milliseconds in a string, such as \"1700000000000\", was " + node);
		}
	}

	/** {@code extra}: a JSON object in a string, or empty. */
	private static void extra(RuleViolations violations, JsonNode parent, String field) {
		JsonNode node = parent.path("extra");
		if (node.isMissingNode() || node.isNull()) {
			return;
		}
		if (!node.isString()) {
			violations.add(field, "must be a JSON object in a string, was " + node);
			return;
		}
		if (!node.asString().isBlank()) {
			try {
				if (!JSON.readTree(node.asString()).isObject()) {
					violations.add(field, "must be a JSON object in a string");
				}
			}
			catch (JacksonException ex) {
				violations.add(field, "must be a JSON object in a string");
			}
		}
	}

	/** A text that, when present, is a string; an i18n key in it needs a text in the default locale. */
	private static void text(RuleViolations violations, Set<String> keys, JsonNode parent, String name, String field) {
		JsonNode node = parent.path(name);
		if (node.isMissingNode() || node.isNull()) {
			return;
		}
		if (!node.isString()) {
			violations.add(field, "must be a string, was " + node);
		}
		else if (node.asString().startsWith(RuleViolations.I18N_PREFIX)) {
			keys.add(node.asString());
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

	private static void flag(RuleViolations violations, JsonNode parent, String name, String field) {
		if (RuleViolations.present(parent, name) && !parent.path(name).isBoolean()) {
			violations.add(field, "must be true or false");
		}
	}

	/** An optional array of at most {@code max} elements; returns whether it is there and valid. */
	private static boolean array(RuleViolations violations, JsonNode parent, String name, String field, int max) {
		if (!RuleViolations.present(parent, name)) {
			return false;
		}
		JsonNode node = parent.path(name);
		if (!node.isArray()) {
			violations.add(field, "must be an array");
			return false;
		}
		if (node.size() > max) {
			violations.add(field, "holds at most " + max + ", had " + node.size());
			return false;
		}
		return true;
	}

	private static void strings(RuleViolations violations, JsonNode array, String field) {
		for (int i = 0; i < array.size(); i++) {
			if (!array.get(i).isString() || array.get(i).asString().isBlank()) {
				violations.add(field + "[" + i + "]", "must be a non-empty string");
			}
		}
	}

}
