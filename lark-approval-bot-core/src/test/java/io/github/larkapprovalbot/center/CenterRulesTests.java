package io.github.larkapprovalbot.center;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import io.github.larkapprovalbot.validation.PayloadValidator;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
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

/**
 * One case per rule of the approval center's payloads (the integration guide's §9): a payload that breaks only that
 * rule is refused at its JSON path, and its valid neighbour passes.
 */
class CenterRulesTests {

	private static final JsonMapper MAPPER = JsonMapper.shared();

	private static final String INSTANCE = "valid-external-instance.json";

	private static final String DEFINITION = "valid-external-approval.json";

	private static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();

	private final PayloadValidator validator = PayloadValidator.createDefault();

	static Stream<Arguments> instanceRules() {
		return Stream.of(
				rule("approval_code required", set("/approval_code", "x"), remove("/approval_code"), "approval_code"),
				rule("instance_id required", set("/instance_id", "leave-43"), remove("/instance_id"), "instance_id"),
				rule("status documented", set("/status", "TERMINATED"), set("/status", "DONE"), "status"),
				rule("links required", remove("/links/mobile_link"), remove("/links"), "links"),
				rule("pc_link required", set("/links/pc_link", "http://oa.example.com/x"), remove("/links/pc_link"),
						"links.pc_link"),
				rule("links are http(s)", set("/links/mobile_link", "https://m.example.com"),
						set("/links/mobile_link", "lark://open"), "links.mobile_link"),
				rule("start_time required", set("/start_time", "1"), remove("/start_time"), "start_time"),
				rule("end_time required", set("/end_time", "1764633600001"), remove("/end_time"), "end_time"),
				rule("update_time required", set("/update_time", "1764633600001"), remove("/update_time"), "update_time"),
				rule("times are millisecond strings", set("/update_time", "1764633600001"),
						set("/update_time", "2025-12-02T00:00:00Z"), "update_time"),
				rule("initiator by user_id or open_id", remove("/user_id"), remove("/user_id").andThen(remove("/open_id")),
						"user_id"),
				rule("update_mode documented", set("/update_mode", "REPLACE"), set("/update_mode", "MERGE"),
						"update_mode"),
				rule("display_method documented", set("/display_method", "SIDEBAR"), set("/display_method", "POPUP"),
						"display_method"),
				rule("at most 300 tasks", tasks(300), tasks(301), "task_list"),
				rule("at most 200 CCs", ccs(200), ccs(201), "cc_list"),
				rule("task ids unique across the instance", set("/task_list/0/task_id", "leave-42-task-9"),
						set("/task_list/0/task_id", "leave-42"), "task_list[0].task_id"),
				rule("CC ids unique across tasks", set("/cc_list/0/cc_id", "leave-42-cc-9"),
						set("/cc_list/0/cc_id", "leave-42-task-1"), "cc_list[0].cc_id"),
				rule("task approver by user_id or open_id", set("/task_list/0/open_id", "ou_bob"),
						remove("/task_list/0/user_id"), "task_list[0].user_id"),
				rule("CC by user_id or open_id", set("/cc_list/0/open_id", "ou_alice"), remove("/cc_list/0/user_id"),
						"cc_list[0].user_id"),
				rule("task links required", remove("/task_list/0/links/mobile_link"), remove("/task_list/0/links"),
						"task_list[0].links"),
				rule("task status documented", set("/task_list/0/status", "TRANSFERRED"),
						set("/task_list/0/status", "CANCELED"), "task_list[0].status"),
				rule("task create_time required", set("/task_list/0/create_time", "1"),
						remove("/task_list/0/create_time"), "task_list[0].create_time"),
				rule("task end_time required", set("/task_list/0/end_time", "1"), remove("/task_list/0/end_time"),
						"task_list[0].end_time"),
				rule("CC read_status required", set("/cc_list/0/read_status", "READ"), remove("/cc_list/0/read_status"),
						"cc_list[0].read_status"),
				rule("CC update_time required", set("/cc_list/0/update_time", "1"), remove("/cc_list/0/update_time"),
						"cc_list[0].update_time"),
				rule("at most 2 actions per task", remove("/task_list/0/action_configs/1"),
						append("/task_list/0/action_configs", Map.of("action_type", "APPROVE")),
						"task_list[0].action_configs"),
				rule("a custom action has a name",
						set("/task_list/0/action_configs/1/action_type", "ESCALATE")
							.andThen(set("/task_list/0/action_configs/1/action_name", "@i18n@005")),
						set("/task_list/0/action_configs/1/action_type", "ESCALATE"),
						"task_list[0].action_configs[1].action_name"),
				rule("a task's update_time is required with UPDATE", remove("/task_list/0/update_time"),
						set("/update_mode", "UPDATE").andThen(remove("/task_list/0/update_time")),
						"task_list[0].update_time"),
				rule("title is an @i18n@ key", set("/title", "@i18n@001"), set("/title", "Leave"), "title"),
				rule("a form field's value is an @i18n@ key", set("/form/0/value", "@i18n@001"),
						set("/form/0/value", "3 days"), "form[0].value"),
				rule("generate_type never empty", set("/task_list/0/generate_type", "EXTERNAL_CONSIGN"),
						set("/task_list/0/generate_type", ""), "task_list[0].generate_type"),
				rule("form within 2048 characters", form(2048), form(2049), "form"),
				rule("locale one of the 16", set("/i18n_resources/1/locale", "ru-RU"),
						set("/i18n_resources/1/locale", "xx-XX"), "i18n_resources[1].locale"),
				rule("exactly one default locale", set("/i18n_resources/1/is_default", false),
						set("/i18n_resources/1/is_default", true), "i18n_resources"),
				rule("i18n_resources required", remove("/i18n_resources/1"), remove("/i18n_resources"),
						"i18n_resources"),
				rule("the default locale holds every key a field names", set("/task_list/0/node_name", "@i18n@001"),
						set("/task_list/0/node_name", "@i18n@099"), "i18n_resources[0].texts"),
				rule("the default locale holds every key another locale has",
						append("/i18n_resources/1/texts", Map.of("key", "@i18n@003", "value", "three")),
						append("/i18n_resources/1/texts", Map.of("key", "@i18n@098", "value", "x")),
						"i18n_resources[0].texts"));
	}

