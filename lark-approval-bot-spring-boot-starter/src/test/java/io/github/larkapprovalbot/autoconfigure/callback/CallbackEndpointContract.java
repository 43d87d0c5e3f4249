package io.github.larkapprovalbot.autoconfigure.callback;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import io.github.larkapprovalbot.ApprovalBotMessenger;
import io.github.larkapprovalbot.CapturedLogs;
import io.github.larkapprovalbot.autoconfigure.callback.app.CallbackTestApplication.LeaveApprovals;
import io.github.larkapprovalbot.callback.ApprovalAction;
import io.github.larkapprovalbot.callback.ApprovalCallbackProcessor;
import io.github.larkapprovalbot.test.LarkSandbox;
import io.github.larkapprovalbot.test.SandboxRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static io.github.larkapprovalbot.WebClientApprovalBotMessengerTests.pendingApproval;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the callback endpoint does, whatever the web stack: subclasses run the application on a real server (Reactor
 * Netty or Tomcat) and these tests call it over HTTP.
 */
abstract class CallbackEndpointContract {

	/** The processor warns of the slow and failing handlers these tests provide on purpose. */
	@RegisterExtension
	final CapturedLogs processorWarnings = CapturedLogs.of(ApprovalCallbackProcessor.class);

	static final String PATH = "/lark/approval/callback";

	/** One sandbox for every context: Spring caches and shares contexts with the same configuration. */
	static final LarkSandbox lark = LarkSandbox.builder().credentials("cli_callback", "secret").start();

	/** A 1008 card in the sandbox, which the handlers update. */
	private static volatile String card = "";

	private static final HttpClient http = HttpClient.newHttpClient();

	@Autowired
	LeaveApprovals approvals;

	@Autowired
	ApprovalBotMessenger messenger;

	@LocalServerPort
	int port;

	String task;

	/** Posts a body to the endpoint over HTTP. */
	Answer post(byte[] body) {
		return postAsync(body).join();
	}

