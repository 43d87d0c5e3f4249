package io.github.larkapprovalbot.test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * One sandbox serves several apps as Lark does: each has its own credentials, tokens, rate limits, helpdesk and uuid
 * de-duplication, and the sandbox knows from a call's token which app it comes from.
 */
class MultiAppSandboxTests {

	private static final String TOKEN_PATH = "/open-apis/auth/v3/tenant_access_token/internal";

	private static final String SEND_PATH = "/open-apis/approval/v1/message/send";

	private static final String HELPDESK_PATH = "/open-apis/helpdesk/v1/message";

	/** The sandbox's own app, A, and a second app, B, with its own helpdesk. */
	private final LarkSandbox sandbox = LarkSandbox.builder()
		.credentials("cli_a", "secret-a")
		.helpdesk("helpdesk-a", "ht-a")
		.app("cli_b", "secret-b", "helpdesk-b", "ht-b")
		.start();

	private final Wire wire = new Wire(this.sandbox);

	@AfterEach
	void close() {
		this.sandbox.close();
	}

	@Test
	void eachAppGetsItsOwnTokenAndTokenRequestsAreAttributedToTheirApp() {
		String a = token("cli_a", "secret-a");
		String b = token("cli_b", "secret-b");
		assertThat(a).startsWith("t-");
		assertThat(b).startsWith("t-").isNotEqualTo(a);
		// A live token is handed out again to its own app only.
		assertThat(token("cli_a", "secret-a")).isEqualTo(a);
		assertThat(token("cli_b", "secret-b")).isEqualTo(b);
		assertThat(this.sandbox.requests(SandboxRequest.Endpoint.TOKEN)).extracting(SandboxRequest::appId)
			.containsExactly("cli_a", "cli_b", "cli_a", "cli_b");
	}

	@Test
	void aCallIsAttributedToTheAppWhoseTokenItCarries() {
		String a = token("cli_a", "secret-a");
		String b = token("cli_b", "secret-b");
		assertThat(send(b, Wire.pendingApproval("u-1")).code()).isZero();
		assertThat(send(a, Wire.pendingApproval("u-2")).code()).isZero();
		assertThat(this.sandbox.requests(SandboxRequest.Endpoint.APPROVAL_SEND)).extracting(SandboxRequest::appId)
			.containsExactly("cli_b", "cli_a");
		assertThat(this.sandbox.messages()).extracting(SandboxMessage::appId).containsExactly("cli_b", "cli_a");
		assertThat(this.sandbox.messagesTo("u-1")).singleElement()
			.satisfies((message) -> assertThat(message.appId()).isEqualTo("cli_b"));
	}

	@Test
	void everyTokenWorksForItsOwnAppsCallsAndAMadeUpOneIsRefused() {
		String a = token("cli_a", "secret-a");
		String b = token("cli_b", "secret-b");
		assertThat(send(a, Wire.pendingApproval("u-1")).code()).isZero();
		assertThat(send(b, Wire.pendingApproval("u-1")).code()).isZero();
		assertThat(helpdesk(a, "helpdesk-a", "ht-a").code()).isZero();
		assertThat(helpdesk(b, "helpdesk-b", "ht-b").code()).isZero();
		String card = this.sandbox.createCard("oc_group", Wire.card("v0"));
		assertThat(patch(b, card).code()).isZero();

		Wire.Answer madeUp = send("t-sandbox-made-up", Wire.pendingApproval("u-1"));
		assertThat(madeUp.status()).isEqualTo(400);
		assertThat(madeUp.code()).isEqualTo(99991663);
		assertThat(this.sandbox.requests(SandboxRequest.Endpoint.APPROVAL_SEND)).extracting(SandboxRequest::appId)
			.containsExactly("cli_a", "cli_b", null);
		assertThat(this.sandbox.requests(SandboxRequest.Endpoint.HELPDESK)).extracting(SandboxRequest::appId)
			.containsExactly("cli_a", "cli_b");
		assertThat(this.sandbox.requests(SandboxRequest.Endpoint.CARD_PATCH)).extracting(SandboxRequest::appId)
			.containsExactly("cli_b");
		assertThat(this.sandbox.messages()).hasSize(5);
	}

	@Test
	void oneAppsLoadNeverThrottlesAnother() {
		String a = token("cli_a", "secret-a");
		String b = token("cli_b", "secret-b");
		List<Wire.Answer> fromA = new ArrayList<>();
		for (int i = 0; i < 60; i++) {
			fromA.add(send(a, Wire.pendingApproval("u-" + i)));
		}
		// 60 in well under a second: A is over its 50/s, unless its window turned; then until it is.
		for (int i = 60; i < 300 && fromA.get(fromA.size() - 1).status() != 429; i++) {
			fromA.add(send(a, Wire.pendingApproval("u-" + i)));
		}
		Wire.Answer throttled = fromA.get(fromA.size() - 1);
		assertThat(throttled.status()).isEqualTo(429);
		assertThat(throttled.code()).isEqualTo(99991400);

		Wire.Answer fromB = send(b, Wire.pendingApproval("u-b"));
		assertThat(fromB.status()).isEqualTo(200);
		assertThat(fromB.code()).isZero();
		assertThat(this.sandbox.messagesTo("u-b")).singleElement()
			.satisfies((message) -> assertThat(message.appId()).isEqualTo("cli_b"));
		List<SandboxRequest> sends = this.sandbox.requests(SandboxRequest.Endpoint.APPROVAL_SEND);
		assertThat(sends.get(sends.size() - 2).appId()).isEqualTo("cli_a");
		assertThat(sends.get(sends.size() - 1).appId()).isEqualTo("cli_b");
	}

