package io.github.larkapprovalbot.test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Raw HTTP against a sandbox, as any client would call Lark, and valid bodies to break one rule at a time.
 */
final class Wire {

	static final JsonMapper JSON = JsonMapper.shared();

	private final LarkSandbox sandbox;

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	Wire(LarkSandbox sandbox) {
		this.sandbox = sandbox;
	}

	record Answer(int status, JsonNode body, HttpResponse<String> response) {

		int code() {
			return this.body.path("code").asInt(-1);
		}

		String msg() {
			return this.body.path("msg").asString("");
		}

		String header(String name) {
			return this.response.headers().firstValue(name).orElse("");
		}

	}

	String token() {
		Answer answer = post("/open-apis/auth/v3/tenant_access_token/internal", null,
				JSON.createObjectNode().put("app_id", this.sandbox.appId()).put("app_secret", this.sandbox.appSecret()));
		return answer.body().path("tenant_access_token").asString();
	}

	Answer send(JsonNode body) {
		return post("/open-apis/approval/v1/message/send", token(), body);
	}

	Answer update(JsonNode body) {
		return post("/open-apis/approval/v1/message/update", token(), body);
	}

	Answer patch(String messageId, String card) {
		return call("PATCH", "/open-apis/im/v1/messages/" + messageId, "Bearer " + token(), "application/json",
				JSON.createObjectNode().put("content", card).toString(), null);
	}

	Answer helpdesk(JsonNode body) {
		return helpdesk(body, helpdeskAuthorization(this.sandbox.helpdeskId(), this.sandbox.helpdeskToken()), "");
	}

	Answer helpdesk(JsonNode body, String helpdeskAuthorization, String query) {
		return call("POST", "/open-apis/helpdesk/v1/message" + query, "Bearer " + token(), "application/json",
				body.toString(), helpdeskAuthorization);
	}

	/** A GET without a body, as {@code external_approvals/:approval_code} is called. */
	Answer get(String path) {
		return call("GET", path, "Bearer " + token(), null, "", null);
	}

	/** A GET with a JSON body, as {@code external_tasks} is called. */
	Answer get(String path, JsonNode body) {
		return call("GET", path, "Bearer " + token(), "application/json; charset=utf-8", body.toString(), null);
	}

	static String helpdeskAuthorization(String id, String token) {
		return Base64.getEncoder().encodeToString((id + ":" + token).getBytes(StandardCharsets.UTF_8));
	}

	Answer post(String path, String token, JsonNode body) {
		return call("POST", path, (token != null) ? "Bearer " + token : null, "application/json; charset=utf-8",
				body.toString(), null);
	}

