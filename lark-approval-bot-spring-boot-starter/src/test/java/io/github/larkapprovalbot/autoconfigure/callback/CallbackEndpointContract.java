package io.github.larkapprovalbot.autoconfigure.callback;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import io.github.larkapprovalbot.CapturedLogs;
import io.github.larkapprovalbot.LarkStub;
import io.github.larkapprovalbot.autoconfigure.callback.app.CallbackTestApplication.LeaveApprovals;
import io.github.larkapprovalbot.callback.ApprovalCallbackProcessor;
import io.github.larkapprovalbot.callback.CallbackCrypto;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the callback endpoint does, whatever the web stack: subclasses send real requests to a running application.
 */
abstract class CallbackEndpointContract {

	/** The processor warns of the slow and failing handlers these tests provide on purpose. */
	@RegisterExtension
	final CapturedLogs processorWarnings = CapturedLogs.of(ApprovalCallbackProcessor.class);

	static final String PATH = "/lark/approval/callback";

	/** One stub for every context: Spring caches and shares contexts with the same configuration. */
	static final LarkStub lark = new LarkStub();

	@Autowired
	LeaveApprovals approvals;

	private String task;

	/** Posts a body to the endpoint. */
	abstract Answer post(byte[] body);

	record Answer(int status, String body) {

		JsonNode json() {
			return JsonMapper.shared().readTree(this.body);
		}

	}

	static String callback(String actionType, String context, String taskId, String token) {
		return "{\"action_type\":\"" + actionType + "\",\"action_context\":\"" + context + "\",\"user_id\":\"b85s39b\","
				+ "\"approval_code\":\"A389\",\"instance_id\":\"people_1234\",\"task_id\":\"" + taskId + "\","
				+ "\"message_id\":7001,\"token\":\"" + token + "\"}";
	}

	@DynamicPropertySource
	static void larkProperties(DynamicPropertyRegistry registry) {
		registry.add("lark.approval-bot.app-id", () -> "cli_callback");
		registry.add("lark.approval-bot.app-secret", () -> "secret");
		registry.add("lark.approval-bot.base-url", lark::baseUrl);
		registry.add("lark.approval-bot.callback.token", () -> "cb-token");
		registry.add("lark.approval-bot.callback.handler-timeout", () -> "500ms");
		registry.add("lark.approval-bot.callback.max-body-size", () -> "4KB");
		registry.add("spring.reactor.netty.shutdown-quiet-period", () -> "0s");
	}

	@BeforeEach
	void newTask() {
		this.task = "task-" + UUID.randomUUID();
		this.approvals.received.clear();
	}

	byte[] plain(String actionType, String context) {
		return callback(actionType, context, this.task, "cb-token").getBytes(StandardCharsets.UTF_8);
	}

	static byte[] encrypted(byte[] body, String key) {
		return ("{\"encrypt\":\"" + new CallbackCrypto(key).encrypt(body) + "\"}").getBytes(StandardCharsets.UTF_8);
	}

	/** The contract of an endpoint configured without a callback key. */
	abstract static class Plain extends CallbackEndpointContract {

		@Test
		void handledCallbackIsAnswered200() {
			Answer answer = post(plain("APPROVE", "ok"));
			assertThat(answer.status()).isEqualTo(200);
			assertThat(this.approvals.received).singleElement().satisfies((action) -> {
				assertThat(action.actionType()).isEqualTo("APPROVE");
				assertThat(action.messageId()).isEqualTo("7001");
				assertThat(action.userId()).isEqualTo("b85s39b");
			});
		}

		@Test
		void wrongTokenIsRefusedAndTheHandlerNotCalled() {
			Answer answer = post(callback("APPROVE", "ok", "t-wrong-token", "cb-tokem").getBytes(StandardCharsets.UTF_8));
			assertThat(answer.status()).isEqualTo(401);
			assertThat(answer.json().path("message").asString()).isEqualTo("The callback token is missing or wrong.");
			assertThat(this.approvals.received).isEmpty();
		}

