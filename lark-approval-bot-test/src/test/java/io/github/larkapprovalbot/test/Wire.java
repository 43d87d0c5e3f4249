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

	static String helpdeskAuthorization(String id, String token) {
		return Base64.getEncoder().encodeToString((id + ":" + token).getBytes(StandardCharsets.UTF_8));
	}

	Answer post(String path, String token, JsonNode body) {
		return call("POST", path, (token != null) ? "Bearer " + token : null, "application/json; charset=utf-8",
				body.toString(), null);
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
