package io.github.larkapprovalbot.test;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The approval center's endpoints (三方审批) over HTTP: definitions, instance syncs in REPLACE and UPDATE, id
 * uniqueness, check, the paged task list, and the limits, faults and log they share with the other endpoints.
 */
class ApprovalCenterTests {

	private static final String DEFINITIONS = "/open-apis/approval/v4/external_approvals";

	private static final String INSTANCES = "/open-apis/approval/v4/external_instances";

	private static final String CHECK = "/open-apis/approval/v4/external_instances/check";

	private static final String TASKS = "/open-apis/approval/v4/external_tasks";

	private static final String CALLBACK = "https://oa.example.com/lark/callback";

	private final LarkSandbox sandbox = LarkSandbox.start();

	private final Wire wire = new Wire(this.sandbox);

	@AfterEach
	void close() {
		this.sandbox.close();
	}

	private Wire.Answer define(JsonNode definition) {
		return this.wire.post(DEFINITIONS + "?user_id_type=user_id&department_id_type=open_department_id",
				this.wire.token(), definition);
	}

	private Wire.Answer sync(JsonNode instance) {
		return this.wire.post(INSTANCES, this.wire.token(), instance);
	}

	private ObjectNode leave(String instanceId, String updateTime, ObjectNode... tasks) {
		ObjectNode instance = Wire.instance("leave", instanceId, updateTime);
		ArrayNode list = instance.putArray("task_list");
		for (ObjectNode task : tasks) {
			list.add(task);
		}
		return instance;
	}

	private static ObjectNode updating(ObjectNode instance) {
		return instance.put("update_mode", "UPDATE");
	}

	// --- definitions ---

	@Test
	void aDefinitionIsUpsertedByItsCodeAndReadBackWithItsCallbackSecrets() {
		ObjectNode definition = Wire.definition("leave", CALLBACK);
		Wire.Answer created = define(definition);
		assertThat(created.status()).isEqualTo(200);
		assertThat(created.code()).isZero();
		assertThat(created.msg()).isEqualTo("success");
		assertThat(created.body().at("/data/approval_code").asString()).isEqualTo("leave");

		Wire.Answer read = this.wire.get(DEFINITIONS + "/leave?user_id_type=user_id");
		assertThat(read.code()).isZero();
		assertThat(read.body().path("data")).isEqualTo(definition);
		assertThat(read.body().at("/data/external/action_callback_token").asString()).isEqualTo("center-token");
		assertThat(read.body().at("/data/external/action_callback_key").asString()).isEqualTo("gfdqedvsadfgfsd");

		// The group exists now: an update may leave its name out.
		definition.remove("group_name");
		definition.put("description", "@i18n@approval_name");
		assertThat(define(definition).code()).isZero();
		assertThat(this.wire.get(DEFINITIONS + "/leave").body().at("/data/description").asString())
			.isEqualTo("@i18n@approval_name");

		assertThat(this.sandbox.requests(SandboxRequest.Endpoint.EXTERNAL_APPROVAL_CREATE)).hasSize(2)
			.allSatisfy((request) -> {
				assertThat(request.method()).isEqualTo("POST");
				assertThat(request.query()).isEqualTo("user_id_type=user_id&department_id_type=open_department_id");
				assertThat(request.appId()).isEqualTo(this.sandbox.appId());
			});
		assertThat(this.sandbox.requests(SandboxRequest.Endpoint.EXTERNAL_APPROVAL_GET))
			.extracting(SandboxRequest::path)
			.containsOnly(DEFINITIONS + "/leave");
	}

