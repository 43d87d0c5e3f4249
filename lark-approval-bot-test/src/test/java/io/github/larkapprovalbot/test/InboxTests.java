package io.github.larkapprovalbot.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What the inbox page reads and does over HTTP: the redirect from the sandbox's root, the request log (newest first,
 * with each answer and fault, never a secret), messages without their callback token and key, the times the page
 * shows, a reset, and a click that carries the approver's reason and attached files to the application.
 */
class InboxTests {

	private final TestClock clock = new TestClock(Instant.parse("2026-12-02T08:00:00Z"));

	private final LarkSandbox sandbox = LarkSandbox.builder().clock(this.clock).start();

	private final Wire wire = new Wire(this.sandbox);

	private final List<JsonNode> callbacks = new CopyOnWriteArrayList<>();

	private final HttpServer app;

	InboxTests() throws IOException {
		this.app = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.app.createContext("/callback", (exchange) -> {
			this.callbacks.add(Wire.JSON.readTree(exchange.getRequestBody().readAllBytes()));
			byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		this.app.start();
	}

	@AfterEach
	void close() {
		this.app.stop(0);
		this.sandbox.close();
	}

	@Test
	void theRootRedirectsToTheInbox() {
		Wire.Answer root = this.wire.call("GET", "/", null, null, "", null);
		assertThat(root.status()).isEqualTo(302);
		assertThat(root.header("Location")).isEqualTo("/inbox");
		assertThat(this.wire.page("/inbox")).contains("<title>").contains("/sandbox/requests");
	}

	@Test
	void theRequestLogListsTheNewestFirstWithEachAnswerAndFault() {
		String token = this.wire.token();
		this.sandbox.inject(Fault.serverError().on(SandboxRequest.Endpoint.APPROVAL_SEND));
		ObjectNode card = Wire.pendingApproval("u-bob");
		assertThat(this.wire.post("/open-apis/approval/v1/message/send", token, card).status()).isEqualTo(500);
		assertThat(this.wire.post("/open-apis/approval/v1/message/send", token, card).code()).isZero();
		assertThat(this.wire.post("/open-apis/approval/v1/message/send", "t-unknown", card).code())
			.isEqualTo(99991663);

		Wire.Answer log = this.wire.call("GET", "/sandbox/requests", null, null, "", null);
		assertThat(log.status()).isEqualTo(200);
		assertThat(log.body().path("total").asInt()).isEqualTo(4);
		JsonNode requests = log.body().path("requests");
		assertThat(requests).extracting((request) -> request.path("endpoint").asString())
			.containsExactly("APPROVAL_SEND", "APPROVAL_SEND", "APPROVAL_SEND", "TOKEN");
		assertThat(requests).extracting((request) -> request.path("status").asInt())
			.containsExactly(400, 200, 500, 200);
		assertThat(requests).extracting((request) -> request.path("code").asLong())
			.containsExactly(99991663L, 0L, 155000L, 0L);
		assertThat(requests.get(2).path("fault").asString()).contains("answer 500");
		assertThat(requests.get(1).path("fault").isNull()).isTrue();
		assertThat(requests.get(1).path("method").asString()).isEqualTo("POST");
		assertThat(requests.get(1).path("path").asString()).isEqualTo("/open-apis/approval/v1/message/send");
		assertThat(requests.get(1).path("appId").asString()).isEqualTo(this.sandbox.appId());
		assertThat(Instant.parse(requests.get(0).path("receivedAt").asString()))
			.isAfterOrEqualTo(Instant.parse(requests.get(3).path("receivedAt").asString()));
		assertThat(this.wire.call("GET", "/sandbox/requests?limit=1", null, null, "", null).body().path("requests"))
			.hasSize(1);
	}

	@Test
	void theRequestLogShowsADroppedConnection() {
		String token = this.wire.token();
		this.sandbox.inject(Fault.dropBeforeWork().on(SandboxRequest.Endpoint.APPROVAL_SEND));
		assertThatExceptionOfType(UncheckedIOException.class).isThrownBy(() -> this.wire
			.post("/open-apis/approval/v1/message/send", token, Wire.pendingApproval("u-bob")));
		JsonNode dropped = this.wire.call("GET", "/sandbox/requests", null, null, "", null).body().at("/requests/0");
		assertThat(dropped.path("endpoint").asString()).isEqualTo("APPROVAL_SEND");
		assertThat(dropped.path("status").isNull()).isTrue();
		assertThat(dropped.path("msg").asString()).isEqualTo("connection dropped");
		assertThat(dropped.path("fault").asString()).contains("drop before work");
	}

	@Test
	void nothingThePageReadsHoldsASecret() {
		String token = this.wire.token();
		ObjectNode card = Wire.pendingApproval("u-bob");
		((ObjectNode) card.path("action_callback")).put("action_callback_key", "callback-key-42");
		this.wire.send(card);
		assertThat(this.wire.helpdesk(Wire.JSON.createObjectNode()
			.put("receiver_id", "ou_1")
			.put("msg_type", "text")
			.put("content", "{\"text\":\"hello\"}")).code()).isZero();
		this.wire.post("/open-apis/auth/v3/tenant_access_token/internal", null, Wire.JSON.createObjectNode()
			.put("app_id", this.sandbox.appId())
			.put("app_secret", "a-wrong-secret"));

		String log = this.wire.call("GET", "/sandbox/requests", null, null, "", null).response().body();
		String messages = this.wire.call("GET", "/sandbox/messages", null, null, "", null).response().body();
		String center = this.wire.call("GET", "/sandbox/center", null, null, "", null).response().body();
		List<String> secrets = List.of(this.sandbox.appSecret(), "a-wrong-secret", token, "Bearer",
				this.sandbox.helpdeskToken(),
				Wire.helpdeskAuthorization(this.sandbox.helpdeskId(), this.sandbox.helpdeskToken()), "callback-token",
				"callback-key-42");
		for (String secret : secrets) {
			assertThat(log).doesNotContain(secret);
			assertThat(messages).doesNotContain(secret);
			assertThat(center).doesNotContain(secret);
		}
		assertThat(log).contains("HELPDESK").contains("APPROVAL_SEND").contains("10015");
		assertThat(messages).contains("\"action_callback_token\":\"******\"")
			.contains("\"action_callback_key\":\"******\"")
			.contains("leave-42");
		assertThat(this.sandbox.messagesTo("u-bob").get(0).json()).as("tests still read what was sent")
			.contains("callback-token")
			.contains("callback-key-42");
	}

	@Test
	void messagesShowWhenTheyArrivedAndLastChangedByTheSandboxClock() {
		String id = this.wire.send(Wire.pendingApproval("u-bob")).body().at("/data/message_id").asString();
		JsonNode sent = view(id);
		assertThat(sent.path("arrivedAt").asString()).isEqualTo("2026-12-02T08:00:00Z");
		assertThat(sent.path("changedAt").isNull()).isTrue();

		this.clock.advance(Duration.ofMinutes(5));
		ObjectNode update = Wire.JSON.createObjectNode().put("message_id", id).put("status", "APPROVED");
		update.putArray("i18n_resources").addObject().put("locale", "zh-CN").put("is_default", true).putObject("texts")
			.put("@i18n@1", "已同意");
		assertThat(this.wire.update(update).code()).isZero();
		JsonNode updated = view(id);
		assertThat(updated.path("arrivedAt").asString()).isEqualTo("2026-12-02T08:00:00Z");
		assertThat(updated.path("changedAt").asString()).isEqualTo("2026-12-02T08:05:00Z");
		assertThat(updated.path("status").asString()).isEqualTo("APPROVED");
	}

	@Test
	void aResetFromThePageEmptiesEveryView() {
		this.wire.send(Wire.pendingApproval("u-bob"));
		this.sandbox.createCard("chat-1", Wire.card("Board"));
		Wire.Answer reset = this.wire.call("POST", "/sandbox/reset", null, "application/json", "{}", null);
		assertThat(reset.status()).isEqualTo(200);
		assertThat(reset.body().path("ok").asBoolean()).isTrue();
		assertThat(this.wire.call("GET", "/sandbox/messages", null, null, "", null).body()).isEmpty();
		assertThat(this.wire.call("GET", "/sandbox/requests", null, null, "", null).body().path("requests")).isEmpty();
		assertThat(this.wire.call("GET", "/sandbox/center", null, null, "", null).body().path("people")).isEmpty();
	}

	@Test
	void aClickWithAReasonAndAttachedFilesReachesTheApplication() {
		String id = send(true);
		String click = "{\"action_type\":\"REJECT\",\"reason\":\"Too long\",\"attachments\":["
				+ "{\"file_name\":\"calendar.png\",\"file_size\":2048,\"file_type\":\"IMAGE\"},"
				+ "{\"file_name\":\"policy.pdf\",\"file_size\":512}]}";
		Wire.Answer answer = this.wire.call("POST", "/sandbox/messages/" + id + "/actions", null, "application/json",
				click, null);
		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.body().path("ok").asBoolean()).isTrue();

		assertThat(this.callbacks).hasSize(1);
		JsonNode callback = this.callbacks.get(0);
		assertThat(callback.path("action_type").asString()).isEqualTo("REJECT");
		assertThat(callback.path("reason").asString()).isEqualTo("Too long");
		assertThat(callback.path("token").asString()).isEqualTo("callback-token");
		assertThat(callback.path("attachments")).hasSize(2);
		assertThat(callback.at("/attachments/0/file_name").asString()).isEqualTo("calendar.png");
		assertThat(callback.at("/attachments/0/file_type").asString()).isEqualTo("IMAGE");
		assertThat(callback.at("/attachments/0/file_size").asLong()).isEqualTo(2048);
		assertThat(callback.at("/attachments/1/file_name").asString()).isEqualTo("policy.pdf");
		assertThat(callback.at("/attachments/1/file_type").asString()).isEqualTo("ATTACHMENTS");
		assertThat(this.sandbox.message(id).status()).isEqualTo("REJECTED");
	}

	@Test
	void filesAreRefusedForAButtonThatTakesNone() {
		String id = send(false);
		String click = "{\"action_type\":\"REJECT\",\"reason\":\"no\",\"attachments\":[{\"file_name\":\"a.pdf\"}]}";
		Wire.Answer answer = this.wire.call("POST", "/sandbox/messages/" + id + "/actions", null, "application/json",
				click, null);
		assertThat(answer.status()).isEqualTo(409);
		assertThat(answer.body().path("message").asString()).contains("is_need_attachment");
		assertThat(this.wire.call("POST", "/sandbox/messages/" + id + "/actions", null, "application/json",
				"{\"action_type\":\"REJECT\",\"attachments\":[{\"file_size\":3}]}", null)
			.status()).isEqualTo(400);
		assertThat(this.callbacks).isEmpty();
		assertThat(this.sandbox.message(id).status()).isEqualTo(SandboxMessage.PENDING);
	}

	@Test
	void aTaskClickInTheApprovalCenterCarriesTheReasonAndFilesToo() {
		ObjectNode definition = Wire.definition("leave",
				"http://localhost:" + this.app.getAddress().getPort() + "/callback");
		((ObjectNode) definition.path("external")).remove("action_callback_key");
		assertThat(this.wire.post("/open-apis/approval/v4/external_approvals", this.wire.token(), definition).code())
			.isZero();
		ObjectNode instance = Wire.instance("leave", "i-1", "1000");
		ObjectNode task = Wire.task("t-1", "u-bob", "PENDING", "1000");
		((ObjectNode) task.path("action_configs").get(1)).put("is_need_attachment", true);
		instance.putArray("task_list").add(task);
		assertThat(this.wire.post("/open-apis/approval/v4/external_instances", this.wire.token(), instance).code())
			.isZero();
		assertThat(this.wire.call("GET", "/sandbox/center", null, null, "", null).response().body())
			.doesNotContain("center-token");

		Wire.Answer answer = this.wire.call("POST", "/sandbox/center/instances/i-1/tasks/t-1/actions", null,
				"application/json",
				"{\"action_type\":\"REJECT\",\"reason\":\"No cover\",\"attachments\":[{\"file_name\":\"rota.xlsx\"}]}",
				null);
		assertThat(answer.status()).isEqualTo(200);
		assertThat(this.callbacks).singleElement().satisfies((callback) -> {
			assertThat(callback.path("task_id").asString()).isEqualTo("t-1");
			assertThat(callback.path("reason").asString()).isEqualTo("No cover");
			assertThat(callback.at("/attachments/0/file_name").asString()).isEqualTo("rota.xlsx");
			assertThat(callback.at("/attachments/0/file_type").asString()).isEqualTo("ATTACHMENTS");
			assertThat(callback.at("/attachments/0/file_size").asLong()).isZero();
		});
		assertThat(this.wire.call("POST", "/sandbox/center/instances/i-1/tasks/t-1/actions", null, "application/json",
				"{\"action_type\":\"APPROVE\",\"attachments\":[{\"file_name\":\"a.pdf\"}]}", null)
			.status()).as("Approve takes no files").isEqualTo(409);
	}

	/** A pending card whose REJECT button takes a reason and, when asked, files. */
	private String send(boolean attachments) {
		ObjectNode card = Wire.pendingApproval("u-bob");
		((ObjectNode) card.path("action_callback")).put("action_callback_url",
				"http://localhost:" + this.app.getAddress().getPort() + "/callback");
		if (attachments) {
			((ObjectNode) card.path("action_configs").get(1)).put("is_need_attachment", true);
		}
		return this.wire.send(card).body().at("/data/message_id").asString();
	}

	private JsonNode view(String messageId) {
		for (JsonNode message : this.wire.call("GET", "/sandbox/messages", null, null, "", null).body()) {
			if (messageId.equals(message.path("id").asString())) {
				return message;
			}
		}
		throw new AssertionError("No message " + messageId + " on the page");
	}

}
