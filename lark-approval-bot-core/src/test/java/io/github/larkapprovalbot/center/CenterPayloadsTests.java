package io.github.larkapprovalbot.center;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.github.larkapprovalbot.validation.PayloadValidator;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The records read the documented JSON and write it back as documented: times as millisecond strings, {@code texts} as
 * {@code {key, value}} arrays; the builders allocate the keys from plain texts.
 */
class CenterPayloadsTests {

	private static final JsonMapper MAPPER = JsonMapper.shared();

	/** The documentation's sync example (with its {@code end_time} written as the number 0). */
	private static final String DOCUMENTED_INSTANCE = """
			{"approval_code":"84C18825-XXXX","instance_id":"3162634","status":"PENDING","extra":"",
			 "links":{"pc_link":"http://www.example.com/pc","mobile_link":"http://www.example.com/mobile"},
			 "title":"@i18n@1","form":[{"name":"@i18n@2","value":"@i18n@3"}],"user_id":"16fb9ff3","user_name":"@i18n@9",
			 "open_id":"ou_123","department_id":"","department_name":"@i18n@10","start_time":"1657093395000",
			 "update_time":"1657093395000","end_time":0,"update_mode":"REPLACE",
			 "task_list":[{"task_id":"112253","user_id":"16fb9ff3","open_id":"ou_123",
			   "links":{"pc_link":"http://www.example.com/pc","mobile_link":"http://www.example.com/mobile"},
			   "status":"PENDING","extra":"","title":"@i18n@4","create_time":"1638468921000","end_time":0,
			   "update_time":"1638468921000","action_context":"123456",
			   "action_configs":[{"action_type":"APPROVE","action_name":"@i18n@5","is_need_reason":true,
			     "is_reason_required":false,"is_need_attachment":false}],
			   "display_method":"BROWSER","exclude_statistics":false,"node_id":"node","node_name":"@i18n@6"}],
			 "cc_list":[{"cc_id":"123456","user_id":"12345","open_id":"ou_12345",
			   "links":{"pc_link":"http://www.example.com/pc","mobile_link":"http://www.example.com/mobile"},
			   "read_status":"READ","extra":"","title":"@i18n@7","create_time":"1657093395000",
			   "update_time":"1657093395000","display_method":"BROWSER"}],
			 "i18n_resources":[{"locale":"zh-CN","texts":[{"key":"@i18n@1","value":"people"},
			   {"key":"@i18n@2","value":"field"},{"key":"@i18n@3","value":"value"},{"key":"@i18n@4","value":"task"},
			   {"key":"@i18n@5","value":"approve"},{"key":"@i18n@6","value":"node"},{"key":"@i18n@7","value":"cc"},
			   {"key":"@i18n@9","value":"Alice"},{"key":"@i18n@10","value":"HR"}],"is_default":true}]}""";

	/** The documentation's definition example. */
	private static final String DOCUMENTED_DEFINITION = """
			{"approval_name":"@i18n@1","approval_code":"permission_test","group_code":"work_group",
			 "group_name":"@i18n@2","external":{"create_link_pc":"https://applink.feishu.cn/client/mini_program/open",
			 "create_link_mobile":"https://applink.feishu.cn/client/mini_program/open","support_pc":true,
			 "support_mobile":true,"support_batch_read":false,
			 "action_callback_url":"http://feishu.cn/approval/openapi/operate","action_callback_token":"sdjkljkx9lsadf110",
			 "action_callback_key":"gfdqedvsadfgfsd","enable_mark_readed":false},
			 "i18n_resources":[{"locale":"zh-CN","is_default":true,"texts":[{"key":"@i18n@1","value":"people"},
			 {"key":"@i18n@2","value":"hr"}]}],"viewers":[{"viewer_type":"TENANT"}],"managers":["96449fb3"]}""";

	private final PayloadValidator validator = PayloadValidator.createDefault();

	@Test
	void theDocumentedInstanceReadsAndWritesBackAsDocumented() {
		ExternalInstance instance = MAPPER.readValue(DOCUMENTED_INSTANCE, ExternalInstance.class);
		assertThat(this.validator.validate(instance)).isSameAs(instance);
		JsonNode written = MAPPER.valueToTree(instance);
		JsonNode documented = MAPPER.readTree(DOCUMENTED_INSTANCE.replace("\"end_time\":0", "\"end_time\":\"0\""));
		assertThat(written).isEqualTo(documented);
		assertThat(written.at("/end_time").isString()).isTrue();
		assertThat(written.at("/i18n_resources/0/texts/0")).isEqualTo(MAPPER.readTree("{\"key\":\"@i18n@1\",\"value\":\"people\"}"));
	}