	static Stream<Arguments> brokenDefinitions() {
		return Stream.of(broken("approval_name", remove("approval_name")),
				broken("approval_code", remove("approval_code")), broken("group_code", remove("group_code")),
				broken("external", remove("external")), broken("i18n_resources", remove("i18n_resources")),
				broken("approval_name", (body) -> body.put("approval_name", "Leave")),
				broken("group_name", remove("group_name")),
				broken("external.support_mobile",
						(body) -> ((ObjectNode) body.path("external")).put("support_pc", false)
							.put("support_mobile", false)),
				broken("i18n_resources[0].texts",
						(body) -> ((ObjectNode) body.at("/i18n_resources/0")).putObject("texts")
							.put("@i18n@approval_name", "请假")),
				broken("i18n_resources[0].locale",
						(body) -> ((ObjectNode) body.at("/i18n_resources/0")).put("locale", "de-DE")),
				broken("the default locale zh-CN must hold every key",
						(body) -> body.put("description", "@i18n@missing")));
	}

	/** A body with one rule broken, and what the answer names. */
	private static Arguments broken(String named, Consumer<ObjectNode> breakIt) {
		return Arguments.of(named, breakIt);
	}

	private static Consumer<ObjectNode> remove(String field) {
		return (body) -> body.remove(field);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("brokenDefinitions")
	void aDefinitionThatBreaksARuleIs1390001(String field, Consumer<ObjectNode> breakIt) {
		ObjectNode definition = Wire.definition("leave", CALLBACK);
		breakIt.accept(definition);
		Wire.Answer answer = define(definition);
		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.code()).isEqualTo(1390001);
		assertThat(answer.msg()).startsWith("param is invalid: ").contains(field);
		assertThat(this.wire.get(DEFINITIONS + "/leave").code()).isEqualTo(1390002);
	}

	@Test
	void anUnknownApprovalCodeIs1390002() {
		Wire.Answer read = this.wire.get(DEFINITIONS + "/nope");
		assertThat(read.status()).isEqualTo(400);
		assertThat(read.code()).isEqualTo(1390002);
		assertThat(read.msg()).isEqualTo("approval code not found");
		Wire.Answer synced = sync(Wire.instance("nope", "i-1", "1000"));
		assertThat(synced.status()).isEqualTo(400);
		assertThat(synced.code()).isEqualTo(1390002);
		assertThatIllegalArgumentException().isThrownBy(() -> this.sandbox.instance("i-1"))
			.withMessageContaining("No instance i-1");
	}

	// --- instances ---

	@Test
	void anInstanceIsStoredAndEchoedWithItsTasksAndCcs() {
		define(Wire.definition("leave", CALLBACK));
		ObjectNode instance = leave("i-1", "1000", Wire.task("t-1", "u-bob", "PENDING", "1000"));
		instance.putArray("cc_list").add(Wire.cc("c-1", "u-carol", "1000"));
		Wire.Answer synced = sync(instance);
		assertThat(synced.status()).isEqualTo(200);
		assertThat(synced.code()).isZero();
		assertThat(synced.body().at("/data/data")).isEqualTo(instance);
		assertThat(this.sandbox.instance("i-1")).isEqualTo(instance);
	}

	static Stream<Arguments> brokenInstances() {
		return Stream.of(broken("approval_code", remove("approval_code")), broken("instance_id", remove("instance_id")),
				broken("status", remove("status")), broken("status", (body) -> body.put("status", "OPEN")),
				broken("links", remove("links")),
				broken("links.pc_link", (body) -> ((ObjectNode) body.path("links")).remove("pc_link")),
				broken("start_time", remove("start_time")), broken("end_time", remove("end_time")),
				broken("update_time", remove("update_time")),
				broken("update_time", (body) -> body.put("update_time", 1700000000000L)),
				broken("user_id", remove("user_id")), broken("i18n_resources", remove("i18n_resources")),
				broken("update_mode", (body) -> body.put("update_mode", "MERGE")),
				broken("extra", (body) -> body.put("extra", "not json")),
				broken("task_list[0].status", (body) -> task(body).put("status", "OPEN")),
				broken("task_list[0].links", (body) -> task(body).remove("links")),
				broken("task_list[0].create_time", (body) -> task(body).remove("create_time")),
				broken("task_list[0].user_id", (body) -> task(body).remove("user_id")),
				broken("task_list[0].generate_type", (body) -> task(body).put("generate_type", "")),
				broken("task_list[0].action_configs",
						(body) -> ((ArrayNode) task(body).path("action_configs")).addObject()
							.put("action_type", "KEY")),
				broken("task_list[0].action_configs[1].action_name",
						(body) -> ((ObjectNode) task(body).at("/action_configs/1")).put("action_type", "ESCALATE")),
				broken("cc_list[0].read_status", (body) -> ((ObjectNode) body.at("/cc_list/0")).remove("read_status")),
				broken("cc_list[0].update_time", (body) -> ((ObjectNode) body.at("/cc_list/0")).remove("update_time")),
				broken("no text for @i18n@node", (body) -> task(body).put("node_name", "@i18n@node")));
	}

