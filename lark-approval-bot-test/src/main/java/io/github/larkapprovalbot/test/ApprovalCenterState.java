package io.github.larkapprovalbot.test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The approval center (三方审批) of each app, without HTTP: its definitions and the instances synced to them, with
 * their tasks and CCs, under the documented rules (REPLACE and UPDATE, {@code update_time} compared level by level,
 * ids unique across instances, tasks and CCs), the {@code check} and {@code external_tasks} answers, and the
 * quick-approval callback of a task. Each app has its own, as each app has its own at Lark. Thread-safe: one lock, as
 * the center's calls are few.
 */
final class ApprovalCenterState {

	/** The endpoints of the approval center. */
	static final Set<SandboxRequest.Endpoint> ENDPOINTS = EnumSet.of(SandboxRequest.Endpoint.EXTERNAL_APPROVAL_CREATE,
			SandboxRequest.Endpoint.EXTERNAL_APPROVAL_GET, SandboxRequest.Endpoint.EXTERNAL_INSTANCE_SYNC,
			SandboxRequest.Endpoint.EXTERNAL_INSTANCE_CHECK, SandboxRequest.Endpoint.EXTERNAL_TASK_LIST);

	/** "param is invalid". */
	static final int INVALID = 1390001;

	/** "approval code not found". */
	static final int NOT_FOUND = 1390002;

	private static final int DEFAULT_PAGE_SIZE = 50;

	private static final int MAX_PAGE_SIZE = 500;

	/** What UPDATE never changes, at each level: the stored values stay. */
	private static final List<String> FIXED_INSTANCE_FIELDS = List.of("approval_code", "instance_id",
			"department_id", "department_name");

	private static final List<String> FIXED_TASK_FIELDS = List.of("task_id", "user_id", "open_id", "create_time",
			"node_id", "node_name");

	private static final List<String> FIXED_CC_FIELDS = List.of("cc_id", "user_id", "open_id", "create_time");

	/** The tasks each list of the center shows to their approver; DONE tasks are hidden from them. */
	private static final Set<String> DONE_STATUSES = Set.of("APPROVED", "REJECTED", "TRANSFERRED");

	private final JsonMapper json = JsonMapper.shared();

	private final Consumer<String> changes;

	/** Each app's center, by app id, in the order they were first used; guarded by this. */
	private final Map<String, Tenant> tenants = new LinkedHashMap<>();

	/** Numbers Lark's internal {@code approval_id}s; guarded by this. */
	private long approvalIds;

	ApprovalCenterState(Consumer<String> changes) {
		this.changes = changes;
	}

	// --- definitions ---

	/** Creates or updates a definition by its {@code approval_code}. */
	Reply define(String appId, JsonNode body) {
		RuleViolations violations = ApprovalCenterRules.definition(body);
		if (!violations.isEmpty()) {
			return invalid(violations.toString());
		}
		String code = String.valueOf(RuleViolations.text(body, "approval_code"));
		String group = String.valueOf(RuleViolations.text(body, "group_code"));
		synchronized (this) {
			Tenant tenant = tenant(appId);
			if (!tenant.groups.contains(group) && !RuleViolations.present(body, "group_name")) {
				return invalid("group_name: is required when the group " + group + " is new");
			}
			tenant.groups.add(group);
			Definition existing = tenant.definitions.get(code);
			String approvalId = (existing != null) ? existing.approvalId : "sandbox-approval-" + (++this.approvalIds);
			tenant.definitions.put(code, new Definition(body.deepCopy(), approvalId));
		}
		this.changes.accept("center");
		return Reply.data(Map.of("approval_code", code));
	}

	/** A definition as it was given, the callback token and key included, as Lark answers it. */
	synchronized Reply definition(String appId, String approvalCode) {
		Tenant tenant = this.tenants.get(appId);
		Definition definition = (tenant != null) ? tenant.definitions.get(approvalCode) : null;
		return (definition != null) ? Reply.data(definition.json) : notFound();
	}

	// --- instances ---