	static Stream<Arguments> definitionRules() {
		return Stream.of(
				rule("approval_name required", set("/approval_name", "@i18n@002"), remove("/approval_name"),
						"approval_name"),
				rule("approval_code required", set("/approval_code", "x"), remove("/approval_code"), "approval_code"),
				rule("approval_code at most 128", set("/approval_code", "a".repeat(128)),
						set("/approval_code", "a".repeat(129)), "approval_code"),
				rule("approval_name is an @i18n@ key", set("/approval_name", "@i18n@001"),
						set("/approval_name", "Leave"), "approval_name"),
				rule("group_code required", set("/group_code", "g"), remove("/group_code"), "group_code"),
				rule("group_code at most 128", set("/group_code", "g".repeat(128)), set("/group_code", "g".repeat(129)),
						"group_code"),
				rule("external required", remove("/external/biz_type"), remove("/external"), "external"),
				rule("viewers required: none means nobody sees it", set("/viewers/0/viewer_type", "NONE"),
						remove("/viewers"), "viewers"),
				rule("viewer_type documented", set("/viewers/0/viewer_type", "DEPARTMENT")
					.andThen(set("/viewers/0/viewer_department_id", "od-1")), set("/viewers/0/viewer_type", "GROUP"),
						"viewers[0].viewer_type"),
				rule("a USER viewer names the user", set("/viewers/0/viewer_type", "USER")
					.andThen(set("/viewers/0/viewer_user_id", "ou_1")), set("/viewers/0/viewer_type", "USER"),
						"viewers[0].viewer_user_id"),
				rule("shown on at least one platform", set("/external/support_pc", false),
						set("/external/support_pc", false).andThen(set("/external/support_mobile", false)),
						"external.support_mobile"),
				rule("create links are http(s)", set("/external/create_link_pc", "http://oa.example.com/n"),
						set("/external/create_link_pc", "oa.example.com/n"), "external.create_link_pc"),
				rule("callback URL is http(s)", set("/external/action_callback_url", "http://oa.example.com/cb"),
						set("/external/action_callback_url", "/cb"), "external.action_callback_url"),
				rule("i18n_resources required", set("/description", "@i18n@001"), remove("/i18n_resources"),
						"i18n_resources"),
				rule("the default locale holds every key", set("/external/biz_name", "@i18n@001"),
						set("/external/biz_name", "@i18n@077"), "i18n_resources[0].texts"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("instanceRules")
	void instanceRule(String rule, Consumer<ObjectNode> neighbour, Consumer<ObjectNode> breaking, String path) {
		assertThat(violations(ExternalInstance.class, INSTANCE, neighbour)).as("valid neighbour").isEmpty();
		assertThat(violations(ExternalInstance.class, INSTANCE, breaking)).containsExactly(path);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("definitionRules")
	void definitionRule(String rule, Consumer<ObjectNode> neighbour, Consumer<ObjectNode> breaking, String path) {
		assertThat(violations(ExternalApprovalDefinition.class, DEFINITION, neighbour)).as("valid neighbour")
			.isEmpty();
		assertThat(violations(ExternalApprovalDefinition.class, DEFINITION, breaking)).containsExactly(path);
	}

	@Test
	void aViolationSaysTheRule() {
		ExternalInstance instance = read(ExternalInstance.class, INSTANCE, set("/cc_list/0/cc_id", "leave-42"));
		assertThat(this.validator.validate(read(ExternalInstance.class, INSTANCE, (json) -> {
		}))).isNotNull();
		assertThat(messages(instance)).containsExactly(
				"cc_list[0].cc_id: must be unique across the instance, its tasks and its CCs: 'leave-42' is also "
						+ "instance_id");
	}

	@Test
	void aMissingKeyIsNamedWithTheFieldThatUsesIt() {
		ExternalInstance instance = read(ExternalInstance.class, INSTANCE, set("/task_list/0/title", "@i18n@050"));
		assertThat(messages(instance)).singleElement()
			.asString()
			.contains("the default locale zh-CN must hold every key; it lacks @i18n@050 (task_list[0].title)");
	}

	@Test
	void taskQueryCombinations() {
		assertThat(this.validator.validate(TaskQuery.ofInstances(List.of("leave-42")))).isNotNull();
		assertThat(this.validator.validate(TaskQuery.ofApprovals(List.of("leave-request"), TaskStatus.PENDING)))
			.isNotNull();
		assertThat(paths(new TaskQuery(null, List.of("leave-42"), null, "PENDING"))).containsExactly("instance_ids");
		assertThat(paths(new TaskQuery(List.of("leave-request"), null, List.of("u-bob"), null)))
			.containsExactly("approval_codes");
		List<String> codes = new ArrayList<>();
		for (int i = 0; i < 21; i++) {
			codes.add("code-" + i);
		}
		assertThat(paths(TaskQuery.ofApprovals(codes, TaskStatus.PENDING))).containsExactly("approval_codes");
	}

	private List<String> violations(Class<?> type, String base, Consumer<ObjectNode> change) {
		return paths(read(type, base, change));
	}

	private List<String> paths(Object payload) {
		return VALIDATOR.validate(payload).stream().map(PayloadValidator::jsonPath).sorted().toList();
	}

	private List<String> messages(Object payload) {
		return VALIDATOR.validate(payload)
			.stream()
			.map((violation) -> PayloadValidator.jsonPath(violation) + ": " + violation.getMessage())
			.toList();
	}

	static <T> T read(Class<T> type, String base, Consumer<ObjectNode> change) {
		try (InputStream in = CenterRulesTests.class.getResourceAsStream("/payloads/" + base)) {
			ObjectNode json = (ObjectNode) MAPPER.readTree(in);
			change.accept(json);
			return MAPPER.treeToValue(json, type);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Arguments rule(String name, Consumer<ObjectNode> neighbour, Consumer<ObjectNode> breaking,
			String path) {
		return Arguments.of(name, neighbour, breaking, path);
	}

	private static Consumer<ObjectNode> set(String pointer, Object value) {
		return (json) -> {
			JsonPointer at = JsonPointer.compile(pointer);
			((ObjectNode) json.at(at.head())).set(at.last().getMatchingProperty(), MAPPER.valueToTree(value));
		};
	}

	private static Consumer<ObjectNode> remove(String pointer) {
		return (json) -> {
			JsonPointer at = JsonPointer.compile(pointer);
			JsonNode parent = json.at(at.head());
			if (parent instanceof ArrayNode array) {
				array.remove(at.last().getMatchingIndex());
			}
			else {
				((ObjectNode) parent).remove(at.last().getMatchingProperty());
			}
		};
	}

	private static Consumer<ObjectNode> append(String pointer, Object value) {
		return (json) -> ((ArrayNode) json.at(pointer)).add(MAPPER.valueToTree(value));
	}

	/** The valid instance with this many tasks, ids unique. */
	private static Consumer<ObjectNode> tasks(int count) {
		return (json) -> {
			ArrayNode tasks = (ArrayNode) json.at("/task_list");
			JsonNode first = tasks.get(0);
			tasks.removeAll();
			for (int i = 0; i < count; i++) {
				tasks.add(((ObjectNode) first.deepCopy()).put("task_id", "task-" + i));
			}
		};
	}

	private static Consumer<ObjectNode> ccs(int count) {
		return (json) -> {
			ArrayNode ccs = (ArrayNode) json.at("/cc_list");
			JsonNode first = ccs.get(0);
			ccs.removeAll();
			for (int i = 0; i < count; i++) {
				ccs.add(((ObjectNode) first.deepCopy()).put("cc_id", "cc-" + i));
			}
		};
	}

	/** A form whose JSON is this many characters long. */
	private static Consumer<ObjectNode> form(int length) {
		return (json) -> {
			// The value is a key as well, translated by the default locale.
			String empty = "[{\"name\":\"@i18n@002\",\"value\":\"@i18n@\"}]";
			String key = "@i18n@" + "v".repeat(length - empty.length());
			ArrayNode form = MAPPER.createArrayNode();
			form.addObject().put("name", "@i18n@002").put("value", key);
			json.set("form", form);
			((ArrayNode) json.at("/i18n_resources/0/texts")).addObject().put("key", key).put("value", "long");
		};
	}

}