	private static ObjectNode task(ObjectNode instance) {
		return (ObjectNode) instance.at("/task_list/0");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("brokenInstances")
	void anInstanceThatBreaksARuleIs1390001(String field, Consumer<ObjectNode> breakIt) {
		define(Wire.definition("leave", CALLBACK));
		ObjectNode instance = leave("i-1", "1000", Wire.task("t-1", "u-bob", "PENDING", "1000"));
		instance.putArray("cc_list").add(Wire.cc("c-1", "u-carol", "1000"));
		breakIt.accept(instance);
		Wire.Answer answer = sync(instance);
		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.code()).isEqualTo(1390001);
		assertThat(answer.msg()).startsWith("param is invalid: ").contains(field);
		assertThatIllegalArgumentException().isThrownBy(() -> this.sandbox.instance("i-1"));
	}

	@Test
	void replaceIgnoresTheUpdateTimeAndDeletesAbsentTasksAndCcs() {
		define(Wire.definition("leave", CALLBACK));
		ObjectNode first = leave("i-1", "2000", Wire.task("t-1", "u-bob", "PENDING", "2000"),
				Wire.task("t-2", "u-dan", "PENDING", "2000"));
		first.putArray("cc_list").add(Wire.cc("c-1", "u-carol", "2000"));
		assertThat(sync(first).code()).isZero();

		ObjectNode replacement = leave("i-1", "1000", Wire.task("t-1", "u-bob", "APPROVED", "1000"))
			.put("status", "APPROVED")
			.put("update_mode", "REPLACE");
		assertThat(sync(replacement).code()).isZero();
		JsonNode stored = this.sandbox.instance("i-1");
		assertThat(stored.path("status").asString()).isEqualTo("APPROVED");
		assertThat(stored.path("update_time").asString()).isEqualTo("1000");
		assertThat(stored.path("task_list")).singleElement()
			.satisfies((task) -> assertThat(task.path("status").asString()).isEqualTo("APPROVED"));
		assertThat(stored.path("cc_list")).isEmpty();
		assertThat(stored.has("update_mode")).isFalse();
		// Their ids are free again.
		assertThat(sync(leave("i-2", "1000", Wire.task("t-2", "u-dan", "PENDING", "1000"))).code()).isZero();
	}

	@Test
	void updateIgnoresAnOlderOrEqualUpdateTimeAtEachLevelAndAppliesANewerTask() {
		define(Wire.definition("leave", CALLBACK));
		assertThat(sync(updating(leave("i-1", "2000", Wire.task("t-1", "u-bob", "PENDING", "2000"),
				Wire.task("t-2", "u-dan", "PENDING", "2000")))).code()).isZero();
		JsonNode created = this.sandbox.instance("i-1");

		// Equal, then older: silently ignored at the instance level and at the task level.
		for (String time : List.of("2000", "1000")) {
			ObjectNode stale = updating(leave("i-1", time, Wire.task("t-1", "u-bob", "APPROVED", time)))
				.put("status", "APPROVED")
				.put("title", "@i18n@alice");
			Wire.Answer answer = sync(stale);
			assertThat(answer.code()).isZero();
			assertThat(answer.body().at("/data/data")).isEqualTo(created);
			assertThat(this.sandbox.instance("i-1")).isEqualTo(created);
		}

		// A stale instance level with a newer task and a new one: only the tasks change, the absent one stays.
		ObjectNode tasks = updating(leave("i-1", "1500", Wire.task("t-1", "u-bob", "APPROVED", "3000"),
				Wire.task("t-3", "u-erin", "PENDING", "3000")))
			.put("status", "APPROVED");
		assertThat(sync(tasks).code()).isZero();
		JsonNode stored = this.sandbox.instance("i-1");
		assertThat(stored.path("status").asString()).isEqualTo("PENDING");
		assertThat(stored.path("update_time").asString()).isEqualTo("2000");
		assertThat(stored.path("task_list")).extracting((task) -> task.path("task_id").asString() + " "
				+ task.path("status").asString() + " " + task.path("update_time").asString())
			.containsExactly("t-1 APPROVED 3000", "t-2 PENDING 2000", "t-3 PENDING 3000");

		// A newer instance level applies.
		assertThat(sync(updating(leave("i-1", "4000")).put("status", "APPROVED")).code()).isZero();
		assertThat(this.sandbox.instance("i-1").path("status").asString()).isEqualTo("APPROVED");
		assertThat(this.sandbox.instance("i-1").path("task_list")).hasSize(3);
	}