	/** Syncs an instance with its tasks and CCs, in its {@code update_mode}. */
	Reply sync(String appId, JsonNode body) {
		RuleViolations violations = ApprovalCenterRules.instance(body);
		if (!violations.isEmpty()) {
			return invalid(violations.toString());
		}
		String code = String.valueOf(RuleViolations.text(body, "approval_code"));
		String id = String.valueOf(RuleViolations.text(body, "instance_id"));
		boolean update = "UPDATE".equals(RuleViolations.text(body, "update_mode"));
		ObjectNode payload = normalized(body);
		ObjectNode stored;
		synchronized (this) {
			Tenant tenant = tenant(appId);
			if (!tenant.definitions.containsKey(code)) {
				return notFound();
			}
			ObjectNode existing = tenant.instances.get(id);
			String collision = tenant.collision(id, payload, update && existing != null);
			if (collision != null) {
				return invalid(collision);
			}
			if (existing == null) {
				stored = payload;
			}
			else {
				stored = update ? updated(existing, payload) : replaced(existing, payload);
				tenant.unindex(existing);
			}
			tenant.instances.put(id, stored);
			tenant.index(stored);
		}
		this.changes.accept("center");
		// Stored instances are never changed in place: a sync stores a new one.
		return Reply.data(Map.of("data", stored));
	}

	/** The instance with empty task and CC lists when it has none, without the request's {@code update_mode}. */
	private ObjectNode normalized(JsonNode body) {
		ObjectNode instance = (ObjectNode) body.deepCopy();
		instance.remove("update_mode");
		for (String list : new String[] { "task_list", "cc_list" }) {
			if (!instance.path(list).isArray()) {
				instance.putArray(list);
			}
		}
		return instance;
	}

	/** REPLACE: the payload as it is, without its {@code update_time} compared, but the code never changes. */
	private static ObjectNode replaced(ObjectNode existing, ObjectNode payload) {
		ObjectNode instance = payload.deepCopy();
		instance.set("approval_code", existing.path("approval_code"));
		return instance;
	}

	/**
	 * UPDATE: each level (the instance, each task, each CC) is applied only when its {@code update_time} is after the
	 * stored one ("需要大于上次同步的时间"); a new task or CC is added, an absent one stays.
	 */
	private ObjectNode updated(ObjectNode existing, ObjectNode payload) {
		ObjectNode instance;
		if (millis(payload, "update_time") > millis(existing, "update_time")) {
			instance = payload.deepCopy();
			keep(instance, existing, FIXED_INSTANCE_FIELDS);
		}
		else {
			instance = existing.deepCopy();
		}
		instance.set("task_list", updated(existing.path("task_list"), payload.path("task_list"), "task_id",
				FIXED_TASK_FIELDS));
		instance.set("cc_list", updated(existing.path("cc_list"), payload.path("cc_list"), "cc_id", FIXED_CC_FIELDS));
		return instance;
	}

	private ArrayNode updated(JsonNode existing, JsonNode payload, String idField, List<String> fixed) {
		Map<String, JsonNode> byId = new LinkedHashMap<>();
		for (JsonNode item : existing) {
			byId.put(item.path(idField).asString(), item);
		}
		for (JsonNode item : payload) {
			String id = item.path(idField).asString();
			JsonNode stored = byId.get(id);
			if (stored == null) {
				byId.put(id, item);
			}
			else if (millis(item, "update_time") > millis(stored, "update_time")) {
				ObjectNode applied = (ObjectNode) item.deepCopy();
				keep(applied, stored, fixed);
				byId.put(id, applied);
			}
		}
		ArrayNode list = this.json.createArrayNode();
		byId.values().forEach((item) -> list.add(item.deepCopy()));
		return list;
	}

	/** Puts back the stored values of the fields an update cannot change, absent ones included. */
	private static void keep(ObjectNode target, JsonNode stored, List<String> fields) {
		for (String field : fields) {
			if (stored.has(field)) {
				target.set(field, stored.get(field));
			}
			else {
				target.remove(field);
			}
		}
	}