	CompletableFuture<Answer> postAsync(byte[] body) {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + PATH))
			.header("Content-Type", "application/json")
			.timeout(Duration.ofSeconds(30))
			.POST(HttpRequest.BodyPublishers.ofByteArray(body))
			.build();
		return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
			.thenApply((response) -> new Answer(response.statusCode(), response.body()));
	}

	record Answer(int status, String body) {

		JsonNode json() {
			return JsonMapper.shared().readTree(this.body);
		}

	}

	static String callback(String actionType, String context, String taskId, String token) {
		if (card.isEmpty()) {
			throw new IllegalStateException("no card sent yet");
		}
		return "{\"action_type\":\"" + actionType + "\",\"action_context\":\"" + context + "\",\"user_id\":\"b85s39b\","
				+ "\"approval_code\":\"A389\",\"instance_id\":\"people_1234\",\"task_id\":\"" + taskId + "\","
				+ "\"message_id\":" + card + ",\"reason\":\"Enough leave left\",\"attachments\":[{\"file_type\":\"IMAGE\","
				+ "\"file_size\":2048,\"file_name\":\"plan.png\",\"url\":\"https://files.example.com/plan.png\"}],"
				+ "\"token\":\"" + token + "\"}";
	}

	/** A click on a bot card: no message, instance or task, only who clicked and the card's context. */
	static byte[] botCardClick(String userId, String context) {
		return ("{\"action_type\":\"APPROVE\",\"action_context\":\"" + context + "\",\"user_id\":\"" + userId
				+ "\",\"approval_code\":\"A389\",\"message_id\":\"\",\"token\":\"cb-token\"}")
			.getBytes(StandardCharsets.UTF_8);
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
	void sendCard() {
		if (card.isEmpty()) {
			card = this.messenger.send(pendingApproval()).block(Duration.ofSeconds(10)).messageId();
		}
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
		return LarkSandbox.encryptCallback(key, new String(body, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
	}

	/** The contract of an endpoint configured without a callback key. */
	abstract static class Plain extends CallbackEndpointContract {

		@Test
		void handledCallbackIsAnswered200() {
			Answer answer = post(plain("APPROVE", "ok"));
			assertThat(answer.status()).isEqualTo(200);
			assertThat(this.approvals.received).singleElement().satisfies((action) -> {
				assertThat(action.actionType()).isEqualTo("APPROVE");
				assertThat(action.messageId()).isEqualTo(card);
				assertThat(action.userId()).isEqualTo("b85s39b");
				assertThat(action.reason()).isEqualTo("Enough leave left");
				assertThat(action.attachments()).singleElement().satisfies((file) -> {
					assertThat(file.fileName()).isEqualTo("plan.png");
					assertThat(file.fileSize()).isEqualTo(2048L);
					assertThat(file.url()).isEqualTo("https://files.example.com/plan.png");
				});
			});
		}

		@Test
		void twoBotCardClicksWithoutMessageIdAreTwoClicks() {
			assertThat(post(botCardClick("u-bob", "leave-" + UUID.randomUUID())).status()).isEqualTo(200);
			assertThat(post(botCardClick("u-carol", "leave-" + UUID.randomUUID())).status()).isEqualTo(200);
			assertThat(this.approvals.received).hasSize(2);
		}

		@Test
		void aFailedRunIsForgottenSoTheNextTryIsHandled() {
			Answer failed = post(plain("APPROVE", "fail-once"));
			assertThat(failed.status()).isEqualTo(500);
			assertThat(failed.json().path("message").asString()).contains("Please try again");
			assertThat(post(plain("APPROVE", "fail-once")).status()).isEqualTo(200);
			assertThat(this.approvals.received).hasSize(2);
		}

		@Test
		void theDeadlineBoundsTheAnswerNotTheWork() throws InterruptedException {
			CountDownLatch release = new CountDownLatch(1);
			this.approvals.release = release;
			this.approvals.finished = new CountDownLatch(1);
			Answer atTheDeadline = post(plain("APPROVE", "blocking"));
			assertThat(atTheDeadline.status()).isEqualTo(504);
			assertThat(atTheDeadline.json().path("message").asString()).contains("try again");
			assertThat(this.approvals.finished.getCount()).as("still running when Lark was answered").isEqualTo(1);
			String blockedTask = this.task;
			this.task = "task-" + UUID.randomUUID();
			assertThat(post(plain("APPROVE", "ok")).status()).as("another click, answered meanwhile").isEqualTo(200);
			release.countDown();
			assertThat(this.approvals.finished.await(10, TimeUnit.SECONDS)).as("ran to its end").isTrue();
			this.task = blockedTask;
			assertThat(post(plain("APPROVE", "blocking")).status()).as("a later try gets its outcome").isEqualTo(200);
			assertThat(this.approvals.received).extracting(ApprovalAction::taskId).containsOnlyOnce(blockedTask);
		}

		@Test
		void aClickWithoutADocumentedFieldIsRefusedNamingIt() {
			String click = new String(plain("APPROVE", "ok"), StandardCharsets.UTF_8);
			for (String field : List.of("action_type", "user_id", "approval_code")) {
				String without = click.replaceFirst("\"" + field + "\":\"[^\"]*\",", "");
				Answer answer = post(without.getBytes(StandardCharsets.UTF_8));
				assertThat(answer.status()).as(field).isEqualTo(400);
				assertThat(answer.json().path("message").asString()).as(field).contains(field);
			}
			assertThat(this.approvals.received).isEmpty();
		}

		@Test
		void aThousandConcurrentDeliveriesOfOneClickRunItOnce() {
			byte[] click = plain("APPROVE", "ok");
			List<CompletableFuture<Answer>> answers = IntStream.range(0, 1000).mapToObj((i) -> postAsync(click)).toList();
			List<Integer> statuses = answers.stream().map(CompletableFuture::join).map(Answer::status).toList();
			assertThat(this.approvals.received).hasSize(1);
			assertThat(statuses).hasSize(1000).contains(200).allSatisfy((status) -> assertThat(status).isIn(200, 504));
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
		void handlersUpdateTheCardWhenTheButtonHasNoNextStatus() {
			int before = lark.requests().size();
			assertThat(post(plain("APPROVE", "update")).status()).isEqualTo(200);
			assertThat(lark.message(card).status()).isEqualTo("APPROVED");
			newTask();
			assertThat(post(plain("REJECT", "update")).status()).isEqualTo(200);
			assertThat(lark.message(card).status()).isEqualTo("REJECTED");
			List<SandboxRequest> requests = lark.requests();
			assertThat(requests.subList(before, requests.size()))
				.filteredOn((request) -> request.endpoint() != SandboxRequest.Endpoint.TOKEN)
				.extracting((request) -> request.path() + " "
						+ JsonMapper.shared().readTree(request.body()).path("status").asString())
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
		void anEncryptedBodyThatIsNotAClickIsRefused() {
			byte[] notAClick = "{\"type\":\"url_verification\",\"token\":\"cb-token\"}".getBytes(StandardCharsets.UTF_8);
			Answer answer = post(encrypted(notAClick, "cb-key"));
			assertThat(answer.status()).isEqualTo(400);
			assertThat(answer.json().path("message").asString()).contains("not a quick-approval click");
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