	@Test
	void updateNeverChangesWhatThePageSaysItCannot() {
		define(Wire.definition("leave", CALLBACK));
		define(Wire.definition("trip", CALLBACK));
		ObjectNode task = Wire.task("t-1", "u-bob", "PENDING", "1000")
			.put("node_id", "n-1")
			.put("node_name", "Manager");
		ObjectNode first = leave("i-1", "1000", task).put("department_name", "HR");
		first.putArray("cc_list").add(Wire.cc("c-1", "u-carol", "1000"));
		assertThat(sync(first).code()).isZero();

		ObjectNode changedTask = Wire.task("t-1", "u-mallory", "APPROVED", "2000")
			.put("open_id", "ou_mallory")
			.put("create_time", "1800000000000")
			.put("node_id", "n-2")
			.put("node_name", "Director");
		ObjectNode changed = updating(leave("i-1", "2000", changedTask))
			.put("approval_code", "trip")
			.put("department_id", "d-2")
			.put("department_name", "Sales")
			.put("status", "APPROVED");
		changed.putArray("cc_list").add(Wire.cc("c-1", "u-mallory", "2000").put("create_time", "1800000000000")
			.put("read_status", "READ"));
		assertThat(sync(changed).code()).isZero();

		JsonNode stored = this.sandbox.instance("i-1");
		assertThat(stored.path("status").asString()).isEqualTo("APPROVED");
		assertThat(stored.path("approval_code").asString()).isEqualTo("leave");
		assertThat(stored.path("department_id").asString()).isEqualTo("d-1");
		assertThat(stored.path("department_name").asString()).isEqualTo("HR");
		JsonNode storedTask = stored.at("/task_list/0");
		assertThat(storedTask.path("status").asString()).isEqualTo("APPROVED");
		assertThat(storedTask.path("user_id").asString()).isEqualTo("u-bob");
		assertThat(storedTask.has("open_id")).isFalse();
		assertThat(storedTask.path("create_time").asString()).isEqualTo("1700000000000");
		assertThat(storedTask.path("node_id").asString()).isEqualTo("n-1");
		assertThat(storedTask.path("node_name").asString()).isEqualTo("Manager");
		JsonNode storedCc = stored.at("/cc_list/0");
		assertThat(storedCc.path("read_status").asString()).isEqualTo("READ");
		assertThat(storedCc.path("user_id").asString()).isEqualTo("u-carol");
		assertThat(storedCc.path("create_time").asString()).isEqualTo("1700000000000");
	}