	/** Which requested instances Lark lacks or holds at another {@code update_time}, with Lark's times. */
	Reply check(String appId, JsonNode body) {
		RuleViolations violations = ApprovalCenterRules.check(body);
		if (!violations.isEmpty()) {
			return invalid(violations.toString());
		}
		ArrayNode diffs = this.json.createArrayNode();
		synchronized (this) {
			Tenant tenant = this.tenants.get(appId);
			for (JsonNode requested : body.path("instances")) {
				String id = requested.path("instance_id").asString();
				ObjectNode stored = (tenant != null) ? tenant.instances.get(id) : null;
				boolean differs = stored == null || millis(stored, "update_time") != millis(requested, "update_time");
				ObjectNode diff = this.json.createObjectNode()
					.put("instance_id", id)
					.put("update_time", (stored != null) ? stored.path("update_time").asString() : "0");
				ArrayNode tasks = diff.putArray("tasks");
				for (JsonNode task : requested.path("tasks")) {
					String taskId = task.path("task_id").asString();
					JsonNode storedTask = (stored != null) ? find(stored.path("task_list"), "task_id", taskId) : null;
					String time = (storedTask != null) ? storedTask.path("update_time").asString("0") : "0";
					differs |= millis(task, "update_time") != parse(time);
					tasks.addObject().put("task_id", taskId).put("update_time", time);
				}
				if (differs) {
					diffs.add(diff);
				}
			}
		}
		return Reply.data(Map.of("diff_instances", diffs));
	}

	/**
	 * One page of the app's instances that match the query, with their matching tasks: every task of the given
	 * instances, or the tasks in the status (of the approvers, when given) of the given definitions.
	 */
	Reply tasks(String appId, JsonNode body, @Nullable String pageSize, @Nullable String pageToken) {
		RuleViolations violations = ApprovalCenterRules.taskQuery(body);
		Integer size = (pageSize != null) ? integer(pageSize) : Integer.valueOf(DEFAULT_PAGE_SIZE);
		if (size == null || size < 1 || size > MAX_PAGE_SIZE) {
			violations.add("page_size", "must be 1 to " + MAX_PAGE_SIZE + ", was " + pageSize);
		}
		Integer offset = (pageToken == null || pageToken.isEmpty()) ? Integer.valueOf(0) : offset(pageToken);
		if (offset == null) {
			violations.add("page_token", "is not a page_token this endpoint answered, was " + pageToken);
		}
		if (size == null || offset == null || !violations.isEmpty()) {
			return invalid(violations.toString());
		}
		Set<String> instanceIds = strings(body.path("instance_ids"));
		Set<String> codes = strings(body.path("approval_codes"));
		Set<String> userIds = strings(body.path("user_ids"));
		String status = RuleViolations.text(body, "status");
		List<ObjectNode> matches = new ArrayList<>();
		synchronized (this) {
			Tenant tenant = this.tenants.get(appId);
			if (tenant != null) {
				for (ObjectNode instance : tenant.instances.values()) {
					ObjectNode entry = tenant.taskEntry(instance, instanceIds, codes, userIds, status);
					if (entry != null) {
						matches.add(entry);
					}
				}
			}
		}
		int end = Math.min(matches.size(), offset + size);
		ObjectNode data = this.json.createObjectNode();
		ArrayNode page = data.putArray("data");
		matches.subList(Math.min(offset, end), end).forEach(page::add);
		boolean more = end < matches.size();
		data.put("page_token", more ? token(end) : "");
		data.put("has_more", more);
		return Reply.data(data);
	}

	// --- state for tests and the inbox ---

	/** The instance as Lark holds it, whichever app synced it. */
	synchronized JsonNode instance(String instanceId) {
		return held(instanceId).instance.deepCopy();
	}