	@Test
	void aHelpdeskCallMustCarryItsOwnAppsHelpdeskCredentials() {
		String a = token("cli_a", "secret-a");
		String b = token("cli_b", "secret-b");
		Wire.Answer borrowed = helpdesk(b, "helpdesk-a", "ht-a");
		assertThat(borrowed.status()).isEqualTo(401);
		assertThat(borrowed.code()).isEqualTo(154001);
		assertThat(helpdesk(a, "helpdesk-b", "ht-b").code()).isEqualTo(154001);
		assertThat(this.sandbox.messages()).isEmpty();
		assertThat(helpdesk(b, "helpdesk-b", "ht-b").code()).isZero();
		assertThat(this.sandbox.messages()).singleElement()
			.satisfies((message) -> assertThat(message.appId()).isEqualTo("cli_b"));
	}

	@Test
	void anAppRegisteredWithoutAHelpdeskHasNone() {
		this.sandbox.addApp("cli_c", "secret-c");
		String c = token("cli_c", "secret-c");
		assertThat(send(c, Wire.pendingApproval("u-1")).code()).isZero();
		assertThat(helpdesk(c, "helpdesk-a", "ht-a").code()).isEqualTo(154001);
		assertThat(helpdesk(c, "", "").code()).isEqualTo(154001);
	}

	@Test
	void uuidDeduplicationIsPerApp() {
		String a = token("cli_a", "secret-a");
		String b = token("cli_b", "secret-b");
		ObjectNode card = Wire.pendingApproval("u-bob").put("uuid", "leave-42");
		String first = messageId(send(a, card));
		assertThat(messageId(send(a, card))).isEqualTo(first);
		String fromB = messageId(send(b, card));
		assertThat(fromB).isNotEqualTo(first);
		assertThat(messageId(send(b, card))).isEqualTo(fromB);
		assertThat(this.sandbox.messagesTo("u-bob")).extracting(SandboxMessage::appId).containsExactly("cli_a", "cli_b");
	}

	@Test
	void aRegisteredAppIdNeedsItsOwnSecret() {
		Wire.Answer otherAppsSecret = tokenAnswer("cli_b", "secret-a");
		assertThat(otherAppsSecret.status()).isEqualTo(400);
		assertThat(otherAppsSecret.code()).isEqualTo(10015);
		assertThat(tokenAnswer("cli_a", "secret-b").code()).isEqualTo(10015);
		assertThat(tokenAnswer("cli_unknown", "secret-a").code()).isEqualTo(20002);
		assertThat(this.sandbox.requests(SandboxRequest.Endpoint.TOKEN)).extracting(SandboxRequest::appId)
			.containsOnlyNulls();
	}

	@Test
	void aRevokedTokenIsOnlyTheOneTheRequestCarried() {
		String a = token("cli_a", "secret-a");
		String b = token("cli_b", "secret-b");
		this.sandbox.inject(Fault.revokeToken());
		assertThat(send(b, Wire.pendingApproval("u-1")).code()).isEqualTo(99991663);
		assertThat(send(b, Wire.pendingApproval("u-1")).code()).isEqualTo(99991663);
		assertThat(send(a, Wire.pendingApproval("u-1")).code()).isZero();
		assertThat(token("cli_a", "secret-a")).isEqualTo(a);
		String replacement = token("cli_b", "secret-b");
		assertThat(replacement).isNotEqualTo(b).isNotEqualTo(a);
		assertThat(send(replacement, Wire.pendingApproval("u-1")).code()).isZero();
	}

	@Test
	void resetKeepsTheAppsAndTheirTokens() {
		this.sandbox.addApp("cli_c", "secret-c");
		String b = token("cli_b", "secret-b");
		String c = token("cli_c", "secret-c");
		this.sandbox.reset();
		assertThat(send(b, Wire.pendingApproval("u-1")).code()).isZero();
		assertThat(send(c, Wire.pendingApproval("u-1")).code()).isZero();
		assertThat(token("cli_c", "secret-c")).isEqualTo(c);
	}