	@Test
	void idsAreUniqueAcrossInstancesTasksAndCcsOfAnApp() {
		define(Wire.definition("leave", CALLBACK));
		ObjectNode first = leave("i-1", "1000", Wire.task("t-1", "u-bob", "PENDING", "1000"));
		first.putArray("cc_list").add(Wire.cc("c-1", "u-carol", "1000"));
		assertThat(sync(first).code()).isZero();

		List<Wire.Answer> refused = new ArrayList<>();
		refused.add(sync(leave("i-2", "1000", Wire.task("t-1", "u-bob", "PENDING", "1000"))));
		refused.add(sync(leave("i-2", "1000", Wire.task("c-1", "u-bob", "PENDING", "1000"))));
		refused.add(sync(leave("i-2", "1000", Wire.task("i-1", "u-bob", "PENDING", "1000"))));
		refused.add(sync(leave("t-1", "1000")));
		refused.add(sync(leave("i-2", "1000", Wire.task("t-2", "u-bob", "PENDING", "1000"),
				Wire.task("t-2", "u-dan", "PENDING", "1000"))));
		refused.add(sync(leave("i-2", "1000", Wire.task("i-2", "u-bob", "PENDING", "1000"))));
		ObjectNode ccAsTask = updating(leave("i-1", "2000"));
		ccAsTask.putArray("cc_list").add(Wire.cc("t-1", "u-carol", "2000"));
		refused.add(sync(ccAsTask));
		assertThat(refused).allSatisfy((answer) -> {
			assertThat(answer.status()).isEqualTo(400);
			assertThat(answer.code()).isEqualTo(1390001);
		});
		assertThat(refused).extracting(Wire.Answer::msg)
			.satisfiesExactly(
					(msg) -> assertThat(msg).contains("task_list[0].task_id: 't-1' is already a task of instance i-1"),
					(msg) -> assertThat(msg).contains("'c-1' is already a CC of instance i-1"),
					(msg) -> assertThat(msg).contains("'i-1' is already an instance"),
					(msg) -> assertThat(msg).contains("instance_id: 't-1' is already a task of instance i-1"),
					(msg) -> assertThat(msg).contains("task_list[1].task_id", "'t-2' is also task_list[0].task_id"),
					(msg) -> assertThat(msg).contains("'i-2' is also instance_id"),
					(msg) -> assertThat(msg).contains("cc_list[0].cc_id: 't-1' is already a task of this instance"));
		assertThatIllegalArgumentException().isThrownBy(() -> this.sandbox.instance("i-2"));
		assertThat(this.sandbox.instance("i-1").path("cc_list")).hasSize(1);
	}

	@Test
	void eachAppHasItsOwnApprovalCenter() {
		try (LarkSandbox twoApps = LarkSandbox.builder().app("cli_b", "secret-b").start()) {
			Wire a = new Wire(twoApps);
			String b = a.post("/open-apis/auth/v3/tenant_access_token/internal", null,
					Wire.JSON.createObjectNode().put("app_id", "cli_b").put("app_secret", "secret-b"))
				.body()
				.path("tenant_access_token")
				.asString();
			assertThat(a.post(DEFINITIONS, a.token(), Wire.definition("leave", CALLBACK)).code()).isZero();
			assertThat(a.post(INSTANCES, a.token(), leave("i-1", "1000", Wire.task("t-1", "u-bob", "PENDING", "1000")))
				.code()).isZero();
			assertThat(a.call("GET", DEFINITIONS + "/leave", "Bearer " + b, null, "", null).code()).isEqualTo(1390002);
			assertThat(a.post(INSTANCES, b, leave("i-1", "1000")).code()).isEqualTo(1390002);
			// Ids are unique per app: another app may use the same ones.
			assertThat(a.post(DEFINITIONS, b, Wire.definition("leave", CALLBACK)).code()).isZero();
			assertThat(a.post(INSTANCES, b, leave("i-1", "5000", Wire.task("t-1", "u-bob", "PENDING", "5000"))).code())
				.isZero();
			assertThatIllegalArgumentException().isThrownBy(() -> twoApps.instance("i-1"))
				.withMessageContaining("Several apps hold instance i-1");
			assertThat(twoApps.requests(SandboxRequest.Endpoint.EXTERNAL_INSTANCE_SYNC))
				.extracting(SandboxRequest::appId)
				.containsExactly(twoApps.appId(), "cli_b", "cli_b");
		}
	}