	/**
	 * Checks that a task can be clicked in the center and returns the callback Lark would fire; the caller fires it.
	 * @param instanceId the task's instance for a click in the list, null for a click after a search (the body then
	 * carries {@code id} instead of {@code instance_id} and {@code task_id})
	 */
	OpenPlatform.Click click(@Nullable String instanceId, String taskId, String actionType, @Nullable String reason,
			List<OpenPlatform.Attachment> attachments) {
		ObjectNode body = this.json.createObjectNode();
		String url;
		String key;
		synchronized (this) {
			Held held = (instanceId != null) ? held(instanceId) : heldTask(taskId);
			JsonNode task = find(held.instance.path("task_list"), "task_id", taskId);
			if (task == null) {
				throw new IllegalArgumentException("Instance " + instanceId + " has no task " + taskId);
			}
			String status = task.path("status").asString();
			if (!"PENDING".equals(status)) {
				throw new IllegalStateException("Task " + taskId + " is " + status + ": its actions are gone");
			}
			JsonNode config = find(task.path("action_configs"), "action_type", actionType);
			if (config == null) {
				throw new IllegalArgumentException("Task " + taskId + " has no " + actionType + " action");
			}
			if (!attachments.isEmpty() && !config.path("is_need_attachment").asBoolean(false)) {
				throw new IllegalArgumentException("The " + actionType + " action of task " + taskId
						+ " takes no attachments: its is_need_attachment is not true");
			}
			String code = held.instance.path("approval_code").asString();
			Definition definition = held.tenant.definitions.get(code);
			JsonNode external = (definition != null) ? definition.json.path("external") : this.json.missingNode();
			url = RuleViolations.text(external, "action_callback_url");
			if (url == null || url.isBlank()) {
				throw new IllegalArgumentException("Definition " + code + " has no external.action_callback_url");
			}
			key = external.path("action_callback_key").asString("");
			String userId = task.path("user_id").asString("");
			body.put("action_type", actionType)
				.put("action_context", task.path("action_context").asString(""))
				.put("user_id", userId.isBlank() ? task.path("open_id").asString("") : userId)
				.put("approval_code", code);
			if (instanceId != null) {
				body.put("instance_id", instanceId).put("task_id", taskId);
			}
			else {
				body.put("id", taskId);
			}
			if (reason != null) {
				body.put("reason", reason);
			}
			OpenPlatform.Attachment.addTo(body, attachments);
			body.put("token", external.path("action_callback_token").asString(""));
		}
		// The center shows what the application syncs next, not the click.
		return new OpenPlatform.Click(url.strip(), CallbackCipher.body(key, body.toString()), null);
	}

	/**
	 * The inbox page's view: each person (an initiator, approver or CC'd person, by user_id else open_id) with the
	 * center's four lists, oldest first: 待办 (their pending tasks), 已办 (their approved, rejected and transferred ones),
	 * 已发起 (the instances they started) and 抄送我 (the CCs to them).
	 */
	Map<String, Object> view() {
		Map<String, Map<String, List<Map<String, Object>>>> people = new LinkedHashMap<>();
		synchronized (this) {
			this.tenants.forEach((appId, tenant) -> {
				for (ObjectNode instance : tenant.instances.values()) {
					Definition definition = tenant.definitions.get(instance.path("approval_code").asString());
					ObjectNode approval = this.json.createObjectNode();
					if (definition != null) {
						approval.set("approval_name", definition.json.path("approval_name"));
						approval.set("i18n_resources", definition.json.path("i18n_resources"));
					}
					Map<String, Object> started = entry(appId, instance, approval);
					started.put("status", instance.path("status").asString());
					list(people, person(instance), "initiated").add(started);
					for (JsonNode task : instance.path("task_list")) {
						String status = task.path("status").asString();
						String name = "PENDING".equals(status) ? "todo"
								: DONE_STATUSES.contains(status) ? "done" : null;
						if (name != null) {
							Map<String, Object> entry = entry(appId, instance, approval);
							entry.put("taskId", task.path("task_id").asString());
							entry.put("status", status);
							list(people, person(task), name).add(entry);
						}
					}
					for (JsonNode cc : instance.path("cc_list")) {
						Map<String, Object> entry = entry(appId, instance, approval);
						entry.put("ccId", cc.path("cc_id").asString());
						entry.put("status", cc.path("read_status").asString());
						list(people, person(cc), "cc").add(entry);
					}
				}
			});
		}
		List<Map<String, Object>> view = new ArrayList<>();
		people.forEach((id, lists) -> {
			Map<String, Object> person = new LinkedHashMap<>();
			person.put("id", id);
			person.putAll(lists);
			view.add(person);
		});
		return Map.of("people", view);
	}

	private static Map<String, Object> entry(String appId, ObjectNode instance, ObjectNode approval) {
		Map<String, Object> entry = new LinkedHashMap<>();
		entry.put("appId", appId);
		entry.put("instanceId", instance.path("instance_id").asString());
		entry.put("instance", instance);
		entry.put("approval", approval);
		return entry;
	}

	private static List<Map<String, Object>> list(Map<String, Map<String, List<Map<String, Object>>>> people,
			String person, String list) {
		return people.computeIfAbsent(person, (id) -> {
			Map<String, List<Map<String, Object>>> lists = new LinkedHashMap<>();
			for (String name : new String[] { "todo", "done", "initiated", "cc" }) {
				lists.put(name, new ArrayList<>());
			}
			return lists;
		}).computeIfAbsent(list, (name) -> new ArrayList<>());
	}

