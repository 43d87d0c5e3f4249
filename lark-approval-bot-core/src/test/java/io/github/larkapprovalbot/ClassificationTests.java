package io.github.larkapprovalbot;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.IntStream;

import io.github.larkapprovalbot.helpdesk.HelpdeskBotMessage;
import io.github.larkapprovalbot.message.ApprovalBotMessage;
import io.github.larkapprovalbot.message.ApprovalBotMessageUpdate;
import io.github.larkapprovalbot.message.MessageStatus;
import io.github.larkapprovalbot.test.Fault;
import io.github.larkapprovalbot.test.LarkSandbox;
import io.github.larkapprovalbot.test.SandboxRequest;
import io.github.larkapprovalbot.test.SandboxRequest.Endpoint;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * How failures are classified: a success without Lark's envelope may have been acted on, so only a uuid-keyed send
 * repeats it; the uuid of a failed send is on its exception; {@code msg()} is Lark's own words or nothing; and a call
 * refused by a full connection pool was not sent, so it is retried whatever its endpoint.
 */
class ClassificationTests {

	private static final Duration BLOCK = Duration.ofSeconds(20);

	private static final String CARD = "{\"config\":{\"update_multi\":true},\"elements\":[]}";

	/** Reactor Netty warns of the connections the sandbox drops on purpose. */
	@RegisterExtension
	final CapturedLogs nettyWarnings = CapturedLogs.of("reactor.netty");

	private final LarkSandbox lark = LarkSandbox.start();

	private final List<ApprovalBotMessenger> messengers = new ArrayList<>();

	@AfterEach
	void close() {
		this.messengers.forEach(ApprovalBotMessenger::close);
		this.lark.close();
	}

	private ApprovalBotMessengerBuilder builder() {
		return new ApprovalBotMessengerBuilder().credentials(this.lark.appId(), this.lark.appSecret())
			.baseUrl(this.lark.baseUrl())
			.helpdesk(this.lark.helpdeskId(), this.lark.helpdeskToken())
			.retry(new RetrySettings(3, Duration.ofMillis(20), Duration.ofMillis(100), 0.5));
	}

	private ApprovalBotMessenger build(ApprovalBotMessengerBuilder builder) {
		ApprovalBotMessenger messenger = builder.build();
		this.messengers.add(messenger);
		return messenger;
	}

	private static Mono<SentMessage> helpdesk(ApprovalBotMessenger messenger, String receiver) {
		return messenger.sendHelpdesk(HelpdeskBotMessage.text(receiver, "hi"), UserIdType.OPEN_ID);
	}