	// --- check ---

	@Test
	void checkAnswersTheInstancesLarkLacksOrHoldsAtAnotherTime() {
		define(Wire.definition("leave", CALLBACK));
		sync(leave("i-1", "2000", Wire.task("t-1", "u-bob", "PENDING", "2000")));
		sync(leave("i-2", "3000", Wire.task("t-2", "u-bob", "PENDING", "3000")));
		sync(leave("i-4", "4000", Wire.task("t-4", "u-bob", "PENDING", "4000")));
		ObjectNode body = Wire.JSON.createObjectNode();
		ArrayNode instances = body.putArray("instances");
		instances.add(version("i-1", "2000", "t-1", "2000"));
		instances.add(version("i-2", "2500", "t-2", "3000"));
		instances.add(version("i-3", "1000", "t-9", "1000"));
		instances.add(version("i-4", "4000", "t-4", "3500"));

		Wire.Answer answer = this.wire.post(CHECK, this.wire.token(), body);
		assertThat(answer.code()).isZero();
		assertThat(answer.body().at("/data/diff_instances")).containsExactly(version("i-2", "3000", "t-2", "3000"),
				version("i-3", "0", "t-9", "0"), version("i-4", "4000", "t-4", "4000"));

		ObjectNode inSync = Wire.JSON.createObjectNode();
		inSync.putArray("instances").add(version("i-1", "2000", "t-1", "2000"));
		assertThat(this.wire.post(CHECK, this.wire.token(), inSync).body().at("/data/diff_instances")).isEmpty();
		ObjectNode none = Wire.JSON.createObjectNode();
		none.putArray("instances");
		Wire.Answer refused = this.wire.post(CHECK, this.wire.token(), none);
		assertThat(refused.code()).isEqualTo(1390001);
		assertThat(refused.msg()).contains("instances: is required");
	}

	private static ObjectNode version(String instanceId, String updateTime, String taskId, String taskTime) {
		ObjectNode version = Wire.JSON.createObjectNode().put("instance_id", instanceId).put("update_time", updateTime);
		version.putArray("tasks").addObject().put("task_id", taskId).put("update_time", taskTime);
		return version;
	}

	// --- external_tasks ---

	@Test
	void theTaskListIsAGetWithABodyAndPagesOverInstances() {
		define(Wire.definition("leave", CALLBACK));
		for (int i = 1; i <= 5; i++) {
			sync(leave("i-" + i, "100" + i, Wire.task("t-" + i, "u-bob", "PENDING", "100" + i)));
		}
		ObjectNode query = Wire.JSON.createObjectNode();
		query.putArray("approval_codes").add("leave");
		query.put("status", "PENDING");

		List<String> instances = new ArrayList<>();
		List<Boolean> more = new ArrayList<>();
		String token = "";
		do {
			String next = token.isEmpty() ? "" : "&page_token=" + token;
			Wire.Answer page = this.wire.get(TASKS + "?page_size=2" + next, query);
			assertThat(page.code()).isZero();
			JsonNode data = page.body().path("data");
			assertThat(data.path("data").size()).isLessThanOrEqualTo(2);
			data.path("data").forEach((instance) -> instances.add(instance.path("instance_id").asString()));
			more.add(data.path("has_more").asBoolean());
			token = data.path("page_token").asString();
		}
		while (more.get(more.size() - 1));
		assertThat(instances).containsExactly("i-1", "i-2", "i-3", "i-4", "i-5");
		assertThat(more).containsExactly(true, true, false);

		JsonNode first = this.wire.get(TASKS, query).body().path("data");
		assertThat(first.path("data")).hasSize(5);
		assertThat(first.path("has_more").asBoolean()).isFalse();
		assertThat(first.at("/data/0/approval_code").asString()).isEqualTo("leave");
		assertThat(first.at("/data/0/approval_id").asString()).isNotEmpty();
		assertThat(first.at("/data/0/status").asString()).isEqualTo("PENDING");
		assertThat(first.at("/data/0/update_time").asString()).isEqualTo("1001");
		assertThat(first.at("/data/0/tasks/0")).isEqualTo(Wire.JSON.createObjectNode().put("id", "t-1")
			.put("status", "PENDING").put("update_time", "1001"));

		assertThat(this.sandbox.requests(SandboxRequest.Endpoint.EXTERNAL_TASK_LIST)).allSatisfy((request) -> {
			assertThat(request.method()).isEqualTo("GET");
			assertThat(request.body()).isEqualTo(query.toString());
		});
		assertThat(this.wire.get(TASKS + "?page_size=501", query).code()).isEqualTo(1390001);
		assertThat(this.wire.get(TASKS + "?page_size=0", query).code()).isEqualTo(1390001);
		assertThat(this.wire.get(TASKS + "?page_token=made-up", query).code()).isEqualTo(1390001);
		assertThat(this.wire.get(TASKS + "?page_size=500", query).body().at("/data/data")).hasSize(5);
	}

