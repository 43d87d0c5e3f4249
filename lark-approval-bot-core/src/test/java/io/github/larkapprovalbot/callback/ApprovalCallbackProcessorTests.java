package io.github.larkapprovalbot.callback;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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
	final CapturedLogs logs = CapturedLogs.of(ApprovalCallbackProcessor.class.getPackageName());

	static final String BODY = "{\"action_type\":\"APPROVE\",\"action_context\":\"leave-42\",\"user_id\":\"b85s39b\","
			+ "\"approval_code\":\"A389\",\"instance_id\":\"people_1234\",\"task_id\":\"step1\","
			+ "\"message_id\":6968359519504171036,\"reason\":\"ok\",\"attachments\":[{\"file_type\":\"IMAGE\","
			+ "\"file_size\":1024,\"file_name\":\"a.png\",\"url\":\"https://x/a.png\"}],\"token\":\"cb-token\"}";

	private final List<ApprovalAction> received = new CopyOnWriteArrayList<>();

	private ApprovalCallbackProcessor processor(String key, ApprovalActionHandler... handlers) {
		return new ApprovalCallbackProcessor("cb-token", key, () -> List.of(handlers),
				new CaffeineApprovalActionStore(CaffeineApprovalActionStore.DEFAULT_MAX_BYTES), Duration.ofMillis(300),
				Duration.ofMinutes(10), 64 * 1024, JsonMapper.shared());
	}

	/** A click on a bot card: no message, instance or task, only who clicked and the card's context. */
	private static String botCardClick(String userId, String context) {
		return "{\"action_type\":\"APPROVE\",\"action_context\":\"" + context + "\",\"user_id\":\"" + userId
				+ "\",\"approval_code\":\"A389\",\"message_id\":\"\",\"token\":\"cb-token\"}";
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
		assertThat(answer.message()).contains("Please try again in a few seconds");
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

	@Test
	void twoBotCardClicksWithoutMessageIdAreTwoClicks() {
		ApprovalCallbackProcessor processor = processor(null, recording());
		assertThat(answer(processor, botCardClick("u-bob", "leave-1")).isSuccess()).isTrue();
		assertThat(answer(processor, botCardClick("u-carol", "leave-2")).isSuccess()).isTrue();
		assertThat(answer(processor, botCardClick("u-bob", "leave-2")).isSuccess()).isTrue();
		assertThat(this.received).extracting(ApprovalAction::actionContext)
			.containsExactly("leave-1", "leave-2", "leave-2");
	}

	@Test
	void larksIdIdentifiesAClick() {
		ApprovalCallbackProcessor processor = processor(null, recording());
		answer(processor, BODY.replace("{\"action_type\"", "{\"id\":\"cb-1\",\"action_type\""));
		answer(processor, BODY.replace("{\"action_type\"", "{\"id\":\"cb-1\",\"action_type\"")
			.replace("step1", "step2"));
		answer(processor, BODY.replace("{\"action_type\"", "{\"id\":\"cb-2\",\"action_type\""));
		assertThat(this.received).hasSize(2);
	}

	@Test
	void aClickThatCarriesNothingToTellItApartIsHandledEachTime() {
		ApprovalCallbackProcessor processor = processor(null, recording());
		String anonymous = "{\"action_type\":\"APPROVE\",\"user_id\":\"u-bob\",\"approval_code\":\"A389\","
				+ "\"token\":\"cb-token\"}";
		answer(processor, anonymous);
		answer(processor, anonymous);
		assertThat(this.received).hasSize(2);
	}

	@Test
	void aFailureIsNotRememberedSoTheNextTryRunsTheHandlersAgain() {
		AtomicInteger calls = new AtomicInteger();
		ApprovalCallbackProcessor processor = processor(null, (action) -> Mono.fromRunnable(() -> {
			if (calls.incrementAndGet() == 1) {
				throw new IllegalStateException("db down");
			}
		}));
		assertThat(answer(processor, BODY).status()).isEqualTo(500);
		assertThat(answer(processor, BODY)).isEqualTo(CallbackAnswer.ok());
		assertThat(answer(processor, BODY)).isEqualTo(CallbackAnswer.ok());
		assertThat(calls).hasValue(2);
	}

	@Test
	void aRefusalIsAnOutcomeAndAnswersTheNextTry() {
		AtomicInteger calls = new AtomicInteger();
		ApprovalCallbackProcessor processor = processor(null, (action) -> Mono.error(() -> {
			calls.incrementAndGet();
			return new ApprovalActionRejectedException("The leave balance is too low");
		}));
		assertThat(answer(processor, BODY).message()).isEqualTo("The leave balance is too low");
		assertThat(answer(processor, BODY).message()).isEqualTo("The leave balance is too low");
		assertThat(calls).hasValue(1);
	}

	@Test
	void theDeadlineBoundsTheAnswerNotTheWork() throws InterruptedException {
		CountDownLatch finish = new CountDownLatch(1);
		CountDownLatch finished = new CountDownLatch(1);
		AtomicInteger calls = new AtomicInteger();
		AtomicBoolean interrupted = new AtomicBoolean();
		ApprovalCallbackProcessor processor = processor(null, (action) -> {
			calls.incrementAndGet();
			try {
				finish.await(); // a blocking handler, which the deadline must not cut off
			}
			catch (InterruptedException ex) {
				interrupted.set(true);
			}
			finished.countDown();
			return Mono.empty();
		});
		CallbackAnswer atTheDeadline = answer(processor, BODY);
		assertThat(atTheDeadline.status()).isEqualTo(504);
		assertThat(atTheDeadline.message()).contains("try again");
		assertThat(finished.getCount()).as("still running when Lark was answered").isEqualTo(1);
		CallbackAnswer whileRunning = answer(processor, BODY);
		assertThat(whileRunning.status()).as("a try meanwhile waits for the same run").isEqualTo(504);
		finish.countDown();
		assertThat(finished.await(5, TimeUnit.SECONDS)).isTrue();
		assertThat(interrupted).isFalse();
		assertThat(answer(processor, BODY)).isEqualTo(CallbackAnswer.ok());
		assertThat(calls).hasValue(1);
	}

	@Test
	void handlersRunOffTheCallingThreadSoABlockingOneDelaysOnlyItsOwnClick() throws InterruptedException {
		CountDownLatch release = new CountDownLatch(1);
		CountDownLatch blocking = new CountDownLatch(1);
		List<String> threads = new CopyOnWriteArrayList<>();
		ApprovalCallbackProcessor processor = processor(null, (action) -> {
			threads.add(Thread.currentThread().getName());
			if ("blocking".equals(action.actionContext())) {
				blocking.countDown();
				try {
					release.await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
			return Mono.empty();
		});
		Mono<CallbackAnswer> blocked = processor.process(BODY.replace("leave-42", "blocking")
			.getBytes(StandardCharsets.UTF_8)).cache();
		blocked.subscribe();
		assertThat(blocking.await(5, TimeUnit.SECONDS)).isTrue();
		assertThat(answer(processor, BODY)).as("another click, answered while the first blocks")
			.isEqualTo(CallbackAnswer.ok());
		release.countDown();
		assertThat(threads).hasSize(2).allSatisfy((thread) -> assertThat(thread).startsWith("boundedElastic"));
	}

	@Test
	void aThousandConcurrentDeliveriesOfOneClickRunItOnce() {
		AtomicInteger calls = new AtomicInteger();
		ApprovalCallbackProcessor processor = processor(null,
				(action) -> Mono.delay(Duration.ofMillis(100)).then(Mono.fromRunnable(calls::incrementAndGet)));
		List<CallbackAnswer> answers = Flux.range(0, 1000)
			.flatMap((i) -> processor.process(BODY.getBytes(StandardCharsets.UTF_8)), 1000)
			.collectList()
			.block(Duration.ofSeconds(30));
		assertThat(calls).hasValue(1);
		assertThat(answers).hasSize(1000).contains(CallbackAnswer.ok());
		assertThat(answers).allSatisfy((answer) -> assertThat(answer.status()).isIn(200, 504));
	}

	@Test
	void aClickWithoutTheDocumentedFieldsIsRefusedNamingThem() {
		ApprovalCallbackProcessor processor = processor(null, recording());
		CallbackAnswer noType = answer(processor, BODY.replace("\"action_type\":\"APPROVE\",", ""));
		assertThat(noType.status()).isEqualTo(400);
		assertThat(noType.message()).contains("action_type");
		CallbackAnswer noUserOrCode = answer(processor,
				BODY.replace("\"user_id\":\"b85s39b\",", "").replace("\"approval_code\":\"A389\",", ""));
		assertThat(noUserOrCode.status()).isEqualTo(400);
		assertThat(noUserOrCode.message()).contains("user_id").contains("approval_code");
		CallbackAnswer wrongType = answer(processor, BODY.replace("\"reason\":\"ok\"", "\"reason\":{\"a\":1}"));
		assertThat(wrongType.status()).isEqualTo(422);
		assertThat(wrongType.body()).contains("\"message\"");
		assertThat(this.received).isEmpty();
	}

	@Test
	void anEncryptedBodyThatIsNotAClickIsRefused() {
		CallbackCrypto crypto = new CallbackCrypto("cb-key");
		String notAClick = "{\"encrypt\":\"" + crypto.encrypt("{\"type\":\"url_verification\",\"token\":\"cb-token\"}"
			.getBytes(StandardCharsets.UTF_8)) + "\"}";
		CallbackAnswer answer = answer(processor("cb-key", recording()), notAClick);
		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.message()).contains("not a quick-approval click");
		assertThat(this.received).isEmpty();
	}

}