	private static String uuid(SandboxRequest request) {
		return JsonMapper.shared().readTree(request.body()).path("uuid").asString();
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"code\":\"0\"}", "{\"code\":0.5}", "[]", "null", "" })
	void aSuccessWithoutLarksEnvelopeIsAmbiguousSoOnlyAUuidKeyedSendRepeatsIt(String body) {
		ApprovalBotMessenger messenger = build(builder());

		this.lark.inject(Fault.answer(200, body));
		assertThatExceptionOfType(LarkTransientException.class)
			.isThrownBy(() -> helpdesk(messenger, "ou_1").block(BLOCK))
			.satisfies((ex) -> {
				assertThat(ex.isAmbiguous()).isTrue();
				assertThat(ex.httpStatus()).isEqualTo(200);
				assertThat(ex.code()).isEqualTo(LarkApiException.NO_CODE);
				assertThat(ex.getMessage()).contains("without a Lark answer");
			});
		assertThat(this.lark.requests(Endpoint.HELPDESK)).as("a helpdesk message is never repeated").hasSize(1);

		this.lark.inject(Fault.answer(200, body));
		SentMessage sent = messenger.send(WebClientApprovalBotMessengerTests.pendingApproval()).block(BLOCK);
		List<SandboxRequest> sends = this.lark.requests(Endpoint.APPROVAL_SEND);
		assertThat(sends).hasSize(2);
		assertThat(uuid(sends.get(1))).isNotEmpty().isEqualTo(uuid(sends.get(0)));
		assertThat(this.lark.messagesTo("16fb9ff3")).singleElement()
			.satisfies((card) -> assertThat(card.messageId()).isEqualTo(sent.messageId()));
	}

	@Test
	void theUuidOfAFailedSendIsOnItsException() {
		ApprovalBotMessenger messenger = build(builder());

		this.lark.inject(Fault.answer(400, "{\"code\":1000001,\"msg\":\"bad\"}"));
		assertThatExceptionOfType(LarkTerminalException.class)
			.isThrownBy(() -> messenger.send(WebClientApprovalBotMessengerTests.pendingApproval()).block(BLOCK))
			.satisfies((ex) -> assertThat(ex.uuid()).isNotNull()
				.isEqualTo(uuid(this.lark.requests(Endpoint.APPROVAL_SEND).get(0))));

		ApprovalBotMessage withUuid = WebClientApprovalBotMessengerTests.pendingApproval().withUuid("leave-42-v1");
		this.lark.inject(Fault.serverError().times(4));
		assertThatExceptionOfType(LarkTransientException.class).isThrownBy(() -> messenger.send(withUuid).block(BLOCK))
			.satisfies((ex) -> {
				assertThat(ex.httpStatus()).isEqualTo(500);
				assertThat(ex.uuid()).isEqualTo("leave-42-v1");
			});
		assertThat(this.lark.requests(Endpoint.APPROVAL_SEND)).hasSize(5)
			.extracting(ClassificationTests::uuid)
			.endsWith("leave-42-v1", "leave-42-v1", "leave-42-v1", "leave-42-v1");
	}

	@Test
	void callsOtherThanASendHaveNoUuid() {
		ApprovalBotMessenger messenger = build(builder());
		this.lark.inject(Fault.serverError().times(100));

		assertThatExceptionOfType(LarkTransientException.class)
			.isThrownBy(() -> messenger.update(ApprovalBotMessageUpdate.of("7100000000000000001", MessageStatus.APPROVED))
				.block(BLOCK))
			.satisfies((ex) -> assertThat(ex.uuid()).isNull());
		assertThatExceptionOfType(LarkTransientException.class)
			.isThrownBy(() -> messenger.patchCard("om_1", CARD).block(BLOCK))
			.satisfies((ex) -> assertThat(ex.uuid()).isNull());
		assertThatExceptionOfType(LarkTransientException.class).isThrownBy(() -> helpdesk(messenger, "ou_1").block(BLOCK))
			.satisfies((ex) -> assertThat(ex.uuid()).isNull());
	}

	@Test
	void msgIsLarksOwnOrEmptyWhenNoAnswerCame() {
		ApprovalBotMessenger messenger = build(builder());

		this.lark.inject(Fault.answer(400, "{\"code\":230110,\"msg\":\"Action unavailable as the message has been "
				+ "deleted.\"}"));
		assertThatExceptionOfType(LarkTerminalException.class)
			.isThrownBy(() -> messenger.patchCard("om_1", CARD).block(BLOCK))
			.satisfies((ex) -> assertThat(ex.msg())
				.isEqualTo("Action unavailable as the message has been deleted."));

		this.lark.inject(Fault.dropAfterWork());
		assertThatExceptionOfType(LarkTransientException.class).isThrownBy(() -> helpdesk(messenger, "ou_1").block(BLOCK))
			.satisfies((ex) -> {
				assertThat(ex.httpStatus()).isZero();
				assertThat(ex.msg()).isEmpty();
				assertThat(ex.getMessage()).contains("no answer");
			});
	}

	/**
	 * One connection and one waiting call at most: of four helpdesk messages at once, two find no place and fail at
	 * once, before anything is written. That is not ambiguous, so they are retried, although a helpdesk message is
	 * otherwise never repeated, and each message is delivered exactly once.
	 */
	@Test
	void callsAFullConnectionPoolRefusesAreRetriedAsNotSent() {
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		ApprovalBotMessenger messenger = build(builder().httpPool(new HttpPoolSettings(1, 1, Duration.ofSeconds(30)))
			.observationRegistry(observedBy(meters))
			.retry(new RetrySettings(20, Duration.ofMillis(100), Duration.ofMillis(500), 0.5)));
		this.lark.inject(Fault.delay(Duration.ofMillis(500)).times(4).on(Endpoint.HELPDESK));

		List<CompletableFuture<SentMessage>> calls = helpdeskAtOnce(messenger, 4);

		assertThat(calls).allSatisfy((call) -> assertThat(call.join().messageId()).isNotEmpty());
		assertThat(this.lark.requests(Endpoint.HELPDESK)).as("the refused attempts never reached Lark").hasSize(4);
		for (int i = 0; i < 4; i++) {
			assertThat(this.lark.messagesTo("ou_" + i)).as("delivered once").hasSize(1);
		}
		assertThat(meters.get(LarkObservationDocumentation.RETRIES)
			.tag("endpoint", "helpdesk.message")
			.tag("code", "none")
			.timer()
			.count()).isGreaterThanOrEqualTo(2);
	}

	@Test
	void aCallAFullConnectionPoolRefusesFailsAsNotSent() {
		ApprovalBotMessenger messenger = build(builder().httpPool(new HttpPoolSettings(1, 1, Duration.ofSeconds(30)))
			.retry(new RetrySettings(0, Duration.ofMillis(100), Duration.ofMillis(500), 0.5)));
		// The token first, so that the four calls meet the pool's one connection idle.
		helpdesk(messenger, "ou_first").block(BLOCK);
		this.lark.inject(Fault.delay(Duration.ofMillis(500)).times(4).on(Endpoint.HELPDESK));

		List<CompletableFuture<SentMessage>> calls = helpdeskAtOnce(messenger, 4);

		List<Throwable> refused = calls.stream().map(ClassificationTests::failure).filter((ex) -> ex != null).toList();
		assertThat(refused).hasSizeGreaterThanOrEqualTo(2).allSatisfy((ex) -> {
			assertThat(ex).isInstanceOfSatisfying(LarkTransientException.class, (transientFailure) -> {
				assertThat(transientFailure.isAmbiguous()).isFalse();
				assertThat(transientFailure.httpStatus()).isZero();
			});
			assertThat(rootCause(ex).getClass().getSimpleName()).isEqualTo("PoolAcquirePendingLimitException");
		});
		assertThat(this.lark.requests(Endpoint.HELPDESK)).as("the first message, then those the pool let through")
			.hasSize(1 + 4 - refused.size());
	}

	private List<CompletableFuture<SentMessage>> helpdeskAtOnce(ApprovalBotMessenger messenger, int count) {
		List<CompletableFuture<SentMessage>> calls = IntStream.range(0, count)
			.mapToObj((i) -> helpdesk(messenger, "ou_" + i).toFuture())
			.toList();
		CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).exceptionally((ex) -> null).join();
		return calls;
	}

	private static Throwable failure(CompletableFuture<?> call) {
		try {
			call.join();
			return null;
		}
		catch (CompletionException ex) {
			return ex.getCause();
		}
	}

	private static Throwable rootCause(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root;
	}

	private static ObservationRegistry observedBy(MeterRegistry meters) {
		ObservationRegistry observations = ObservationRegistry.create();
		observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
		return observations;
	}


	@Test
	void aSendWhoseEarlierAttemptMayHaveReachedLarkEndsAmbiguousWhateverItsLastFailure() {
		this.lark.inject(Fault.serverError().times(1).on(Endpoint.APPROVAL_SEND));
		this.lark.inject(Fault.throttle(Duration.ofMillis(10)).times(1).on(Endpoint.APPROVAL_SEND));
		ApprovalBotMessenger messenger = build(builder()
			.retry(new RetrySettings(1, Duration.ofMillis(20), Duration.ofMillis(20), 0)));
		assertThatExceptionOfType(LarkTransientException.class)
			.isThrownBy(() -> messenger.send(WebClientApprovalBotMessengerTests.pendingApproval()).block(BLOCK))
			.satisfies((failure) -> {
				assertThat(failure.isAmbiguous()).as("the first attempt may have created the card").isTrue();
				assertThat(failure.endpoint()).isEqualTo(LarkEndpoint.MESSAGE_SEND);
				assertThat(failure.getMessage()).contains("an earlier attempt may have reached Lark");
			});
		assertThat(this.lark.requestCount(Endpoint.APPROVAL_SEND)).isEqualTo(2);
	}

}
