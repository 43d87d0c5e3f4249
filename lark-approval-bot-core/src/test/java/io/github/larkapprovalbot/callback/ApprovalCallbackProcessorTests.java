package io.github.larkapprovalbot.callback;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.larkapprovalbot.CapturedLogs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class ApprovalCallbackProcessorTests {

	@RegisterExtension
	final CapturedLogs logs = CapturedLogs.of(ApprovalCallbackProcessor.class);

	static final String BODY = "{\"action_type\":\"APPROVE\",\"action_context\":\"leave-42\",\"user_id\":\"b85s39b\","
			+ "\"approval_code\":\"A389\",\"instance_id\":\"people_1234\",\"task_id\":\"step1\","
			+ "\"message_id\":6968359519504171036,\"reason\":\"ok\",\"attachments\":[{\"file_type\":\"IMAGE\","
			+ "\"file_size\":1024,\"file_name\":\"a.png\",\"url\":\"https://x/a.png\"}],\"token\":\"cb-token\"}";

	private final List<ApprovalAction> received = new CopyOnWriteArrayList<>();

	private ApprovalCallbackProcessor processor(String key, ApprovalActionHandler... handlers) {
		return new ApprovalCallbackProcessor("cb-token", key, () -> List.of(handlers),
				new CaffeineApprovalActionStore(Duration.ofMinutes(10), 1000), Duration.ofMillis(300), 64 * 1024,
				JsonMapper.shared());
	}

	private ApprovalActionHandler recording() {
		return (action) -> Mono.fromRunnable(() -> this.received.add(action));
	}

	private static CallbackAnswer answer(ApprovalCallbackProcessor processor, String body) {
		return processor.process(body.getBytes(StandardCharsets.UTF_8)).block(Duration.ofSeconds(5));
	}

	@Test
	void plainCallbackReachesTheHandlerTyped() {
		CallbackAnswer answer = answer(processor(null, recording()), BODY);
		assertThat(answer).isEqualTo(CallbackAnswer.ok());
		assertThat(answer.body()).isEqualTo("{}");
		ApprovalAction action = this.received.get(0);
		assertThat(action.actionType()).isEqualTo("APPROVE");
		assertThat(action.actionContext()).isEqualTo("leave-42");
		assertThat(action.userId()).isEqualTo("b85s39b");
		assertThat(action.approvalCode()).isEqualTo("A389");
		assertThat(action.instanceId()).isEqualTo("people_1234");
		assertThat(action.taskId()).isEqualTo("step1");
		assertThat(action.messageId()).isEqualTo("6968359519504171036");
		assertThat(action.reason()).isEqualTo("ok");
		assertThat(action.attachments()).singleElement()
			.isEqualTo(new ApprovalAction.Attachment("IMAGE", 1024L, "a.png", "https://x/a.png"));
	}

	@Test
	void encryptedCallbackIsDecrypted() {
		String encrypted = new CallbackCrypto("cb-key").encrypt(BODY.getBytes(StandardCharsets.UTF_8));
		assertThat(answer(processor("cb-key", recording()), "{\"encrypt\":\"" + encrypted + "\"}").isSuccess())
			.isTrue();
		assertThat(this.received).hasSize(1);
	}

	@Test
	void plainBodyIsRefusedWhenAKeyIsSet() {
		CallbackAnswer answer = answer(processor("cb-key", recording()), BODY);
		assertThat(answer.status()).isEqualTo(403);
		assertThat(this.received).isEmpty();
	}

	@Test
	void bodyEncryptedWithAnotherKeyIsRefused() {
		String encrypted = new CallbackCrypto("other").encrypt(BODY.getBytes(StandardCharsets.UTF_8));
		assertThat(answer(processor("cb-key", recording()), "{\"encrypt\":\"" + encrypted + "\"}").status())
			.isEqualTo(403);
		assertThat(this.received).isEmpty();
	}

	@Test
	void wrongOrMissingTokenIsRefused() {
		ApprovalCallbackProcessor processor = processor(null, recording());
		assertThat(answer(processor, BODY.replace("cb-token", "cb-tokem")).status()).isEqualTo(401);
		assertThat(answer(processor, BODY.replace(",\"token\":\"cb-token\"", "")).status()).isEqualTo(401);
		assertThat(answer(processor, BODY.replace("\"cb-token\"", "123")).status()).isEqualTo(401);
		assertThat(this.received).isEmpty();
	}

	@Test
	void nonJsonAndOversizedBodiesAreRefused() {
		ApprovalCallbackProcessor processor = processor(null, recording());
		CallbackAnswer notJson = answer(processor, "action_type=APPROVE");
		assertThat(notJson.status()).isEqualTo(422);
		assertThat(notJson.body()).contains("\"message\":\"The callback is not a JSON object.\"");
		assertThat(answer(processor, "{\"token\":\"cb-token\",\"pad\":\"" + "x".repeat(64 * 1024) + "\"}").status())
			.isEqualTo(413);
		assertThat(this.received).isEmpty();
	}

	@Test
	void sameClickDeliveredTwiceRunsTheHandlerOnceAndGetsTheFirstAnswer() {
		AtomicInteger calls = new AtomicInteger();
		ApprovalCallbackProcessor processor = processor(null,
				(action) -> Mono.delay(Duration.ofMillis(50)).then(Mono.fromRunnable(calls::incrementAndGet)));
		List<CallbackAnswer> answers = Flux.range(0, 5)
			.flatMap((i) -> processor.process(BODY.getBytes(StandardCharsets.UTF_8)))
			.collectList()
			.block(Duration.ofSeconds(5));
		assertThat(answers).hasSize(5).containsOnly(CallbackAnswer.ok());
		assertThat(calls).hasValue(1);
		assertThat(answer(processor, BODY.replace("APPROVE", "REJECT")).isSuccess()).isTrue();
		assertThat(calls).hasValue(2);
	}

	@Test
	void rejectionShowsTheHandlersMessage() {
		CallbackAnswer answer = answer(processor(null, (action) -> {
			throw new ApprovalActionRejectedException("The leave balance is too low");
		}), BODY);
		assertThat(answer.status()).isEqualTo(500);
		assertThat(answer.body()).isEqualTo("{\"message\":\"The leave balance is too low\",\"without_prefix\":\"false\"}");
	}

	@Test
	void unexpectedFailureShowsAGenericMessage() {
		CallbackAnswer answer = answer(processor(null, (action) -> Mono.error(new IllegalStateException("db down"))),
				BODY);
		assertThat(answer.status()).isEqualTo(500);
		assertThat(answer.message()).doesNotContain("db down").contains("could not process");
		assertThat(this.logs.events()).singleElement()
			.satisfies((event) -> assertThat(event.getThrowableProxy().getMessage()).isEqualTo("db down"));
	}

	@Test
	void slowHandlerIsAnsweredWithAFailureAtTheDeadline() {
		CallbackAnswer answer = answer(processor(null, (action) -> Mono.delay(Duration.ofSeconds(5)).then()), BODY);
		assertThat(answer.status()).isEqualTo(504);
		assertThat(answer.message()).contains("did not answer in time");
		assertThat(this.logs.messages()).singleElement().asString().contains("took longer than");
	}

	@Test
	void onlyHandlersThatSupportTheActionRun() {
		ApprovalActionHandler rejectsOnly = new ApprovalActionHandler() {
			@Override
			public Mono<Void> handle(ApprovalAction action) {
				return Mono.error(new AssertionError("must not run"));
			}

			@Override
			public boolean supports(ApprovalAction action) {
				return "REJECT".equals(action.actionType());
			}
		};
		assertThat(answer(processor(null, rejectsOnly, recording()), BODY).isSuccess()).isTrue();
		assertThat(this.received).hasSize(1);
		assertThat(answer(processor(null, rejectsOnly), BODY).status()).isEqualTo(501);
	}

}
