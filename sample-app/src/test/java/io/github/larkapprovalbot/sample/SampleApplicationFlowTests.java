package io.github.larkapprovalbot.sample;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.larkapprovalbot.sample.sandbox.LarkSandbox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample as a newcomer runs it: no Lark credentials, so the sandbox starts; a leave request sends a 1008 card;
 * clicking its buttons on the sandbox fires the encrypted callback into the app, which updates the card, tells the
 * applicant, patches the board, and uses the helpdesk on rejection.
 */
class SampleApplicationFlowTests {

	private ConfigurableApplicationContext app;

	private WebClient appClient;

	private WebClient sandboxClient;

	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	static ConfigurableApplicationContext startSample(int port) {
		// Arguments, not builder properties: those are defaults, below application.yml.
		return new SpringApplicationBuilder(SampleApplication.class).run("--server.port=" + port,
				"--sample.sandbox.port=0", "--spring.reactor.netty.shutdown-quiet-period=0s");
	}

	@BeforeEach
	void start() throws IOException {
		int port = freePort();
		this.app = startSample(port);
		this.appClient = WebClient.create("http://localhost:" + port);
		this.sandboxClient = WebClient.create(this.app.getBean(LarkSandbox.class).baseUrl());
	}

	@AfterEach
	void stop() {
		this.app.close();
	}

	@Test
	void approvingOnTheCardUpdatesItAndTellsTheApplicant() {
		LeaveRequest request = create("u-alice", "u-bob");
		assertThat(request.messageId()).isNotBlank();
		assertThat(click(request.messageId(), "APPROVE").path("ok").asBoolean()).isTrue();

		assertThat(message(request.messageId()).path("status").asString()).isEqualTo("APPROVED");
		assertThat(messagesFor("u-alice")).singleElement()
			.satisfies((m) -> assertThat(m.at("/body/template_id").asString()).isEqualTo("1004"));
		assertThat(message(LarkSandbox.BOARD_MESSAGE_ID).path("patches").asInt()).isEqualTo(1);
		assertThat(this.appClient.get().uri("/leave-requests/" + request.id()).retrieve().bodyToMono(LeaveRequest.class)
			.block().status()).isEqualTo("APPROVED");
	}

	@Test
	void rejectingSendsA1003CardAndAHelpdeskMessage() {
		LeaveRequest request = create("u-carol", "u-bob");
		assertThat(click(request.messageId(), "REJECT").path("ok").asBoolean()).isTrue();
		assertThat(message(request.messageId()).path("status").asString()).isEqualTo("REJECTED");
		assertThat(messagesFor("u-carol")).extracting((m) -> m.path("kind").asString())
			.containsExactlyInAnyOrder("APPROVAL", "HELPDESK");
		// The reason the approver typed reaches the applicant, in each locale the sample has texts for.
		JsonNode rejected = messagesFor("u-carol").stream()
			.filter((m) -> m.path("kind").asString().equals("APPROVAL"))
			.findFirst()
			.orElseThrow();
		assertThat(rejected.at("/body/template_id").asString()).isEqualTo("1003");
		assertThat(rejected.at("/body/i18n_resources").toString()).contains("驳回理由").contains("Why")
			.contains("checked");
		JsonNode helpdesk = messagesFor("u-carol").stream()
			.filter((m) -> m.path("kind").asString().equals("HELPDESK"))
			.findFirst()
			.orElseThrow();
		JsonNode post = JsonMapper.shared().readTree(helpdesk.at("/body/content").asString()).path("post");
		assertThat(post.at("/zh_cn/content").toString()).contains("checked");
		assertThat(post.at("/en_us/content").toString()).contains("Why: checked");
	}

	@Test
	void aSecondClickIsRefusedWithTheAppsMessage() {
		LeaveRequest request = create("u-dave", "u-bob");
		click(request.messageId(), "APPROVE");
		JsonNode again = click(request.messageId(), "REJECT");
		assertThat(again.path("ok").asBoolean()).isFalse();
		assertThat(again.path("message").asString()).contains("already APPROVED");
	}

	private LeaveRequest create(String applicant, String approver) {
		return this.appClient.post()
			.uri("/leave-requests")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("applicantId", applicant, "approverId", approver, "reason", "Family trip", "days", 3))
			.retrieve()
			.bodyToMono(LeaveRequest.class)
			.block(Duration.ofSeconds(10));
	}

	private JsonNode click(String messageId, String actionType) {
		return this.sandboxClient.post()
			.uri("/sandbox/messages/" + messageId + "/actions")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("action_type", actionType, "reason", "checked"))
			.retrieve()
			.bodyToMono(JsonNode.class)
			.block(Duration.ofSeconds(15));
	}

	private List<JsonNode> messages() {
		JsonNode all = this.sandboxClient.get().uri("/sandbox/messages").retrieve().bodyToMono(JsonNode.class).block();
		return all.valueStream().toList();
	}

	private JsonNode message(String id) {
		return messages().stream().filter((m) -> m.path("id").asString().equals(id)).findFirst().orElseThrow();
	}

	private List<JsonNode> messagesFor(String recipient) {
		return messages().stream().filter((m) -> m.path("recipient").asString().equals(recipient)).toList();
	}

}