	private static String person(JsonNode node) {
		String userId = node.path("user_id").asString("");
		return userId.isBlank() ? node.path("open_id").asString("") : userId;
	}

	/**
	 * Forgets every instance; definitions stay, as an application defines its approvals once at startup and its
	 * context outlives each test.
	 */
	void reset() {
		synchronized (this) {
			this.tenants.values().forEach(Tenant::forgetInstances);
		}
		this.changes.accept("center");
	}

	// --- plumbing ---

	/** The app's center; the caller holds the lock. */
	private Tenant tenant(String appId) {
		return this.tenants.computeIfAbsent(appId, (id) -> new Tenant());
	}

	/** The only instance with that id; the caller holds the lock. */
	private Held held(String instanceId) {
		List<Held> found = new ArrayList<>();
		this.tenants.forEach((appId, tenant) -> {
			ObjectNode instance = tenant.instances.get(instanceId);
			if (instance != null) {
				found.add(new Held(appId, tenant, instance));
			}
		});
		return only(found, "instance " + instanceId);
	}

	/** The instance of the only task with that id; the caller holds the lock. */
	private Held heldTask(String taskId) {
		List<Held> found = new ArrayList<>();
		this.tenants.forEach((appId, tenant) -> {
			Owner owner = tenant.ids.get(taskId);
			ObjectNode instance = (owner != null && owner.kind == Kind.TASK) ? tenant.instances.get(owner.instanceId)
					: null;
			if (instance != null) {
				found.add(new Held(appId, tenant, instance));
			}
		});
		return only(found, "task " + taskId);
	}

	private static Held only(List<Held> found, String what) {
		if (found.isEmpty()) {
			throw new IllegalArgumentException("No " + what + " in the sandbox's approval center");
		}
		if (found.size() > 1) {
			throw new IllegalArgumentException("Several apps hold " + what + ": "
					+ found.stream().map(Held::appId).toList());
		}
		return found.get(0);
	}

	private static @Nullable JsonNode find(JsonNode array, String field, String value) {
		for (JsonNode item : array) {
			if (item.path(field).isString() && value.equals(item.path(field).asString())) {
				return item;
			}
		}
		return null;
	}

	/** A time the rules checked; an optional one that is absent (a task's {@code update_time}) counts as 0. */
	private static long millis(JsonNode parent, String field) {
		return parse(parent.path(field).asString("0"));
	}