	@Test
	void theTaskListFiltersByInstancesOrByDefinitionStatusAndApprovers() {
		define(Wire.definition("leave", CALLBACK));
		define(Wire.definition("trip", CALLBACK));
		sync(leave("i-1", "1000", Wire.task("t-1", "u-bob", "PENDING", "1000"),
				Wire.task("t-2", "u-dan", "APPROVED", "1000")));
		sync(leave("i-2", "1000", Wire.task("t-3", "u-dan", "PENDING", "1000")));
		sync(Wire.instance("trip", "i-3", "1000").set("task_list",
				Wire.JSON.createArrayNode().add(Wire.task("t-4", "u-bob", "PENDING", "1000"))));

		ObjectNode byInstance = Wire.JSON.createObjectNode();
		byInstance.putArray("instance_ids").add("i-1").add("i-3");
		assertThat(tasks(byInstance)).containsExactly("i-1: t-1 PENDING, t-2 APPROVED", "i-3: t-4 PENDING");

		ObjectNode pending = Wire.JSON.createObjectNode().put("status", "PENDING");
		pending.putArray("approval_codes").add("leave");
		assertThat(tasks(pending)).containsExactly("i-1: t-1 PENDING", "i-2: t-3 PENDING");
		pending.putArray("user_ids").add("u-dan");
		assertThat(tasks(pending)).containsExactly("i-2: t-3 PENDING");

		ObjectNode statusAlone = Wire.JSON.createObjectNode().put("status", "PENDING");
		Wire.Answer refused = this.wire.get(TASKS, statusAlone);
		assertThat(refused.code()).isEqualTo(1390001);
		assertThat(refused.msg()).contains("must be instance_ids alone, approval_codes with status");
		ObjectNode codesAlone = Wire.JSON.createObjectNode();
		codesAlone.putArray("approval_codes").add("leave");
		assertThat(this.wire.get(TASKS, codesAlone).code()).isEqualTo(1390001);
		assertThat(this.wire.get(TASKS).code()).isEqualTo(1390001);
	}

	private List<String> tasks(JsonNode query) {
		Wire.Answer answer = this.wire.get(TASKS, query);
		assertThat(answer.code()).isZero();
		List<String> instances = new ArrayList<>();
		for (JsonNode instance : answer.body().at("/data/data")) {
			List<String> tasks = new ArrayList<>();
			for (JsonNode task : instance.path("tasks")) {
				tasks.add(task.path("id").asString() + " " + task.path("status").asString());
			}
			instances.add(instance.path("instance_id").asString() + ": " + String.join(", ", tasks));
		}
		return instances;
	}

	// --- what the endpoints share with the others ---

	@Test
	void callsNeedATenantToken() {
		assertThat(this.wire.call("GET", DEFINITIONS + "/leave", null, null, "", null).code()).isEqualTo(99991661);
		assertThat(this.wire.post(INSTANCES, null, leave("i-1", "1000")).code()).isEqualTo(99991661);
		assertThat(this.wire.call("GET", TASKS, "Bearer t-unknown", "application/json", "{}", null).code())
			.isEqualTo(99991663);
		assertThat(this.wire.call("POST", CHECK, "Bearer " + this.wire.token(), "text/plain", "{}", null).code())
			.isEqualTo(1390001);
	}

