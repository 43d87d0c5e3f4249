package io.github.larkapprovalbot;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.github.larkapprovalbot.helpdesk.HelpdeskBotMessage;
import io.github.larkapprovalbot.message.ApprovalBotMessage;
import io.github.larkapprovalbot.message.ApprovalBotMessage.ActionConfig;
import io.github.larkapprovalbot.message.ApprovalBotMessageUpdate;
import io.github.larkapprovalbot.message.BotTemplate;
import io.github.larkapprovalbot.message.MessageStatus;
import io.github.larkapprovalbot.token.TenantAccessTokenProvider;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import jakarta.validation.ConstraintViolationException;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/**
 * The client against a real socket: what goes on the wire for every endpoint, how tokens are cached and renewed,
 * and which failures are retried.
 */
public class WebClientApprovalBotMessengerTests {

	private static final Duration BLOCK = Duration.ofSeconds(20);

	@RegisterExtension
	final LarkStub lark = new LarkStub();

	/** Reactor Netty warns of the connections the stub drops on purpose. */
	@RegisterExtension
	final CapturedLogs nettyWarnings = CapturedLogs.of("reactor.netty");

	/** The connector every test runs on: the default one; a subclass runs them all on another. */
	ApprovalBotMessengerBuilder connector(ApprovalBotMessengerBuilder builder) {
		return builder;
	}

	private ApprovalBotMessengerBuilder builder() {
		return connector(new ApprovalBotMessengerBuilder()).credentials("cli_test", "app-secret-value")
			.baseUrl(this.lark.baseUrl())
			.helpdesk("12345", "ht-sometoken")
			.retry(new RetrySettings(3, Duration.ofMillis(20), Duration.ofMillis(100), 0.5));
	}

	private static ObservationRegistry observedBy(MeterRegistry meters) {
		ObservationRegistry observations = ObservationRegistry.create();
		observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
		return observations;
	}

	public static ApprovalBotMessage pendingApproval() {
		return ApprovalBotMessage.builder(BotTemplate.PENDING_APPROVAL)
			.toUserId("16fb9ff3")
			.approvalName("Leave")
			.titleUserId("a11b22c3")
			.summary("Reason: family")
			.detail("https://oa.example.com/leave/42")
			.callback("https://oa.example.com/cb", "callback-token-value", "callback-key-value", "leave-42")
			.actionConfig(ActionConfig.approve(MessageStatus.APPROVED))
			.actionConfig(ActionConfig.reject(MessageStatus.REJECTED))
			.build();
	}

	@Test
	void sendPostsTheMessageWithATenantToken() {
		ApprovalBotMessenger messenger = builder().build();
		ApprovalBotMessage message = pendingApproval();

		SentMessage sent = messenger.send(message).block(BLOCK);

		assertThat(sent.messageId()).isEqualTo("7001");
		RecordedRequest token = this.lark.tokenRequests().get(0);
		assertThat(token.getMethod()).isEqualTo("POST");
		assertThat(token.getHeaders().get("Authorization")).isNull();
		assertThat(LarkStub.body(token)).isEqualTo(
				JsonMapper.shared().valueToTree(Map.of("app_id", "cli_test", "app_secret", "app-secret-value")));
		RecordedRequest request = this.lark.apiRequests().get(0);
		assertThat(request.getMethod()).isEqualTo("POST");
		assertThat(request.getUrl().encodedPath()).isEqualTo("/open-apis/approval/v1/message/send");
		assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer t-1");
		assertThat(request.getHeaders().get("Content-Type")).isEqualTo("application/json;charset=utf-8");
		JsonNode body = LarkStub.body(request);
		assertThat(body.path("uuid").asString()).hasSize(36);
		assertThat(body).isEqualTo(JsonMapper.shared().valueToTree(message.withUuid(body.path("uuid").asString())));
	}