	@Test
	void appsCanBeAddedWhileTheSandboxRunsFromManyThreads() throws Exception {
		int apps = 16;
		ExecutorService threads = Executors.newFixedThreadPool(4);
		try {
			CountDownLatch go = new CountDownLatch(1);
			List<Future<String>> tokens = new ArrayList<>();
			for (int i = 0; i < apps; i++) {
				String id = "cli_runtime_" + i;
				tokens.add(threads.submit(() -> {
					go.await();
					this.sandbox.addApp(id, "secret-" + id, "helpdesk-" + id, "ht-" + id);
					// Registering it again with the same credentials changes nothing.
					this.sandbox.addApp(id, "secret-" + id, "helpdesk-" + id, "ht-" + id);
					return token(id, "secret-" + id);
				}));
			}
			go.countDown();
			Map<String, String> byApp = new ConcurrentHashMap<>();
			for (int i = 0; i < apps; i++) {
				String token = tokens.get(i).get(20, TimeUnit.SECONDS);
				assertThat(token).startsWith("t-");
				byApp.put(token, "cli_runtime_" + i);
			}
			assertThat(byApp).hasSize(apps);
			for (Map.Entry<String, String> entry : byApp.entrySet()) {
				assertThat(send(entry.getKey(), Wire.pendingApproval(entry.getValue())).code()).isZero();
				assertThat(this.sandbox.messagesTo(entry.getValue())).singleElement()
					.satisfies((message) -> assertThat(message.appId()).isEqualTo(entry.getValue()));
			}
		}
		finally {
			threads.shutdownNow();
		}
		assertThatIllegalArgumentException().isThrownBy(() -> this.sandbox.addApp("cli_b", "another-secret"))
			.withMessageContaining("cli_b");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> LarkSandbox.builder().credentials("cli_x", "one").app("cli_x", "two").start());
	}

	@Test
	void eachAppsCardsCallBackTheirOwnEndpoint() throws IOException {
		Map<String, JsonNode> callbacks = new ConcurrentHashMap<>();
		HttpServer application = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		for (String app : List.of("a", "b")) {
			application.createContext("/lark/approval/callback/" + app, (exchange) -> {
				callbacks.put(app, Wire.JSON.readTree(exchange.getRequestBody().readAllBytes()));
				byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
				exchange.sendResponseHeaders(200, body.length);
				exchange.getResponseBody().write(body);
				exchange.close();
			});
		}
		application.start();
		try {
			String base = "http://localhost:" + application.getAddress().getPort() + "/lark/approval/callback/";
			String fromA = messageId(send(token("cli_a", "secret-a"), card(base + "a", "token-a", null)));
			String fromB = messageId(send(token("cli_b", "secret-b"), card(base + "b", "token-b", "key-b")));

			assertThat(this.sandbox.click(fromB, "REJECT", "No")).isEqualTo(200);
			assertThat(this.sandbox.click(fromA, "APPROVE")).isEqualTo(200);
			assertThat(callbacks.get("a").path("token").asString()).isEqualTo("token-a");
			assertThat(callbacks.get("a").path("message_id").asString()).isEqualTo(fromA);
			assertThat(callbacks.get("b").propertyNames()).containsExactly("encrypt");
			assertThat(this.sandbox.message(fromA).status()).isEqualTo("APPROVED");
			assertThat(this.sandbox.message(fromB).status()).isEqualTo("REJECTED");
			assertThat(this.sandbox.message(fromB).appId()).isEqualTo("cli_b");
		}
		finally {
			application.stop(0);
		}
	}

	private static ObjectNode card(String callbackUrl, String callbackToken, String callbackKey) {
		ObjectNode card = Wire.pendingApproval("u-bob");
		ObjectNode callback = (ObjectNode) card.path("action_callback");
		callback.put("action_callback_url", callbackUrl).put("action_callback_token", callbackToken);
		if (callbackKey != null) {
			callback.put("action_callback_key", callbackKey);
		}
		return card;
	}

	private Wire.Answer tokenAnswer(String appId, String appSecret) {
		return this.wire.post(TOKEN_PATH, null,
				Wire.JSON.createObjectNode().put("app_id", appId).put("app_secret", appSecret));
	}

	private String token(String appId, String appSecret) {
		Wire.Answer answer = tokenAnswer(appId, appSecret);
		assertThat(answer.code()).as("the token of %s", appId).isZero();
		return answer.body().path("tenant_access_token").asString();
	}

	private Wire.Answer send(String token, JsonNode card) {
		return this.wire.post(SEND_PATH, token, card);
	}

	private Wire.Answer helpdesk(String token, String helpdeskId, String helpdeskToken) {
		ObjectNode body = Wire.JSON.createObjectNode().put("msg_type", "text").put("content", "{\"text\":\"hi\"}")
			.put("receiver_id", "ou_1");
		return this.wire.call("POST", HELPDESK_PATH, "Bearer " + token, "application/json", body.toString(),
				Wire.helpdeskAuthorization(helpdeskId, helpdeskToken));
	}

	private Wire.Answer patch(String token, String messageId) {
		return this.wire.call("PATCH", "/open-apis/im/v1/messages/" + messageId, "Bearer " + token,
				"application/json", Wire.JSON.createObjectNode().put("content", Wire.card("v1")).toString(), null);
	}

	private static String messageId(Wire.Answer answer) {
		assertThat(answer.code()).as(answer.body().toString()).isZero();
		return answer.body().at("/data/message_id").asString();
	}

}
