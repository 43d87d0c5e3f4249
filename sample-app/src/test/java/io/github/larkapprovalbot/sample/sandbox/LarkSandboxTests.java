package io.github.larkapprovalbot.sample.sandbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import io.github.larkapprovalbot.callback.CallbackCrypto;
import io.github.larkapprovalbot.helpdesk.HelpdeskBotMessage;
import io.github.larkapprovalbot.message.ApprovalBotMessage;
import io.github.larkapprovalbot.message.ApprovalBotMessage.ActionConfig;
import io.github.larkapprovalbot.message.BotTemplate;
import io.github.larkapprovalbot.message.MessageStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each rule the sandbox enforces answers Lark's documented code, over real HTTP.
 */
class LarkSandboxTests {

	private static final JsonMapper JSON = JsonMapper.shared();

	private LarkSandbox sandbox;

	private WebClient http;

	@BeforeEach
	void start() {
		this.sandbox = LarkSandbox.start(0, Duration.ofHours(2));
		this.http = WebClient.create(this.sandbox.baseUrl());
	}

	@AfterEach
	void stop() {
		this.sandbox.close();
	}

	record Answer(int status, JsonNode body, HttpHeaders headers) {

		int code() {
			return this.body.path("code").asInt();
		}

	}

	private Answer call(String method, String path, Object body, String token, Map<String, String> headers) {
		return this.http.method(org.springframework.http.HttpMethod.valueOf(method))
			.uri(path)
			.headers((h) -> {
				if (token != null) {
					h.setBearerAuth(token);
				}
				h.setContentType(MediaType.APPLICATION_JSON);
				headers.forEach(h::set);
			})
			.bodyValue((body instanceof String text) ? text : JSON.writeValueAsString(body))
			.exchangeToMono((response) -> response.bodyToMono(String.class)
				.defaultIfEmpty("{}")
				.map((text) -> new Answer(response.statusCode().value(), JSON.readTree(text),
						response.headers().asHttpHeaders())))
			.block(Duration.ofSeconds(10));
	}

	private Answer call(String method, String path, Object body, String token) {
		return call(method, path, body, token, Map.of());
	}

	private String token() {
		return call("POST", "/open-apis/auth/v3/tenant_access_token/internal",
				Map.of("app_id", LarkSandbox.APP_ID, "app_secret", LarkSandbox.APP_SECRET), null)
			.body()
			.path("tenant_access_token")
			.asString();
	}

	static ApprovalBotMessage card(BotTemplate template, String uuid) {
		var builder = ApprovalBotMessage.builder(template)
			.toUserId("u-bob")
			.uuid(uuid)
			.approvalName("Leave")
			.titleUserId("u-alice")
			.summary("Reason: trip")
			.detail("https://oa.example.com/leave/1");
		if (template.supportsQuickApproval()) {
			builder.callback("http://localhost:1/cb", "t", null, "ctx").actionConfig(ActionConfig.approve(null));
		}
		if (template == BotTemplate.APPROVED) {
			builder.comment("ok");
		}
		return builder.build();
	}

	private String send(ApprovalBotMessage message) {
		return call("POST", "/open-apis/approval/v1/message/send", message, token()).body()
			.at("/data/message_id")
			.asString();
	}

