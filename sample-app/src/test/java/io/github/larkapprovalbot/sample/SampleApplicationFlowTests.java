package io.github.larkapprovalbot.sample;

import java.time.Duration;
import java.util.Map;

import io.github.larkapprovalbot.test.AutoConfigureLarkSandbox;
import io.github.larkapprovalbot.test.Fault;
import io.github.larkapprovalbot.test.LarkSandbox;
import io.github.larkapprovalbot.test.SandboxMessage;
import io.github.larkapprovalbot.test.SandboxRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample's whole flow on the test sandbox, as a user of the starter would test their own: a leave request sends a
 * 1008 card; clicking its buttons fires the encrypted callback into the app, which updates the card, tells the
 * applicant, patches the board, and uses the helpdesk on rejection; the request is a task in the approver's 待办 in
 * Lark's approval center, and a click there (from the list or after a search) is the same decision. Every call to
 * Lark goes through the outbox after its transaction commits, so the tests wait for what Lark receives.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureLarkSandbox
class SampleApplicationFlowTests {

	private static final Duration AWAIT = Duration.ofSeconds(30);

	@Autowired
	private LarkSandbox lark;

	@LocalServerPort
	private int port;

	@Value("${sample.board-message-id}")
	private String boardId;

	@BeforeEach
	void board() {
		// The sandbox is reset after each test; the board card is a fixture the sample expects to exist.
		this.lark.createCard(this.boardId, SandboxConfiguration.BOARD_CHAT, SandboxConfiguration.BOARD_CARD);
	}

	@Test
	void approvingOnTheCardUpdatesItAndTellsTheApplicant() {
		LeaveRequest request = create("u-alice", "u-bob");
		assertThat(this.lark.messagesTo("u-bob")).singleElement().satisfies((card) -> {
			assertThat(card.messageId()).isEqualTo(request.messageId());
			assertThat(card.templateId()).isEqualTo("1008");
			assertThat(card.status()).isEqualTo(SandboxMessage.PENDING);
		});

		assertThat(this.lark.click(request.messageId(), "APPROVE")).isEqualTo(200);
		assertThat(get(request.id()).status()).as("recorded before the click is answered").isEqualTo("APPROVED");

		awaitStatus(request.messageId(), "APPROVED");
		await().atMost(AWAIT).until(() -> this.lark.message(this.boardId).patches() == 1);
		assertThat(this.lark.messagesTo("u-alice")).singleElement()
			.satisfies((card) -> assertThat(card.templateId()).isEqualTo("1004"));
		assertThat(this.lark.message(this.boardId).json()).contains("**APPROVED**: ");
	}

	@Test
	void rejectingSendsA1003CardAndAHelpdeskMessage() {
		LeaveRequest request = create("u-carol", "u-bob");
		assertThat(this.lark.click(request.messageId(), "REJECT", "checked")).isEqualTo(200);
		awaitStatus(request.messageId(), "REJECTED");
		await().atMost(AWAIT).until(() -> this.lark.messagesTo("u-carol").size() == 2);
		// Two messages to different places: the outbox sends them concurrently, in no set order.
		assertThat(this.lark.messagesTo("u-carol")).extracting(SandboxMessage::kind)
			.containsExactlyInAnyOrder(SandboxMessage.Kind.APPROVAL, SandboxMessage.Kind.HELPDESK);
		// The reason the approver typed reaches the applicant, in each locale the sample has texts for.
		SandboxMessage rejected = message(SandboxMessage.Kind.APPROVAL, "u-carol");
		assertThat(rejected.templateId()).isEqualTo("1003");
		assertThat(json(rejected).path("i18n_resources").toString()).contains("驳回理由").contains("Why")
			.contains("checked");
		JsonNode post = JsonMapper.shared()
			.readTree(json(message(SandboxMessage.Kind.HELPDESK, "u-carol")).path("content").asString())
			.path("post");
		assertThat(post.at("/zh_cn/content").toString()).contains("checked");
		assertThat(post.at("/en_us/content").toString()).contains("Why: checked");
	}

	@Test
	void aDecisionIsTakenOnceAndItsFollowUpsSurviveALarkFailure() {
		LeaveRequest request = create("u-dave", "u-bob");
		// Lark fails the next updates of the card: the decision is recorded and the click answered all the same.
		this.lark.inject(Fault.serverError().times(6).on(SandboxRequest.Endpoint.APPROVAL_UPDATE));
		assertThat(this.lark.click(request.messageId(), "APPROVE")).isEqualTo(200);
		assertThat(get(request.id()).status()).isEqualTo("APPROVED");

		// The app refuses the second decision (ApprovalActionRejectedException: a failure with its message).
		assertThat(this.lark.click(request.messageId(), "REJECT", "changed my mind")).isEqualTo(500);
		assertThat(get(request.id()).status()).isEqualTo("APPROVED");

		// The outbox keeps trying: once Lark takes the update, the card shows the decision, and nothing was lost.
		awaitStatus(request.messageId(), "APPROVED");
		await().atMost(AWAIT).until(() -> this.lark.messagesTo("u-dave").size() == 1);
		assertThat(this.lark.messagesTo("u-dave")).singleElement()
			.satisfies((card) -> assertThat(card.templateId()).isEqualTo("1004"));
		await().atMost(AWAIT).until(() -> this.lark.message(this.boardId).patches() == 1);
	}