	@Test
	void theDocumentedDefinitionReadsAndWritesBackAsDocumented() {
		ExternalApprovalDefinition definition = MAPPER.readValue(DOCUMENTED_DEFINITION, ExternalApprovalDefinition.class);
		assertThat(this.validator.validate(definition)).isSameAs(definition);
		assertThat((JsonNode) MAPPER.valueToTree(definition)).isEqualTo(MAPPER.readTree(DOCUMENTED_DEFINITION));
	}

	@Test
	void aDefinitionsToStringHidesTheCallbackTokenAndKey() {
		ExternalApprovalDefinition definition = MAPPER.readValue(DOCUMENTED_DEFINITION, ExternalApprovalDefinition.class);
		assertThat(definition.toString()).doesNotContain("sdjkljkx9lsadf110", "gfdqedvsadfgfsd")
			.contains("http://feishu.cn/approval/openapi/operate", "actionCallbackToken=******");
	}

	@Test
	void theInstanceBuilderAllocatesKeysAcrossTheInstanceItsTasksAndCcs() {
		Instant submitted = Instant.parse("2026-12-01T09:00:00Z");
		ExternalInstance instance = ExternalInstance.builder("leave-request", "leave-7")
			.link("https://oa.example.com/leave/7")
			.title(CenterText.of("请假申请", "Leave request"))
			.formField(CenterText.of("天数", "Days"), CenterText.of("3"))
			.initiatorUserId("u-alice")
			.initiatorName("Alice")
			.startTime(submitted)
			.updateTime(submitted)
			.task(ExternalInstance.Task.builder("leave-7-task")
				.userId("u-bob")
				.title(CenterText.of("请假申请", "Leave request"))
				.link("https://oa.example.com/leave/7/approve")
				.createTime(submitted)
				.updateTime(submitted)
				.approveAndReject())
			.cc(ExternalInstance.Cc.builder("leave-7-cc").userId("u-alice").link("https://oa.example.com/leave/7")
				.createTime(submitted)
				.updateTime(submitted))
			.build();
		assertThat(this.validator.validate(instance)).isSameAs(instance);
		JsonNode json = MAPPER.valueToTree(instance);
		assertThat(json.at("/title").asString()).isEqualTo("@i18n@001");
		assertThat(json.at("/task_list/0/title").asString()).as("the same text shares its key").isEqualTo("@i18n@001");
		assertThat(json.at("/start_time").asString()).isEqualTo(Long.toString(submitted.toEpochMilli()));
		assertThat(json.at("/end_time").asString()).isEqualTo("0");
		assertThat(json.at("/status").asString()).isEqualTo("PENDING");
		assertThat(json.at("/task_list/0/action_configs/1/is_need_reason").asBoolean()).isTrue();
		assertThat(json.at("/cc_list/0/read_status").asString()).isEqualTo("UNREAD");
		JsonNode chinese = MAPPER.valueToTree(Map.of("locale", "zh-CN", "is_default", true, "texts",
				List.of(Map.of("key", "@i18n@001", "value", "请假申请"), Map.of("key", "@i18n@002", "value", "天数"),
						Map.of("key", "@i18n@003", "value", "3"), Map.of("key", "@i18n@004", "value", "Alice"))));
		assertThat(json.at("/i18n_resources/0")).isEqualTo(chinese);
		assertThat(json.at("/i18n_resources/1/locale").asString()).isEqualTo("en-US");
		assertThat(json.at("/i18n_resources/1/texts")).hasSize(2);
		assertThat(instance.version()).isEqualTo(new InstanceVersion("leave-7", Long.toString(submitted.toEpochMilli()),
				List.of(new InstanceVersion.TaskVersion("leave-7-task", Long.toString(submitted.toEpochMilli())))));
	}

	@Test
	void theDefinitionBuilderAllocatesKeysOfNineCharactersOrMore() {
		ExternalApprovalDefinition definition = ExternalApprovalDefinition.builder("leave-request")
			.name(CenterText.of("请假", "Leave"))
			.group("hr", CenterText.of("人事", "HR"))
			.bizName(CenterText.of("办公系统", "Office"))
			.createLinks("https://oa.example.com/leave/new", null)
			.viewer(ExternalApprovalDefinition.Viewer.TENANT)
			.build();
		assertThat(this.validator.validate(definition)).isSameAs(definition);
		assertThat(definition.approvalName()).isEqualTo("@i18n@001").hasSizeGreaterThanOrEqualTo(9);
		assertThat(definition.external().supportPc()).isTrue();
		assertThat(definition.external().supportMobile()).isFalse();
		assertThat(definition.external().actionCallbackUrl()).as("define fills it from the app").isNull();
	}

}