		@Test
		void nonJsonBodyIsRefused() {
			Answer answer = post("approve please".getBytes(StandardCharsets.UTF_8));
			assertThat(answer.status()).isEqualTo(422);
			assertThat(answer.json().path("message").asString()).isNotBlank();
			assertThat(this.approvals.received).isEmpty();
		}

		@Test
		void bodyOverTheLimitIsRefused() {
			String big = "{\"token\":\"cb-token\",\"pad\":\"" + "x".repeat(5000) + "\"}";
			Answer answer = post(big.getBytes(StandardCharsets.UTF_8));
			assertThat(answer.status()).isEqualTo(413);
			assertThat(this.approvals.received).isEmpty();
		}

		@Test
		void duplicateDeliveryRunsTheHandlerOnceAndGetsTheFirstAnswer() {
			Answer first = post(plain("APPROVE", "refuse"));
			Answer second = post(plain("APPROVE", "refuse"));
			assertThat(first.status()).isEqualTo(500);
			assertThat(second).isEqualTo(first);
			assertThat(this.approvals.received).hasSize(1);
		}

		@Test
		void handlerFailureCarriesItsMessage() {
			Answer answer = post(plain("APPROVE", "refuse"));
			assertThat(answer.status()).isEqualTo(500);
			assertThat(answer.json().path("message").asString()).isEqualTo("The leave balance is too low");
		}

		@Test
		void slowHandlerIsAnsweredWithAFailureBeforeLarkGivesUp() {
			Answer answer = post(plain("APPROVE", "slow"));
			assertThat(answer.status()).isEqualTo(504);
			assertThat(answer.json().path("message").asString()).contains("did not answer in time");
		}

		@Test
		void handlersUpdateTheCardWhenTheButtonHasNoNextStatus() {
			int before = lark.apiRequests().size();
			assertThat(post(plain("APPROVE", "update")).status()).isEqualTo(200);
			newTask();
			assertThat(post(plain("REJECT", "update")).status()).isEqualTo(200);
			assertThat(lark.apiRequests().subList(before, lark.apiRequests().size()))
				.extracting((RecordedRequest r) -> r.getUrl().encodedPath() + " " + LarkStub.body(r).path("status").asString())
				.containsExactly("/open-apis/approval/v1/message/update APPROVED",
						"/open-apis/approval/v1/message/update REJECTED");
		}

	}

	/** The contract of an endpoint configured with a callback key. */
	abstract static class Encrypted extends CallbackEndpointContract {

		@DynamicPropertySource
		static void callbackKey(DynamicPropertyRegistry registry) {
			registry.add("lark.approval-bot.callback.key", () -> "cb-key");
		}

		@Test
		void encryptedCallbackIsDecryptedAndHandled() {
			assertThat(post(encrypted(plain("APPROVE", "ok"), "cb-key")).status()).isEqualTo(200);
			assertThat(this.approvals.received).hasSize(1);
		}

		@Test
		void plainCallbackIsRefused() {
			assertThat(post(plain("APPROVE", "ok")).status()).isEqualTo(403);
			assertThat(this.approvals.received).isEmpty();
		}

		@Test
		void callbackEncryptedWithAnotherKeyIsRefused() {
			assertThat(post(encrypted(plain("APPROVE", "ok"), "not-the-key")).status()).isEqualTo(403);
			assertThat(this.approvals.received).isEmpty();
		}

		@Test
		void tamperedCiphertextIsRefused() {
			String body = new String(encrypted(plain("APPROVE", "ok"), "cb-key"), StandardCharsets.UTF_8);
			int at = body.length() - 6;
			char flipped = (body.charAt(at) == 'A') ? 'B' : 'A';
			byte[] tampered = (body.substring(0, at) + flipped + body.substring(at + 1)).getBytes(StandardCharsets.UTF_8);
			assertThat(post(tampered).status()).isEqualTo(403);
			assertThat(this.approvals.received).isEmpty();
		}

	}

}