	/** Clicks Approve on a card, as the outbox page does. */
	private JsonNode approve(String messageId) {
		return this.http.post()
			.uri("/sandbox/messages/" + messageId + "/actions")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("action_type", "APPROVE"))
			.retrieve()
			.bodyToMono(JsonNode.class)
			.block(Duration.ofSeconds(15));
	}

	@Test
	void tokenEndpointChecksTheCredentials() {
		assertThat(token()).startsWith("t-sandbox-");
		assertThat(call("POST", "/open-apis/auth/v3/tenant_access_token/internal",
				Map.of("app_id", LarkSandbox.APP_ID, "app_secret", "wrong"), null).code()).isEqualTo(10015);
		assertThat(call("POST", "/open-apis/auth/v3/tenant_access_token/internal",
				Map.of("app_id", "cli_other", "app_secret", LarkSandbox.APP_SECRET), null).code()).isEqualTo(20002);
	}

	@Test
	void missingUnknownAndExpiredTokensAreRefused() {
		ApprovalBotMessage message = card(BotTemplate.SUBMITTED, "u1");
		assertThat(call("POST", "/open-apis/approval/v1/message/send", message, null).code()).isEqualTo(99991661);
		assertThat(call("POST", "/open-apis/approval/v1/message/send", message, "t-forged").code())
			.isEqualTo(99991663);
		try (LarkSandbox shortLived = LarkSandbox.start(0, Duration.ofMillis(300))) {
			WebClient client = WebClient.create(shortLived.baseUrl());
			String token = client.post()
				.uri("/open-apis/auth/v3/tenant_access_token/internal")
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(Map.of("app_id", LarkSandbox.APP_ID, "app_secret", LarkSandbox.APP_SECRET))
				.retrieve()
				.bodyToMono(JsonNode.class)
				.block()
				.path("tenant_access_token")
				.asString();
			Mono.delay(Duration.ofMillis(400)).block();
			JsonNode expired = client.post()
				.uri("/open-apis/approval/v1/message/send")
				.headers((h) -> h.setBearerAuth(token))
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(message)
				.exchangeToMono((r) -> r.bodyToMono(JsonNode.class))
				.block();
			assertThat(expired.path("code").asInt()).isEqualTo(99991663);
		}
	}

	@Test
	void contentTypeAndPayloadRulesAreChecked() {
		Answer wrongType = this.http.post()
			.uri("/open-apis/approval/v1/message/send")
			.headers((h) -> h.setBearerAuth(token()))
			.contentType(MediaType.TEXT_PLAIN)
			.bodyValue("{}")
			.exchangeToMono((r) -> r.bodyToMono(String.class)
				.map((t) -> new Answer(r.statusCode().value(), JSON.readTree(t), r.headers().asHttpHeaders())))
			.block();
		assertThat(wrongType.code()).isEqualTo(LarkSandbox.VALIDATION_FAILED);
		String invalid = JSON.writeValueAsString(card(BotTemplate.SUBMITTED, "u2")).replace("https://oa", " https://oa");
		Answer answer = call("POST", "/open-apis/approval/v1/message/send", invalid, token());
		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.code()).isEqualTo(LarkSandbox.VALIDATION_FAILED);
		assertThat(answer.body().path("msg").asString()).contains("actions[0].url");
	}

	@Test
	void sameUuidAndUserGetOneCard() {
		String first = send(card(BotTemplate.SUBMITTED, "same-uuid"));
		String second = send(card(BotTemplate.SUBMITTED, "same-uuid"));
		assertThat(second).isEqualTo(first);
		assertThat(this.sandbox.messageIds()).filteredOn((id) -> !id.startsWith("om_")).hasSize(1);
	}

	@Test
	void onlyRecent1008CardsCanBeUpdated() {
		String pending = send(card(BotTemplate.PENDING_APPROVAL, "p1"));
		String submitted = send(card(BotTemplate.SUBMITTED, "s1"));
		String path = "/open-apis/approval/v1/message/update";
		assertThat(call("POST", path, Map.of("message_id", pending, "status", "APPROVED"), token()).code()).isZero();
		Answer notPending = call("POST", path, Map.of("message_id", submitted, "status", "APPROVED"), token());
		assertThat(notPending.code()).isEqualTo(LarkSandbox.VALIDATION_FAILED);
		assertThat(notPending.body().path("msg").asString()).contains("only template 1008");
		this.sandbox.age(pending, 31);
		Answer tooOld = call("POST", path, Map.of("message_id", pending, "status", "REJECTED"), token());
		assertThat(tooOld.body().path("msg").asString()).contains("30 days");
	}

	@Test
	void patchRulesAnswerTheImCodes() {
		String path = "/open-apis/im/v1/messages/" + LarkSandbox.BOARD_MESSAGE_ID;
		String card = "{\"config\":{\"update_multi\":true},\"elements\":[]}";
		assertThat(call("PATCH", path, Map.of("content", card), token()).code()).isZero();
		assertThat(call("PATCH", path, Map.of("content", "{\"elements\":[]}"), token()).code()).isEqualTo(230099);
		assertThat(call("PATCH", path, Map.of("content", "{\"p\":\"" + "x".repeat(31 * 1024) + "\"}"), token()).code())
			.isEqualTo(230025);
		assertThat(call("PATCH", "/open-apis/im/v1/messages/om_missing", Map.of("content", card), token()).code())
			.isEqualTo(230001);
		this.sandbox.age(LarkSandbox.BOARD_MESSAGE_ID, 15);
		assertThat(call("PATCH", path, Map.of("content", card), token()).code()).isEqualTo(230031);
	}

	@Test
	void patchesToOneMessageAreLimitedToFivePerSecond() {
		String path = "/open-apis/im/v1/messages/" + LarkSandbox.BOARD_MESSAGE_ID;
		String card = "{\"config\":{\"update_multi\":true},\"elements\":[]}";
		String token = token();
		Answer last = null;
		for (int i = 0; i < 6; i++) {
			last = call("PATCH", path, Map.of("content", card), token);
		}
		assertThat(last.code()).isEqualTo(230020);
		assertThat(last.headers().getFirst("x-ogw-ratelimit-reset")).isEqualTo("1");
	}

	@Test
	void sendsAreLimitedTo50PerSecondWithTheResetHeader() {
		String token = token();
		Answer throttled = null;
		for (int i = 0; i < 60 && throttled == null; i++) {
			Answer answer = call("POST", "/open-apis/approval/v1/message/send", card(BotTemplate.SUBMITTED, "r" + i),
					token);
			if (answer.status() == 429) {
				throttled = answer;
			}
		}
		assertThat(throttled).isNotNull();
		assertThat(throttled.code()).isEqualTo(99991400);
		assertThat(throttled.headers().getFirst("x-ogw-ratelimit-reset")).isEqualTo("1");
	}

	@Test
	void helpdeskChecksItsHeaderAndBody() {
		String path = "/open-apis/helpdesk/v1/message?user_id_type=user_id";
		String header = Base64.getEncoder()
			.encodeToString((LarkSandbox.HELPDESK_ID + ":" + LarkSandbox.HELPDESK_TOKEN).getBytes(StandardCharsets.UTF_8));
		HelpdeskBotMessage message = HelpdeskBotMessage.text("u-alice", "hi");
		assertThat(call("POST", path, message, token()).status()).isEqualTo(401);
		assertThat(call("POST", path, message, token()).code()).isEqualTo(154001);
		Answer ok = call("POST", path, message, token(), Map.of("X-Lark-Helpdesk-Authorization", header));
		assertThat(ok.body().at("/data/message_id").asString()).startsWith("om_");
		Answer bad = call("POST", path, Map.of("msg_type", "file", "content", "{}", "receiver_id", "u"), token(),
				Map.of("X-Lark-Helpdesk-Authorization", header));
		assertThat(bad.code()).isEqualTo(154000);
	}

	@Test
	void clickFiresTheEncryptedCallbackWithItsTokenThenAppliesNextStatus() {
		AtomicReference<String> received = new AtomicReference<>();
		DisposableServer app = HttpServer.create()
			.host("localhost")
			.port(0)
			.route((routes) -> routes.post("/cb", (req, res) -> req.receive()
				.aggregate()
				.asString()
				.doOnNext(received::set)
				.then(res.status(200).sendString(Mono.just("{}")).then())))
			.bindNow();
		try {
			ApprovalBotMessage message = ApprovalBotMessage.builder(BotTemplate.PENDING_APPROVAL)
				.toUserId("u-bob")
				.approvalName("Leave")
				.titleUserId("u-alice")
				.summary("Reason: trip")
				.detail("https://oa.example.com/leave/1")
				.callback("http://localhost:" + app.port() + "/cb", "cb-token", "cb-key", "leave-1")
				.actionConfig(ActionConfig.approve(MessageStatus.APPROVED))
				.build();
			String id = send(message);
			assertThat(approve(id).path("ok").asBoolean()).isTrue();
			JsonNode envelope = JSON.readTree(received.get());
			JsonNode callback = JSON.readTree(new CallbackCrypto("cb-key").decrypt(envelope.path("encrypt").asString()));
			assertThat(callback.path("token").asString()).isEqualTo("cb-token");
			assertThat(callback.path("action_type").asString()).isEqualTo("APPROVE");
			assertThat(callback.path("action_context").asString()).isEqualTo("leave-1");
			assertThat(callback.path("message_id").asLong()).isEqualTo(Long.parseLong(id));
			JsonNode view = this.http.get()
				.uri("/sandbox/messages")
				.retrieve()
				.bodyToMono(JsonNode.class)
				.block()
				.valueStream()
				.filter((m) -> m.path("id").asString().equals(id))
				.findFirst()
				.orElseThrow();
			assertThat(view.path("status").asString()).isEqualTo("APPROVED");
		}
		finally {
			app.disposeNow();
		}
	}

	@Test
	void clickingAButtonWithoutAReachableApplicationReportsIt() {
		String id = send(card(BotTemplate.PENDING_APPROVAL, "c1"));
		JsonNode answer = approve(id);
		assertThat(answer.path("ok").asBoolean()).isFalse();
		assertThat(answer.path("message").asString()).contains("could not be reached");
	}

}