	@Test
	void eachEndpointIsLimitedPerAppWhenRateLimitsAreOn() {
		String token = this.wire.token();
		ObjectNode check = Wire.JSON.createObjectNode();
		check.putArray("instances").add(version("i-1", "1000", "t-1", "1000"));
		List<Wire.Answer> answers = new ArrayList<>();
		for (int i = 0; i < 300 && (answers.isEmpty() || answers.get(answers.size() - 1).status() != 429); i++) {
			answers.add(this.wire.post(CHECK, token, check));
		}
		Wire.Answer throttled = answers.get(answers.size() - 1);
		assertThat(throttled.status()).isEqualTo(429);
		assertThat(throttled.code()).isEqualTo(99991400);
		assertThat(throttled.header("x-ogw-ratelimit-limit")).isIn("50", "1000");
		assertThat(throttled.header("x-ogw-ratelimit-reset")).isNotEmpty();
		// Another endpoint has its own limit.
		assertThat(this.wire.get(DEFINITIONS + "/leave").code()).isEqualTo(1390002);

		try (LarkSandbox unlimited = LarkSandbox.builder().rateLimits(false).start()) {
			Wire wire = new Wire(unlimited);
			String unlimitedToken = wire.token();
			for (int i = 0; i < 120; i++) {
				assertThat(wire.post(CHECK, unlimitedToken, check).status()).isEqualTo(200);
			}
		}
	}

	@Test
	void aSyncDroppedBeforeTheWorkIsLostAndOneDroppedAfterItIsApplied() {
		define(Wire.definition("leave", CALLBACK));
		this.sandbox.inject(Fault.dropBeforeWork().on(SandboxRequest.Endpoint.EXTERNAL_INSTANCE_SYNC));
		assertThatExceptionOfType(UncheckedIOException.class).isThrownBy(() -> sync(leave("i-1", "1000")));
		assertThatIllegalArgumentException().isThrownBy(() -> this.sandbox.instance("i-1"));

		this.sandbox.inject(Fault.dropAfterWork().on(SandboxRequest.Endpoint.EXTERNAL_INSTANCE_SYNC));
		assertThatExceptionOfType(UncheckedIOException.class).isThrownBy(() -> sync(leave("i-1", "2000")));
		assertThat(this.sandbox.instance("i-1").path("update_time").asString()).isEqualTo("2000");

		this.sandbox.inject(Fault.serverError());
		assertThat(this.wire.get(DEFINITIONS + "/leave").status()).isEqualTo(500);
		assertThat(this.sandbox.requests(SandboxRequest.Endpoint.EXTERNAL_INSTANCE_SYNC))
			.extracting(SandboxRequest::fault)
			.containsExactly(Fault.dropBeforeWork().on(SandboxRequest.Endpoint.EXTERNAL_INSTANCE_SYNC),
					Fault.dropAfterWork().on(SandboxRequest.Endpoint.EXTERNAL_INSTANCE_SYNC));
		assertThat(this.sandbox.requests(SandboxRequest.Endpoint.EXTERNAL_APPROVAL_GET))
			.extracting(SandboxRequest::fault)
			.containsExactly(Fault.serverError());
	}

	@Test
	void resetForgetsTheInstancesAndKeepsTheDefinitions() {
		define(Wire.definition("leave", CALLBACK));
		sync(leave("i-1", "1000"));
		this.sandbox.reset();
		assertThatIllegalArgumentException().isThrownBy(() -> this.sandbox.instance("i-1"));
		assertThat(this.wire.get(DEFINITIONS + "/leave").code()).isZero();
		// The ids of the forgotten instance are free again.
		assertThat(sync(leave("i-1", "1000")).code()).isZero();
		assertThat(this.sandbox.requestCount(SandboxRequest.Endpoint.EXTERNAL_APPROVAL_GET)).isEqualTo(1);
	}

}