	/** The body of a page the sandbox serves (HTML, not Lark's JSON). */
	String page(String path) {
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.sandbox.baseUrl() + path))
			.timeout(Duration.ofSeconds(20))
			.build();
		try {
			return this.http.send(request, HttpResponse.BodyHandlers.ofString()).body();
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	Answer call(String method, String path, String authorization, String contentType, String body,
			String helpdeskAuthorization) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.sandbox.baseUrl() + path))
			.timeout(Duration.ofSeconds(20))
			.method(method, HttpRequest.BodyPublishers.ofString(body));
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		if (contentType != null) {
			request.header("Content-Type", contentType);
		}
		if (helpdeskAuthorization != null) {
			request.header("X-Lark-Helpdesk-Authorization", helpdeskAuthorization);
		}
		try {
			HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			JsonNode json = response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
			return new Answer(response.statusCode(), json, response);
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** A valid 1008 card with quick approval, as the send page's example has it. */
	static ObjectNode pendingApproval(String userId) {
		ObjectNode body = JSON.createObjectNode()
			.put("template_id", "1008")
			.put("user_id", userId)
			.put("approval_name", "@i18n@1")
			.put("title_user_id", "ou_applicant")
			.put("title_user_id_type", "open_id");
		body.putObject("content").putArray("summaries").addObject().put("summary", "@i18n@2");
		body.putArray("actions").add(detail("DETAIL"));
		body.putArray("action_configs")
			.add(JSON.createObjectNode().put("action_type", "APPROVE").put("next_status", "APPROVED"))
			.add(JSON.createObjectNode().put("action_type", "REJECT").put("next_status", "REJECTED")
				.put("is_need_reason", true));
		body.putObject("action_callback")
			.put("action_callback_url", "http://localhost:1/callback")
			.put("action_callback_token", "callback-token")
			.put("action_context", "leave-42");
		ObjectNode texts = body.putArray("i18n_resources").addObject().put("locale", "en-US").put("is_default", true)
			.putObject("texts");
		texts.put("@i18n@1", "Leave").put("@i18n@2", "Family matters");
		return body;
	}

	/** A valid approval center definition, as the create page's example has it. */
	static ObjectNode definition(String approvalCode, String callbackUrl) {
		ObjectNode body = JSON.createObjectNode()
			.put("approval_name", "@i18n@approval_name")
			.put("approval_code", approvalCode)
			.put("group_code", "work_group")
			.put("group_name", "@i18n@group_name");
		body.putObject("external")
			.put("create_link_pc", "https://oa.example.com/new")
			.put("create_link_mobile", "https://oa.example.com/new")
			.put("support_pc", true)
			.put("support_mobile", true)
			.put("support_batch_read", false)
			.put("action_callback_url", callbackUrl)
			.put("action_callback_token", "center-token")
			.put("action_callback_key", "gfdqedvsadfgfsd");
		body.putArray("viewers").addObject().put("viewer_type", "TENANT");
		ObjectNode zh = body.putArray("i18n_resources").addObject().put("locale", "zh-CN").put("is_default", true);
		zh.putArray("texts")
			.add(text("@i18n@approval_name", "请假"))
			.add(text("@i18n@group_name", "人事"));
		return body;
	}

	/** A valid pending approval center instance of one definition, without tasks or CCs. */
	static ObjectNode instance(String approvalCode, String instanceId, String updateTime) {
		ObjectNode body = JSON.createObjectNode()
			.put("approval_code", approvalCode)
			.put("instance_id", instanceId)
			.put("status", "PENDING")
			.put("title", "@i18n@title")
			.put("user_id", "u-alice")
			.put("user_name", "@i18n@alice")
			.put("department_id", "d-1")
			.put("start_time", "1700000000000")
			.put("end_time", "0")
			.put("update_time", updateTime);
		body.set("links", links());
		body.putArray("form").addObject().put("name", "@i18n@days").put("value", "3");
		ObjectNode en = body.putArray("i18n_resources").addObject().put("locale", "en-US").put("is_default", true);
		en.putArray("texts")
			.add(text("@i18n@title", "Leave of Alice"))
			.add(text("@i18n@alice", "Alice"))
			.add(text("@i18n@days", "Days"));
		return body;
	}

	/** A pending task with Approve and Reject (which needs a reason) in the approval center's list. */
	static ObjectNode task(String taskId, String userId, String status, String updateTime) {
		ObjectNode task = JSON.createObjectNode()
			.put("task_id", taskId)
			.put("user_id", userId)
			.put("status", status)
			.put("create_time", "1700000000000")
			.put("end_time", "0")
			.put("update_time", updateTime)
			.put("action_context", "leave-42");
		task.set("links", links());
		task.putArray("action_configs")
			.add(JSON.createObjectNode().put("action_type", "APPROVE"))
			.add(JSON.createObjectNode().put("action_type", "REJECT").put("is_need_reason", true));
		return task;
	}

	static ObjectNode cc(String ccId, String userId, String updateTime) {
		ObjectNode cc = JSON.createObjectNode()
			.put("cc_id", ccId)
			.put("user_id", userId)
			.put("read_status", "UNREAD")
			.put("create_time", "1700000000000")
			.put("update_time", updateTime);
		cc.set("links", links());
		return cc;
	}

	private static ObjectNode links() {
		return JSON.createObjectNode()
			.put("pc_link", "https://oa.example.com/42")
			.put("mobile_link", "https://oa.example.com/m/42");
	}

	private static ObjectNode text(String key, String value) {
		return JSON.createObjectNode().put("key", key).put("value", value);
	}

	static ObjectNode detail(String name) {
		return JSON.createObjectNode()
			.put("action_name", name)
			.put("url", "https://oa.example.com/42")
			.put("android_url", "https://oa.example.com/42")
			.put("ios_url", "https://oa.example.com/42")
			.put("pc_url", "https://oa.example.com/42");
	}

	static String card(String title) {
		ObjectNode card = JSON.createObjectNode();
		card.putObject("config").put("update_multi", true);
		card.putObject("header").putObject("title").put("tag", "plain_text").put("content", title);
		return card.toString();
	}

}