	@Test
	void aHelpdeskFailureAfterTheCardWasUpdatedLosesNoFollowUp() {
		LeaveRequest request = create("u-hank", "u-bob");
		// Lark throttles the helpdesk: the message provably did not reach it, so the outbox sends it again later.
		this.lark.inject(Fault.throttle(Duration.ofMillis(500)).times(3).on(SandboxRequest.Endpoint.HELPDESK));
		assertThat(this.lark.click(request.messageId(), "REJECT", "no cover")).isEqualTo(200);
		awaitStatus(request.messageId(), "REJECTED");
		await().atMost(AWAIT).until(() -> this.lark.message(this.boardId).patches() == 1);
		await().atMost(AWAIT).until(() -> this.lark.messagesTo("u-hank").size() == 2);
		assertThat(message(SandboxMessage.Kind.HELPDESK, "u-hank").json()).contains("no cover");
		assertThat(this.lark.requests(SandboxRequest.Endpoint.HELPDESK)).hasSizeGreaterThan(1);
	}

	@Test
	void aLeaveRequestIsAPendingTaskOfItsApproverInTheApprovalCenter() {
		LeaveRequest request = create("u-erin", "u-bob");
		JsonNode instance = await().atMost(AWAIT).ignoreExceptions().until(() -> this.lark.instance(request.id()),
				(synced) -> synced != null);
		assertThat(instance.path("approval_code").asString()).isEqualTo(LeaveApprovalCenter.APPROVAL_CODE);
		assertThat(instance.path("status").asString()).isEqualTo("PENDING");
		assertThat(instance.path("task_list")).singleElement().satisfies((task) -> {
			assertThat(task.path("user_id").asString()).isEqualTo("u-bob");
			assertThat(task.path("status").asString()).isEqualTo("PENDING");
			assertThat(task.path("action_context").asString()).isEqualTo(request.id());
		});
		assertThat(instance.path("cc_list")).singleElement()
			.satisfies((cc) -> assertThat(cc.path("user_id").asString()).isEqualTo("u-erin"));
	}

	@Test
	void approvingFromTheApprovalCenterListMovesTheTaskToDoneAndUpdatesTheCard() {
		LeaveRequest request = create("u-frank", "u-bob");
		assertThat(this.lark.clickTask(request.id(), request.id() + "-approval", "APPROVE")).isEqualTo(200);

		await().atMost(AWAIT).until(() -> this.lark.instance(request.id()).path("status").asString(), "APPROVED"::equals);
		assertThat(this.lark.instance(request.id()).at("/task_list/0/status").asString()).isEqualTo("APPROVED");
		// The same decision, whichever origin: the chat card follows the approval center.
		awaitStatus(request.messageId(), "APPROVED");
		await().atMost(AWAIT).until(() -> this.lark.messagesTo("u-frank").size() == 1);
		assertThat(this.lark.messagesTo("u-frank")).singleElement()
			.satisfies((card) -> assertThat(card.templateId()).isEqualTo("1004"));
		// One sync when the request was made, one after the decision.
		assertThat(this.lark.requests(SandboxRequest.Endpoint.EXTERNAL_INSTANCE_SYNC)).hasSize(2);
	}

	@Test
	void rejectingATaskFoundBySearchReachesTheSameListener() {
		LeaveRequest request = create("u-gina", "u-bob");
		assertThat(this.lark.clickSearchedTask(request.id() + "-approval", "REJECT")).isEqualTo(200);
		await().atMost(AWAIT)
			.until(() -> this.lark.instance(request.id()).at("/task_list/0/status").asString(), "REJECTED"::equals);
		awaitStatus(request.messageId(), "REJECTED");
	}

	private WebClient app() {
		return WebClient.create("http://localhost:" + this.port);
	}

	private LeaveRequest create(String applicant, String approver) {
		LeaveRequest created = app().post()
			.uri("/leave-requests")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("applicantId", applicant, "approverId", approver, "reason", "Family trip", "days", 3))
			.retrieve()
			.bodyToMono(LeaveRequest.class)
			.block(Duration.ofSeconds(10));
		assertThat(created.messageId()).as("the card goes out after the commit").isNull();
		// The outbox delivers the card after the request's transaction; the request then shows its message id.
		return await().atMost(AWAIT).until(() -> get(created.id()), (request) -> request.messageId() != null);
	}

	private LeaveRequest get(String id) {
		return app().get().uri("/leave-requests/" + id).retrieve().bodyToMono(LeaveRequest.class)
			.block(Duration.ofSeconds(10));
	}

	private void awaitStatus(String messageId, String status) {
		await().atMost(AWAIT).until(() -> this.lark.message(messageId).status(), status::equals);
	}

	private SandboxMessage message(SandboxMessage.Kind kind, String receiver) {
		return this.lark.messagesTo(receiver).stream().filter((message) -> message.kind() == kind).findFirst()
			.orElseThrow();
	}

	private static JsonNode json(SandboxMessage message) {
		return JsonMapper.shared().readTree(message.json());
	}

}