	@Test
	void updatePostsTheUpdate() {
		builder().build().update(ApprovalBotMessageUpdate.of("7001", MessageStatus.APPROVED)).block(BLOCK);
		RecordedRequest request = this.lark.apiRequests().get(0);
		assertThat(request.getMethod()).isEqualTo("POST");
		assertThat(request.getUrl().encodedPath()).isEqualTo("/open-apis/approval/v1/message/update");
		assertThat(request.getBody().utf8()).isEqualTo("{\"message_id\":\"7001\",\"status\":\"APPROVED\",\"i18n_resources\":"
				+ "[{\"locale\":\"zh-CN\",\"is_default\":true,\"texts\":{}}]}");
	}

	@Test
	void patchCardSendsTheSerializedCard() {
		String card = "{\"config\":{\"update_multi\":true},\"elements\":[]}";
		builder().build().patchCard("om_dc13264520392913993dd051dba21dcf", card).block(BLOCK);
		RecordedRequest request = this.lark.apiRequests().get(0);
		assertThat(request.getMethod()).isEqualTo("PATCH");
		assertThat(request.getUrl().encodedPath()).isEqualTo("/open-apis/im/v1/messages/om_dc13264520392913993dd051dba21dcf");
		assertThat(LarkStub.body(request).path("content").asString()).isEqualTo(card);
		assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer t-1");
	}

	@Test
	void patchCardSerializesACardObject() {
		builder().build().patchCard("om_1", Map.of("elements", List.of())).block(BLOCK);
		assertThat(LarkStub.body(this.lark.apiRequests().get(0)).path("content").asString())
			.isEqualTo("{\"elements\":[]}");
	}

	@Test
	void theBlockingViewPatchesACardObjectToo() {
		builder().build().blocking().patchCard("om_1", Map.of("elements", List.of()));
		assertThat(LarkStub.body(this.lark.apiRequests().get(0)).path("content").asString())
			.isEqualTo("{\"elements\":[]}");
	}

	@Test
	void helpdeskSendsBothAuthorizationHeadersAndTheUserIdType() {
		SentMessage sent = builder().build()
			.sendHelpdesk(HelpdeskBotMessage.text("ou_7346484524", "hi"), UserIdType.OPEN_ID)
			.block(BLOCK);
		assertThat(sent.messageId()).isEqualTo("7001");
		RecordedRequest request = this.lark.apiRequests().get(0);
		assertThat(request.getUrl().encodedPath()).isEqualTo("/open-apis/helpdesk/v1/message");
		assertThat(request.getUrl().queryParameter("user_id_type")).isEqualTo("open_id");
		assertThat(request.getHeaders().get("X-Lark-Helpdesk-Authorization")).isEqualTo("MTIzNDU6aHQtc29tZXRva2Vu");
		assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer t-1");
		assertThat(LarkStub.body(request).path("msg_type").asString()).isEqualTo("text");
	}