	private static long parse(String millis) {
		try {
			return Long.parseLong(millis);
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

	private static @Nullable Integer integer(String value) {
		try {
			return Integer.valueOf(value);
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	/** Page tokens are opaque, as Lark's are: a client must not make them up. */
	private static String token(int offset) {
		return Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(("sandbox-page:" + offset).getBytes(StandardCharsets.UTF_8));
	}

	private static @Nullable Integer offset(String token) {
		try {
			String decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
			Integer offset = decoded.startsWith("sandbox-page:") ? integer(decoded.substring("sandbox-page:".length()))
					: null;
			return (offset != null && offset >= 0) ? offset : null;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static Set<String> strings(JsonNode array) {
		Set<String> strings = new HashSet<>();
		array.forEach((item) -> strings.add(item.asString()));
		return strings;
	}

	private static Reply invalid(String detail) {
		return Reply.error(400, INVALID, "param is invalid: " + detail);
	}

	private static Reply notFound() {
		return Reply.error(400, NOT_FOUND, "approval code not found");
	}

	/** What an id is: instance, task and CC ids share one space per app. */
	private enum Kind {

		INSTANCE("instance"), TASK("task"), CC("CC");

		final String label;

		Kind(String label) {
			this.label = label;
		}

	}

	/** Which instance an id belongs to, and as what. */
	private record Owner(String instanceId, Kind kind) {
	}

	/** A definition as it was given, with the id Lark gave it. */
	private record Definition(JsonNode json, String approvalId) {
	}

	private record Held(String appId, Tenant tenant, ObjectNode instance) {
	}

	/** One app's approval center; guarded by the state's lock. */
	private static final class Tenant {

		final Map<String, Definition> definitions = new LinkedHashMap<>();

		final Set<String> groups = new HashSet<>();

		/** The instances by id, in the order they were first synced. */
		final Map<String, ObjectNode> instances = new LinkedHashMap<>();

		/** Every instance, task and CC id, with what it is. */
		final Map<String, Owner> ids = new HashMap<>();

		void forgetInstances() {
			this.instances.clear();
			this.ids.clear();
		}

		/**
		 * The first id of the payload that another instance uses ("不属于同一实体之间的 ID 也要确保唯一性"), or that this
		 * instance uses as another kind when the stored tasks and CCs stay (UPDATE); null when there is none.
		 */
		@Nullable String collision(String instanceId, ObjectNode payload, boolean keepsStored) {
			Map<String, Kind> payloadIds = new LinkedHashMap<>();
			Map<String, String> fields = new HashMap<>();
			payloadIds.put(instanceId, Kind.INSTANCE);
			fields.put(instanceId, "instance_id");
			JsonNode tasks = payload.path("task_list");
			for (int i = 0; i < tasks.size(); i++) {
				String id = tasks.get(i).path("task_id").asString();
				payloadIds.put(id, Kind.TASK);
				fields.put(id, "task_list[" + i + "].task_id");
			}
			JsonNode ccs = payload.path("cc_list");
			for (int i = 0; i < ccs.size(); i++) {
				String id = ccs.get(i).path("cc_id").asString();
				payloadIds.put(id, Kind.CC);
				fields.put(id, "cc_list[" + i + "].cc_id");
			}
			for (Map.Entry<String, Kind> id : payloadIds.entrySet()) {
				Owner owner = this.ids.get(id.getKey());
				if (owner == null) {
					continue;
				}
				if (!owner.instanceId.equals(instanceId)) {
					return fields.get(id.getKey()) + ": '" + id.getKey() + "' is already "
							+ ((owner.kind == Kind.INSTANCE) ? "an instance"
									: "a " + owner.kind.label + " of instance " + owner.instanceId)
							+ "; instance, task and CC ids must be unique";
				}
				if (keepsStored && owner.kind != id.getValue()) {
					return fields.get(id.getKey()) + ": '" + id.getKey() + "' is already a " + owner.kind.label
							+ " of this instance; instance, task and CC ids must be unique";
				}
			}
			return null;
		}

		void index(JsonNode instance) {
			String id = instance.path("instance_id").asString();
			this.ids.put(id, new Owner(id, Kind.INSTANCE));
			for (JsonNode task : instance.path("task_list")) {
				this.ids.put(task.path("task_id").asString(), new Owner(id, Kind.TASK));
			}
			for (JsonNode cc : instance.path("cc_list")) {
				this.ids.put(cc.path("cc_id").asString(), new Owner(id, Kind.CC));
			}
		}

		void unindex(JsonNode instance) {
			this.ids.remove(instance.path("instance_id").asString());
			for (JsonNode task : instance.path("task_list")) {
				this.ids.remove(task.path("task_id").asString());
			}
			for (JsonNode cc : instance.path("cc_list")) {
				this.ids.remove(cc.path("cc_id").asString());
			}
		}

		/** The external_tasks entry of an instance, or null when the query matches none of its tasks. */
		@Nullable ObjectNode taskEntry(ObjectNode instance, Set<String> instanceIds, Set<String> codes,
				Set<String> userIds, @Nullable String status) {
			String code = instance.path("approval_code").asString();
			boolean byInstance = !instanceIds.isEmpty();
			if (byInstance ? !instanceIds.contains(instance.path("instance_id").asString()) : !codes.contains(code)) {
				return null;
			}
			ObjectNode entry = JsonMapper.shared().createObjectNode();
			Definition definition = this.definitions.get(code);
			entry.put("instance_id", instance.path("instance_id").asString())
				.put("approval_id", (definition != null) ? definition.approvalId : "")
				.put("approval_code", code)
				.put("status", instance.path("status").asString())
				.put("update_time", instance.path("update_time").asString());
			ArrayNode tasks = entry.putArray("tasks");
			for (JsonNode task : instance.path("task_list")) {
				if (byInstance || (task.path("status").asString().equals(status)
						&& (userIds.isEmpty() || userIds.contains(task.path("user_id").asString(""))))) {
					tasks.addObject()
						.put("id", task.path("task_id").asString())
						.put("status", task.path("status").asString())
						.put("update_time", task.path("update_time").asString("0"));
				}
			}
			return (byInstance || !tasks.isEmpty()) ? entry : null;
		}

	}

}