	@Test
	void helpdeskWithoutCredentialsFailsBeforeSending() {
		ApprovalBotMessenger messenger = connector(new ApprovalBotMessengerBuilder()).credentials("cli_test", "s")
			.baseUrl(this.lark.baseUrl())
			.build();
		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> messenger.sendHelpdesk(HelpdeskBotMessage.text("ou_1", "hi"), UserIdType.OPEN_ID)
				.block(BLOCK))
			.withMessageContaining("helpdesk id and token");
		assertThat(this.lark.tokenRequests()).isEmpty();
	}

	@Test
	void legacyPathStyleSendsApprovalCallsToTheLegacyHostOnly() {
		ApprovalBotMessenger messenger = builder().approvalPathStyle(ApprovalPathStyle.LEGACY)
			.legacyApprovalBaseUrl(this.lark.baseUrl())
			.build();
		messenger.send(pendingApproval()).block(BLOCK);
		messenger.update(ApprovalBotMessageUpdate.of("7001", MessageStatus.REJECTED)).block(BLOCK);
		assertThat(this.lark.apiRequests()).extracting((r) -> r.getUrl().encodedPath())
			.containsExactly("/approval/openapi/v1/message/send", "/approval/openapi/v1/message/update");
		assertThat(this.lark.tokenRequests()).hasSize(1);
	}

	@Test
	void invalidPayloadSendsNothing() {
		ApprovalBotMessage invalid = new ApprovalBotMessage("1008", "u1", null, null, null, null, null, null, null,
				null, null, null, null, null, null, null, null, null);
		assertThatExceptionOfType(ConstraintViolationException.class)
			.isThrownBy(() -> builder().build().send(invalid).block(BLOCK))
			.withMessageContaining("approval_name");
		assertThat(this.lark.tokenRequests()).isEmpty();
		assertThat(this.lark.apiRequests()).isEmpty();
	}

	@Test
	void tokenIsCachedAndReused() {
		ApprovalBotMessenger messenger = builder().build();
		messenger.send(pendingApproval()).block(BLOCK);
		messenger.update(ApprovalBotMessageUpdate.of("7001", MessageStatus.APPROVED)).block(BLOCK);
		messenger.patchCard("om_1", "{}").block(BLOCK);
		assertThat(this.lark.tokenRequests()).hasSize(1);
		assertThat(this.lark.apiRequests()).allSatisfy(
				(request) -> assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer t-1"));
	}

	@Test
	void concurrentCallsOnAColdCacheMakeOneTokenRequest() {
		this.lark.delayTokens(300);
		ApprovalBotMessenger messenger = builder().rateLimits(RateLimitSettings.unlimited()).build();
		List<SentMessage> sent = Flux.range(0, 200)
			.flatMap((i) -> messenger.send(pendingApproval()), 200)
			.collectList()
			.block(BLOCK);
		assertThat(sent).hasSize(200);
		assertThat(this.lark.tokenRequests()).hasSize(1);
		assertThat(this.lark.apiRequests()).hasSize(200);
	}

	@Test
	void rejectedTokenInAnHttp200BodyIsEvictedRefetchedAndRetriedOnce() {
		this.lark.enqueue(LarkStub.failure(200, 99991663, "Invalid access token for authorization"));
		SentMessage sent = builder().build().send(pendingApproval()).block(BLOCK);
		assertThat(sent.messageId()).isEqualTo("7001");
		assertThat(this.lark.tokenRequests()).hasSize(2);
		assertThat(this.lark.apiRequests()).extracting((r) -> r.getHeaders().get("Authorization"))
			.containsExactly("Bearer t-1", "Bearer t-2");
	}

	@Test
	void replacementTokenRevokedMeanwhileIsReplacedAgain() {
		this.lark.enqueue(LarkStub.failure(200, 99991663, "Invalid access token"));
		this.lark.enqueue(LarkStub.failure(200, 99991663, "Invalid access token"));
		SentMessage sent = builder().build().send(pendingApproval()).block(BLOCK);
		assertThat(sent.messageId()).isEqualTo("7001");
		assertThat(this.lark.apiRequests()).extracting((r) -> r.getHeaders().get("Authorization"))
			.containsExactly("Bearer t-1", "Bearer t-2", "Bearer t-3");
	}

	@Test
	void thirdRejectedTokenSurfaces() {
		this.lark.enqueue(LarkStub.failure(200, 99991663, "Invalid access token"));
		this.lark.enqueue(LarkStub.failure(200, 99991663, "Invalid access token"));
		this.lark.enqueue(LarkStub.failure(401, 99991663, "Invalid access token"));
		assertThatExceptionOfType(LarkAuthenticationException.class)
			.isThrownBy(() -> builder().build().send(pendingApproval()).block(BLOCK))
			.satisfies((ex) -> {
				assertThat(ex.code()).isEqualTo(99991663);
				assertThat(ex.httpStatus()).isEqualTo(401);
				assertThat(ex.endpoint()).isEqualTo(LarkEndpoint.MESSAGE_SEND);
			});
		assertThat(this.lark.apiRequests()).hasSize(3);
		assertThat(this.lark.tokenRequests()).hasSize(3);
	}

	@Test
	void tokenEndpointRefusalIsAnAuthenticationErrorNotRetried() {
		this.lark.answerTokenRequestsWith(LarkStub.failure(200, 10015, "app secret invalid"));
		assertThatExceptionOfType(LarkAuthenticationException.class)
			.isThrownBy(() -> builder().build().send(pendingApproval()).block(BLOCK))
			.satisfies((ex) -> {
				assertThat(ex.code()).isEqualTo(10015);
				assertThat(ex.endpoint()).isEqualTo(LarkEndpoint.TENANT_ACCESS_TOKEN);
				assertThat(ex.getMessage()).contains("10015").doesNotContain("app-secret-value");
			});
		assertThat(this.lark.tokenRequests()).hasSize(1);
		assertThat(this.lark.apiRequests()).isEmpty();
	}

	@Test
	void throttledCallWaitsTheResetLarkAsksForThenSucceeds() {
		this.lark.enqueue(LarkStub.json(429, "{\"code\":99991400,\"msg\":\"request trigger frequency limit\"}")
			.setHeader("x-ogw-ratelimit-reset", "1")
			.build());
		SentMessage sent = builder().build().send(pendingApproval()).block(BLOCK);
		assertThat(sent.messageId()).isEqualTo("7001");
		List<Long> times = this.lark.apiRequestTimes();
		assertThat(times).hasSize(2);
		assertThat(Duration.ofNanos(times.get(1) - times.get(0))).isGreaterThanOrEqualTo(Duration.ofMillis(950));
	}

	@Test
	void aThrottleLongerThanTheCallsBudgetFailsAtOnceAsAThrottle() {
		this.lark.enqueue(LarkStub.json(429, "{\"code\":99991400,\"msg\":\"request trigger frequency limit\"}")
			.setHeader("x-ogw-ratelimit-reset", "60")
			.build());
		ApprovalBotMessenger messenger = builder().callTimeout(Duration.ofSeconds(5)).build();
		long start = System.nanoTime();
		assertThatExceptionOfType(LarkTransientException.class).isThrownBy(() -> messenger.send(pendingApproval())
			.block(BLOCK)).satisfies((ex) -> {
				assertThat(ex.code()).isEqualTo(99991400);
				assertThat(ex.isAmbiguous()).isFalse();
				assertThat(ex.retryAfter()).isEqualTo(Duration.ofSeconds(60));
				assertThat(ex.getMessage()).doesNotContain("may have reached Lark");
			});
		assertThat(Duration.ofNanos(System.nanoTime() - start)).as("failed before the budget ran out")
			.isLessThan(Duration.ofSeconds(5));
		assertThat(this.lark.apiRequests()).hasSize(1);
	}

	@Test
	void aTokenAnswerWithoutATokenIsAFailureOfTheTokenEndpoint() {
		for (String answer : List.of("{\"code\":0,\"msg\":\"ok\",\"expire\":7200}",
				"{\"code\":0,\"msg\":\"ok\",\"tenant_access_token\":\"t-x\",\"expire\":\"soon\"}",
				"{\"code\":0,\"msg\":\"ok\",\"tenant_access_token\":\"t-x\",\"expire\":0}")) {
			this.lark.answerTokenRequestsWith(LarkStub.json(200, answer).build());
			assertThatExceptionOfType(LarkApiException.class)
				.isThrownBy(() -> builder().build().update(ApprovalBotMessageUpdate.of("1", MessageStatus.APPROVED))
					.block(BLOCK))
				.as(answer)
				.satisfies((ex) -> assertThat(ex.endpoint()).isEqualTo(LarkEndpoint.TENANT_ACCESS_TOKEN));
		}
		assertThat(this.lark.apiRequests()).isEmpty();
		assertThat(this.lark.tokenRequests()).hasSize(3);
	}

	@Test
	void aSuccessWithoutAMessageIdIsAFailure() {
		this.lark.enqueue(LarkStub.json(200, "{\"code\":0,\"msg\":\"success\",\"data\":{}}").build());
		assertThatExceptionOfType(LarkApiException.class)
			.isThrownBy(() -> builder().build().update(ApprovalBotMessageUpdate.of("1", MessageStatus.APPROVED))
				.block(BLOCK))
			.withMessageContaining("message_id");
	}

	@Test
	void aHelpdeskAnswerThatIsNotJsonMayHaveBeenDelivered() {
		this.lark.enqueue(LarkStub.json(200, "<html>ok</html>").build());
		assertThatExceptionOfType(LarkTransientException.class)
			.isThrownBy(() -> builder().build()
				.sendHelpdesk(HelpdeskBotMessage.text("ou_1", "hi"), UserIdType.OPEN_ID)
				.block(BLOCK))
			.satisfies((ex) -> assertThat(ex.isAmbiguous()).isTrue());
		assertThat(this.lark.apiRequests()).hasSize(1);
	}

	@Test
	void nullArgumentsAreNamedBeforeAnythingHappens() {
		ApprovalBotMessenger messenger = builder().build();
		assertThatNullPointerException()
			.isThrownBy(() -> messenger.sendHelpdesk(HelpdeskBotMessage.text("ou_1", "hi"), null))
			.withMessageContaining("userIdType");
		assertThatNullPointerException().isThrownBy(() -> messenger.send(null)).withMessageContaining("message");
		assertThatNullPointerException().isThrownBy(() -> messenger.update(null)).withMessageContaining("update");
		assertThatNullPointerException().isThrownBy(() -> messenger.patchCard(null, "{}"))
			.withMessageContaining("messageId");
		assertThatNullPointerException().isThrownBy(() -> messenger.patchCard("om_1", (Object) null))
			.withMessageContaining("card");
		assertThat(this.lark.tokenRequests()).isEmpty();
	}

	@Test
	void dotSegmentsAreNoMessageIds() {
		ApprovalBotMessenger messenger = builder().build();
		for (String id : List.of(".", "..", " ")) {
			assertThatIllegalArgumentException().isThrownBy(() -> messenger.patchCard(id, "{}"))
				.withMessageContaining("messageId");
		}
		assertThat(this.lark.apiRequests()).isEmpty();
	}

	@Test
	void theGeneratedUuidIsFixedWhenSendIsCalledSoResubscribingCreatesNoSecondCard() {
		this.lark.enqueue(LarkStub.failure(400, 1000001, "bad"));
		Mono<SentMessage> send = builder().build().send(pendingApproval());
		assertThat(send.retry(1).block(BLOCK).messageId()).isEqualTo("7001");
		send.block(BLOCK);
		assertThat(this.lark.apiRequests()).hasSize(3)
			.extracting((r) -> LarkStub.body(r).path("uuid").asString())
			.containsOnly(LarkStub.body(this.lark.apiRequests().get(0)).path("uuid").asString());
	}

	@Test
	void serverErrorIsRetriedWithTheSameUuid() {
		this.lark.enqueue(LarkStub.failure(500, 155000, "Internal error"));
		this.lark.enqueue(LarkStub.json(502, "<html>bad gateway</html>").build());
		SentMessage sent = builder().build().send(pendingApproval()).block(BLOCK);
		assertThat(sent.messageId()).isEqualTo("7001");
		assertThat(this.lark.apiRequests()).hasSize(3);
		assertThat(this.lark.apiRequests()).extracting((r) -> LarkStub.body(r).path("uuid").asString())
			.containsOnly(LarkStub.body(this.lark.apiRequests().get(0)).path("uuid").asString());
	}

	@Test
	void retriesAreBounded() {
		for (int i = 0; i < 4; i++) {
			this.lark.enqueue(LarkStub.failure(503, 155000, "Internal error"));
		}
		assertThatExceptionOfType(LarkTransientException.class)
			.isThrownBy(() -> builder().build().update(ApprovalBotMessageUpdate.of("1", MessageStatus.APPROVED))
				.block(BLOCK))
			.satisfies((ex) -> assertThat(ex.httpStatus()).isEqualTo(503));
		assertThat(this.lark.apiRequests()).hasSize(4);
	}

	@Test
	void terminalErrorIsNotRetriedAndCarriesLarksDetails() {
		this.lark.enqueue(LarkStub.json(400,
				"{\"code\":230031,\"msg\":\"Message can only be modified within 14 days after sending.\","
						+ "\"error\":{\"log_id\":\"body-log-id\",\"troubleshooter\":\"https://open.feishu.cn/search?log_id=x\"}}")
			.setHeader("X-Request-Id", "request-id-1")
			.build());
		assertThatExceptionOfType(LarkTerminalException.class)
			.isThrownBy(() -> builder().build().patchCard("om_1", "{}").block(BLOCK))
			.satisfies((ex) -> {
				assertThat(ex.code()).isEqualTo(230031);
				assertThat(ex.msg()).startsWith("Message can only be modified within 14 days");
				assertThat(ex.httpStatus()).isEqualTo(400);
				assertThat(ex.logId()).isEqualTo("request-id-1");
				assertThat(ex.troubleshooter()).isEqualTo("https://open.feishu.cn/search?log_id=x");
				assertThat(ex.endpoint()).isEqualTo(LarkEndpoint.CARD_PATCH);
			});
		assertThat(this.lark.apiRequests()).hasSize(1);
	}

	@Test
	void logIdPrefersTheTtLogidHeaderThenTheBody() {
		this.lark.enqueue(LarkStub.json(400, "{\"code\":230110,\"msg\":\"deleted\",\"error\":{\"log_id\":\"from-body\"}}")
			.setHeader("X-Tt-Logid", "from-tt-logid")
			.setHeader("X-Request-Id", "from-request-id")
			.build());
		this.lark.enqueue(LarkStub.json(400, "{\"code\":230110,\"msg\":\"deleted\",\"error\":{\"log_id\":\"from-body\"}}")
			.build());
		ApprovalBotMessenger messenger = builder().build();
		assertThat(logId(messenger)).isEqualTo("from-tt-logid");
		assertThat(logId(messenger)).isEqualTo("from-body");
	}

	private static String logId(ApprovalBotMessenger messenger) {
		try {
			messenger.patchCard("om_1", "{}").block(BLOCK);
			throw new AssertionError("expected a failure");
		}
		catch (LarkApiException ex) {
			return ex.logId();
		}
	}

	@Test
	void businessErrorWithHttp200IsAFailure() {
		this.lark.enqueue(LarkStub.failure(200, 60001, "actionUrls incomplete error"));
		assertThatExceptionOfType(LarkTerminalException.class)
			.isThrownBy(() -> builder().build().send(pendingApproval()).block(BLOCK))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(60001));
		assertThat(this.lark.apiRequests()).hasSize(1);
	}

	@Test
	void helpdeskMessageThatLosesItsConnectionAfterTheRequestIsNotRetried() {
		this.lark.enqueue(new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build());
		assertThatExceptionOfType(LarkTransientException.class)
			.isThrownBy(() -> builder().build()
				.sendHelpdesk(HelpdeskBotMessage.text("ou_1", "hi"), UserIdType.OPEN_ID)
				.block(BLOCK))
			.satisfies((ex) -> {
				assertThat(ex.isAmbiguous()).isTrue();
				assertThat(ex.endpoint()).isEqualTo(LarkEndpoint.HELPDESK_MESSAGE);
			});
		assertThat(this.lark.apiRequests()).hasSize(1);
	}

	@Test
	void sendThatLosesItsConnectionIsRetriedWithItsUuid() {
		this.lark.enqueue(new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build());
		ApprovalBotMessage message = pendingApproval();
		assertThat(builder().build().send(message).block(BLOCK).messageId()).isEqualTo("7001");
		assertThat(this.lark.apiRequests()).hasSize(2);
		assertThat(LarkStub.body(this.lark.apiRequests().get(0)).path("uuid"))
			.isEqualTo(LarkStub.body(this.lark.apiRequests().get(1)).path("uuid"));
	}

	@Test
	void helpdeskThrottledIsRetried() {
		this.lark.enqueue(LarkStub.failure(429, 99991400, "request trigger frequency limit"));
		assertThat(builder().build()
			.sendHelpdesk(HelpdeskBotMessage.text("ou_1", "hi"), UserIdType.USER_ID)
			.block(BLOCK)
			.messageId()).isEqualTo("7001");
		assertThat(this.lark.apiRequests()).hasSize(2);
	}

	@Test
	void helpdeskServerErrorIsAmbiguousAndNotRetried() {
		this.lark.enqueue(LarkStub.failure(500, 155000, "Internal error"));
		assertThatExceptionOfType(LarkTransientException.class)
			.isThrownBy(() -> builder().build()
				.sendHelpdesk(HelpdeskBotMessage.text("ou_1", "hi"), UserIdType.OPEN_ID)
				.block(BLOCK))
			.satisfies((ex) -> assertThat(ex.isAmbiguous()).isTrue());
		assertThat(this.lark.apiRequests()).hasSize(1);
	}

	@Test
	void helpdeskThatCannotConnectIsRetriedAndSaysItWasNotSent() {
		TenantAccessTokenProvider fixedToken = new TenantAccessTokenProvider() {
			@Override
			public Mono<String> token() {
				return Mono.just("t-fixed");
			}

			@Override
			public void invalidate(String rejectedToken) {
			}
		};
		String deadBaseUrl = this.lark.baseUrl();
		this.lark.close();
		ApprovalBotMessenger messenger = builder().baseUrl(deadBaseUrl).tokenProvider(fixedToken).build();
		long start = System.nanoTime();
		assertThatExceptionOfType(LarkTransientException.class)
			.isThrownBy(() -> messenger.sendHelpdesk(HelpdeskBotMessage.text("ou_1", "hi"), UserIdType.OPEN_ID)
				.block(BLOCK))
			.satisfies((ex) -> {
				assertThat(ex.isAmbiguous()).isFalse();
				assertThat(ex.msg()).contains("I/O error");
			});
		// three retries with at least 20 ms backoff each happened before the failure surfaced
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(30));
	}

	@Test
	void slowAnswerTimesOutAndAnIdempotentCallIsRetried() {
		this.lark.enqueue(this.lark.ok().newBuilder().headersDelay(2, TimeUnit.SECONDS).build());
		ApprovalBotMessenger messenger = builder().responseTimeout(Duration.ofMillis(300)).build();
		assertThat(messenger.update(ApprovalBotMessageUpdate.of("1", MessageStatus.APPROVED)).block(BLOCK).messageId())
			.isEqualTo("7002");
		assertThat(this.lark.apiRequests()).hasSize(2);
	}

	@Test
	void callTimeoutBoundsTheWholeCall() {
		for (int i = 0; i < 4; i++) {
			this.lark.enqueue(this.lark.ok().newBuilder().headersDelay(2, TimeUnit.SECONDS).build());
		}
		ApprovalBotMessenger messenger = builder().responseTimeout(Duration.ofSeconds(1))
			.callTimeout(Duration.ofMillis(500))
			.build();
		assertThatExceptionOfType(LarkTransientException.class)
			.isThrownBy(() -> messenger.update(ApprovalBotMessageUpdate.of("1", MessageStatus.APPROVED)).block(BLOCK))
			.satisfies((ex) -> {
				assertThat(ex.isAmbiguous()).isTrue();
				assertThat(ex.msg()).contains("no answer in time");
			});
		assertThat(this.lark.apiRequests()).hasSize(1);
	}

	@Test
	void patchesToOneMessageQueueAtFivePerSecond() {
		ApprovalBotMessenger messenger = builder().rateLimits(new RateLimitSettings(0, 0, 0, 5, 0)).build();
		Flux.range(0, 10).flatMap((i) -> messenger.patchCard("om_same", "{\"n\":" + i + "}"), 10).blockLast(BLOCK);
		List<Long> times = this.lark.apiRequestTimes().stream().sorted().toList();
		assertThat(times).hasSize(10);
		// the sixth patch needed a permit from the next one-second window
		assertThat(Duration.ofNanos(times.get(5) - times.get(0))).isGreaterThan(Duration.ofMillis(500));
	}

	@Test
	void aPermitBeyondTheCallTimeoutFailsBeforeSendingAndIsNotRetried() {
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		ApprovalBotMessenger messenger = builder().rateLimits(new RateLimitSettings(0, 0, 0, 1, 0))
			.observationRegistry(observedBy(meters))
			.callTimeout(Duration.ofMillis(300))
			.build();
		messenger.patchCard("om_same", "{}").block(BLOCK);
		assertThatExceptionOfType(LarkTransientException.class)
			.isThrownBy(() -> messenger.patchCard("om_same", "{}").block(BLOCK))
			.satisfies((ex) -> {
				assertThat(ex.isAmbiguous()).isFalse();
				assertThat(ex.msg()).contains("card.patch/message/s").contains("no permit within the call timeout");
			});
		assertThat(this.lark.apiRequests()).hasSize(1);
		assertThat(meters.find("lark.approval-bot.retries").meters()).isEmpty();
	}

	@Test
	void onlyCallsThatWaitForAPermitAreTimedAsWaits() {
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		ApprovalBotMessenger messenger = builder().rateLimits(new RateLimitSettings(0, 0, 0, 5, 0))
			.observationRegistry(observedBy(meters))
			.build();
		Flux.range(0, 10).flatMap((i) -> messenger.patchCard("om_same", "{\"n\":" + i + "}"), 10).blockLast(BLOCK);
		messenger.patchCard("om_other", "{}").block(BLOCK);
		Timer waits = meters.get("lark.approval-bot.rate-limit.waits").tag("endpoint", "card.patch").timer();
		// five per second for om_same, one at once and the rest at an even pace: nine waited, om_other did not
		assertThat(waits.count()).isEqualTo(9);
		assertThat(waits.max(TimeUnit.MILLISECONDS)).isGreaterThan(0);
		assertThat(meters.get("lark.approval-bot.requests").tag("endpoint", "card.patch").timer().count())
			.isEqualTo(11);
	}

	@Test
	void sendCardWithoutARendererFails() {
		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> builder().build().sendCard(new Object()).block(BLOCK))
			.withMessageContaining("CardRenderer");
	}

	@Test
	void sendCardRendersThenSends() {
		ApprovalBotMessenger messenger = builder().cardRenderer((card) -> pendingApproval()).build();
		assertThat(messenger.sendCard(new Object()).block(BLOCK).messageId()).isEqualTo("7001");
		assertThat(LarkStub.body(this.lark.apiRequests().get(0)).path("template_id").asString()).isEqualTo("1008");
	}

	@Test
	void blockingViewReturnsResults() {
		ApprovalBotMessenger messenger = builder().build();
		assertThat(messenger.blocking().send(pendingApproval()).messageId()).isEqualTo("7001");
		messenger.blocking().patchCard("om_1", "{}");
		assertThat(messenger.blocking().update(ApprovalBotMessageUpdate.of("7001", MessageStatus.APPROVED)).messageId())
			.isEqualTo("7003");
	}

	@Test
	void toStringHidesSecrets() {
		assertThat(builder().build().toString()).doesNotContain("app-secret-value").doesNotContain("ht-sometoken");
	}

}
