package io.github.larkapprovalbot;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.github.larkapprovalbot.helpdesk.HelpdeskBotMessage;
import io.github.larkapprovalbot.message.ApprovalBotMessage;
import io.github.larkapprovalbot.message.ApprovalBotMessage.ActionConfig;
import io.github.larkapprovalbot.message.ApprovalBotMessageUpdate;
import io.github.larkapprovalbot.message.BotTemplate;
import io.github.larkapprovalbot.message.MessageStatus;
import io.github.larkapprovalbot.test.Fault;
import io.github.larkapprovalbot.test.LarkSandbox;
import io.github.larkapprovalbot.test.SandboxRequest;
import io.github.larkapprovalbot.test.SandboxRequest.Endpoint;
import io.github.larkapprovalbot.token.TenantAccessTokenProvider;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import jakarta.validation.ConstraintViolationException;
import org.junit.jupiter.api.AfterEach;
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
 * The client against the Lark sandbox, a real socket whose rules are written from Lark's pages: what goes on the wire
 * for every endpoint, how tokens are cached and renewed, and which failures are retried.
 */
public class WebClientApprovalBotMessengerTests {

	private static final Duration BLOCK = Duration.ofSeconds(20);

	final LarkSandbox lark = LarkSandbox.builder()
		.credentials("cli_test", "app-secret-value")
		.helpdesk("12345", "ht-sometoken")
		.start();

	/** An interactive card in the sandbox, as the app's bot sent it, for the patches. */
	static final String CARD = "{\"config\":{\"update_multi\":true},\"elements\":[]}";

	/** Reactor Netty warns of the connections the sandbox drops on purpose. */
	@RegisterExtension
	final CapturedLogs nettyWarnings = CapturedLogs.of("reactor.netty");

	/** The connector every test runs on: the default one; a subclass runs them all on another. */
	ApprovalBotMessengerBuilder connector(ApprovalBotMessengerBuilder builder) {
		return builder;
	}

	private final List<ApprovalBotMessenger> messengers = new ArrayList<>();

	/** Each messenger owns its HTTP resources: the test closes it. */
	ApprovalBotMessenger track(ApprovalBotMessenger messenger) {
		this.messengers.add(messenger);
		return messenger;
	}

	@AfterEach
	void closeMessengers() {
		this.messengers.forEach(ApprovalBotMessenger::close);
	}

	@AfterEach
	void closeLark() {
		this.lark.close();
	}

	private ApprovalBotMessengerBuilder builder() {
		return connector(new ApprovalBotMessengerBuilder()).credentials(this.lark.appId(), this.lark.appSecret())
			.baseUrl(this.lark.baseUrl())
			.helpdesk(this.lark.helpdeskId(), this.lark.helpdeskToken())
			.retry(new RetrySettings(3, Duration.ofMillis(20), Duration.ofMillis(100), 0.5));
	}

	private List<SandboxRequest> api() {
		return this.lark.requests().stream().filter((request) -> request.endpoint() != Endpoint.TOKEN).toList();
	}

	private List<SandboxRequest> tokenRequests() {
		return this.lark.requests(Endpoint.TOKEN);
	}

	private static JsonNode body(SandboxRequest request) {
		return JsonMapper.shared().readTree(request.body());
	}

	/** A 1008 card in the sandbox, for the updates. */
	private String sentCard() {
		return track(builder().build()).send(pendingApproval()).block(BLOCK).messageId();
	}

	private static Fault lark(int status, int code, String msg) {
		return Fault.answer(status, "{\"code\":" + code + ",\"msg\":\"" + msg + "\"}");
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
		ApprovalBotMessenger messenger = track(builder().build());
		ApprovalBotMessage message = pendingApproval();

		SentMessage sent = messenger.send(message).block(BLOCK);

		assertThat(this.lark.messagesTo("16fb9ff3")).singleElement()
			.satisfies((card) -> assertThat(card.messageId()).isEqualTo(sent.messageId()));
		SandboxRequest token = tokenRequests().get(0);
		assertThat(token.method()).isEqualTo("POST");
		assertThat(token.header("Authorization")).isNull();
		assertThat(body(token)).isEqualTo(JsonMapper.shared()
			.valueToTree(Map.of("app_id", this.lark.appId(), "app_secret", this.lark.appSecret())));
		SandboxRequest request = api().get(0);
		assertThat(request.method()).isEqualTo("POST");
		assertThat(request.path()).isEqualTo("/open-apis/approval/v1/message/send");
		assertThat(request.header("Authorization")).startsWith("Bearer t-");
		assertThat(request.header("Content-Type")).isEqualTo("application/json;charset=utf-8");
		JsonNode body = body(request);
		assertThat(body.path("uuid").asString()).hasSize(36);
		assertThat(body).isEqualTo(JsonMapper.shared().valueToTree(message.withUuid(body.path("uuid").asString())));
	}

	@Test
	void updatePostsTheUpdate() {
		String card = sentCard();
		SentMessage updated = track(builder().build()).update(ApprovalBotMessageUpdate.of(card, MessageStatus.APPROVED))
			.block(BLOCK);
		assertThat(updated.messageId()).isEqualTo(card);
		assertThat(this.lark.message(card).status()).isEqualTo("APPROVED");
		SandboxRequest request = api().get(1);
		assertThat(request.method()).isEqualTo("POST");
		assertThat(request.path()).isEqualTo("/open-apis/approval/v1/message/update");
		assertThat(request.body()).isEqualTo("{\"message_id\":\"" + card + "\",\"status\":\"APPROVED\","
				+ "\"i18n_resources\":[{\"locale\":\"zh-CN\",\"is_default\":true,\"texts\":{}}]}");
	}

	/** The Lark guide's example has no i18n_resources, which the Feishu page requires: it goes out with them. */
	@Test
	void anUpdateWithoutI18nResourcesGoesOutWithTheDefaultOne() {
		String card = sentCard();
		ApprovalBotMessageUpdate example = new ApprovalBotMessageUpdate(card, "APPROVED", null, null, null);
		assertThat(track(builder().build()).update(example).block(BLOCK).messageId()).isEqualTo(card);
		assertThat(api().get(1).body()).isEqualTo("{\"message_id\":\"" + card + "\",\"status\":\"APPROVED\","
				+ "\"i18n_resources\":[{\"locale\":\"zh-CN\",\"is_default\":true,\"texts\":{}}]}");
	}

	@Test
	void patchCardSendsTheSerializedCard() {
		this.lark.createCard("om_dc13264520392913993dd051dba21dcf", "oc_1", "{\"config\":{\"update_multi\":true}}");
		track(builder().build()).patchCard("om_dc13264520392913993dd051dba21dcf", CARD).block(BLOCK);
		SandboxRequest request = api().get(0);
		assertThat(request.method()).isEqualTo("PATCH");
		assertThat(request.path()).isEqualTo("/open-apis/im/v1/messages/om_dc13264520392913993dd051dba21dcf");
		assertThat(body(request).path("content").asString()).isEqualTo(CARD);
		assertThat(request.header("Authorization")).startsWith("Bearer t-");
		assertThat(this.lark.message("om_dc13264520392913993dd051dba21dcf").json()).isEqualTo(CARD);
	}

	@Test
	void patchCardSerializesACardObject() {
		String id = this.lark.createCard("oc_1", CARD);
		track(builder().build()).patchCard(id, Map.of("config", Map.of("update_multi", true))).block(BLOCK);
		assertThat(body(api().get(0)).path("content").asString()).isEqualTo("{\"config\":{\"update_multi\":true}}");
	}

	@Test
	void theBlockingViewPatchesACardObjectToo() {
		String id = this.lark.createCard("oc_1", CARD);
		track(builder().build()).blocking().patchCard(id, Map.of("config", Map.of("update_multi", true)));
		assertThat(this.lark.message(id).json()).isEqualTo("{\"config\":{\"update_multi\":true}}");
	}

	@Test
	void helpdeskSendsBothAuthorizationHeadersAndTheUserIdType() {
		SentMessage sent = track(builder().build())
			.sendHelpdesk(HelpdeskBotMessage.text("ou_7346484524", "hi"), UserIdType.OPEN_ID)
			.block(BLOCK);
		assertThat(this.lark.messagesTo("ou_7346484524")).singleElement()
			.satisfies((message) -> assertThat(message.messageId()).isEqualTo(sent.messageId()));
		SandboxRequest request = api().get(0);
		assertThat(request.path()).isEqualTo("/open-apis/helpdesk/v1/message");
		assertThat(request.query()).isEqualTo("user_id_type=open_id");
		// The page's example: base64("12345:ht-sometoken").
		assertThat(request.header("X-Lark-Helpdesk-Authorization")).isEqualTo("MTIzNDU6aHQtc29tZXRva2Vu");
		assertThat(request.header("Authorization")).startsWith("Bearer t-");
		assertThat(body(request).path("msg_type").asString()).isEqualTo("text");
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
		assertThat(this.lark.requests()).isEmpty();
	}

	@Test
	void legacyPathStyleSendsApprovalCallsToTheLegacyHostOnly() {
		ApprovalBotMessenger messenger = track(builder().approvalPathStyle(ApprovalPathStyle.LEGACY)
			.legacyApprovalBaseUrl(this.lark.baseUrl())
			.build());
		String card = messenger.send(pendingApproval()).block(BLOCK).messageId();
		messenger.update(ApprovalBotMessageUpdate.of(card, MessageStatus.REJECTED)).block(BLOCK);
		assertThat(api()).extracting(SandboxRequest::path)
			.containsExactly("/approval/openapi/v1/message/send", "/approval/openapi/v1/message/update");
		assertThat(tokenRequests()).hasSize(1);
		assertThat(this.lark.message(card).status()).isEqualTo("REJECTED");
	}

	@Test
	void invalidPayloadSendsNothing() {
		ApprovalBotMessage invalid = new ApprovalBotMessage("1008", "u1", null, null, null, null, null, null, null,
				null, null, null, null, null, null, null, null, null);
		assertThatExceptionOfType(ConstraintViolationException.class)
			.isThrownBy(() -> track(builder().build()).send(invalid).block(BLOCK))
			.withMessageContaining("approval_name");
		assertThat(this.lark.requests()).isEmpty();
	}

	@Test
	void tokenIsCachedAndReused() {
		ApprovalBotMessenger messenger = track(builder().build());
		String card = messenger.send(pendingApproval()).block(BLOCK).messageId();
		messenger.update(ApprovalBotMessageUpdate.of(card, MessageStatus.APPROVED)).block(BLOCK);
		messenger.patchCard(this.lark.createCard("oc_1", CARD), CARD).block(BLOCK);
		assertThat(tokenRequests()).hasSize(1);
		assertThat(api()).hasSize(3).extracting((request) -> request.header("Authorization")).containsOnly(
				api().get(0).header("Authorization"));
	}

	@Test
	void concurrentCallsOnAColdCacheMakeOneTokenRequest() {
		this.lark.inject(Fault.delay(Duration.ofMillis(300)).on(Endpoint.TOKEN));
		ApprovalBotMessenger messenger = track(builder().rateLimits(RateLimitSettings.unlimited()).build());
		// The sandbox takes 50 sends a second, as Lark does.
		List<SentMessage> sent = Flux.range(0, 50)
			.flatMap((i) -> messenger.send(pendingApproval()), 50)
			.collectList()
			.block(BLOCK);
		assertThat(sent).hasSize(50);
		assertThat(tokenRequests()).hasSize(1);
		assertThat(api()).hasSize(50);
		assertThat(this.lark.messages()).hasSize(50);
	}

	@Test
	void rejectedTokenInAnHttp200BodyIsEvictedRefetchedAndRetriedOnce() {
		this.lark.inject(lark(200, 99991663, "Invalid access token for authorization"));
		SentMessage sent = track(builder().build()).send(pendingApproval()).block(BLOCK);
		assertThat(this.lark.message(sent.messageId()).templateId()).isEqualTo("1008");
		// Lark answers the refetch with the same token while it has 30 minutes left.
		assertThat(tokenRequests()).hasSize(2);
		assertThat(api()).hasSize(2);
	}

	@Test
	void replacementTokenRevokedMeanwhileIsReplacedAgain() {
		this.lark.inject(Fault.revokeToken().times(2));
		SentMessage sent = track(builder().build()).send(pendingApproval()).block(BLOCK);
		assertThat(this.lark.messages()).singleElement()
			.satisfies((card) -> assertThat(card.messageId()).isEqualTo(sent.messageId()));
		assertThat(api()).extracting((r) -> r.header("Authorization")).doesNotHaveDuplicates().hasSize(3);
	}

	@Test
	void thirdRejectedTokenSurfaces() {
		this.lark.inject(Fault.revokeToken().times(3));
		assertThatExceptionOfType(LarkAuthenticationException.class)
			.isThrownBy(() -> track(builder().build()).send(pendingApproval()).block(BLOCK))
			.satisfies((ex) -> {
				assertThat(ex.code()).isEqualTo(99991663);
				assertThat(ex.httpStatus()).isEqualTo(400);
				assertThat(ex.endpoint()).isEqualTo(LarkEndpoint.MESSAGE_SEND);
			});
		assertThat(api()).hasSize(3);
		assertThat(tokenRequests()).hasSize(3);
		assertThat(this.lark.messages()).isEmpty();
	}

	@Test
	void tokenEndpointRefusalIsAnAuthenticationErrorNotRetried() {
		ApprovalBotMessenger messenger = connector(new ApprovalBotMessengerBuilder())
			.credentials(this.lark.appId(), "wrong-secret-value")
			.baseUrl(this.lark.baseUrl())
			.build();
		assertThatExceptionOfType(LarkAuthenticationException.class)
			.isThrownBy(() -> messenger.send(pendingApproval()).block(BLOCK))
			.satisfies((ex) -> {
				assertThat(ex.code()).isEqualTo(10015);
				assertThat(ex.endpoint()).isEqualTo(LarkEndpoint.TENANT_ACCESS_TOKEN);
				assertThat(ex.getMessage()).contains("10015").doesNotContain("wrong-secret-value");
			});
		assertThat(tokenRequests()).hasSize(1);
		assertThat(api()).isEmpty();
	}

	@Test
	void throttledCallWaitsTheResetLarkAsksForThenSucceeds() {
		this.lark.inject(Fault.throttle(Duration.ofSeconds(1)));
		SentMessage sent = track(builder().build()).send(pendingApproval()).block(BLOCK);
		assertThat(this.lark.messages()).singleElement()
			.satisfies((card) -> assertThat(card.messageId()).isEqualTo(sent.messageId()));
		List<SandboxRequest> sends = api();
		assertThat(sends).hasSize(2);
		assertThat(Duration.between(sends.get(0).receivedAt(), sends.get(1).receivedAt()))
			.isGreaterThanOrEqualTo(Duration.ofMillis(950));
	}

	@Test
	void aThrottleLongerThanTheCallsBudgetFailsAtOnceAsAThrottle() {
		this.lark.inject(Fault.throttle(Duration.ofSeconds(60)));
		ApprovalBotMessenger messenger = track(builder().callTimeout(Duration.ofSeconds(5)).build());
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
		assertThat(api()).hasSize(1);
	}

	@Test
	void aTokenAnswerWithoutATokenIsAFailureOfTheTokenEndpoint() {
		for (String answer : List.of("{\"code\":0,\"msg\":\"ok\",\"expire\":7200}",
				"{\"code\":0,\"msg\":\"ok\",\"tenant_access_token\":\"t-x\",\"expire\":\"soon\"}",
				"{\"code\":0,\"msg\":\"ok\",\"tenant_access_token\":\"t-x\",\"expire\":0}")) {
			this.lark.inject(Fault.answer(200, answer).on(Endpoint.TOKEN));
			assertThatExceptionOfType(LarkApiException.class)
				.isThrownBy(() -> track(builder().build()).update(ApprovalBotMessageUpdate.of("1", MessageStatus.APPROVED))
					.block(BLOCK))
				.as(answer)
				.satisfies((ex) -> assertThat(ex.endpoint()).isEqualTo(LarkEndpoint.TENANT_ACCESS_TOKEN));
		}
		assertThat(api()).isEmpty();
		assertThat(tokenRequests()).hasSize(3);
	}

	@Test
	void aSuccessWithoutAMessageIdIsAFailure() {
		this.lark.inject(Fault.answer(200, "{\"code\":0,\"msg\":\"success\",\"data\":{}}"));
		assertThatExceptionOfType(LarkApiException.class)
			.isThrownBy(() -> track(builder().build()).update(ApprovalBotMessageUpdate.of("1", MessageStatus.APPROVED))
				.block(BLOCK))
			.withMessageContaining("message_id");
	}

	@Test
	void aHelpdeskAnswerThatIsNotJsonMayHaveBeenDelivered() {
		assertHelpdeskIsAmbiguousAndSentOnce(
				Fault.answer(200, "<html>ok</html>").withHeader("Content-Type", "text/html"));
	}

	/** The helpdesk call that meets the fault fails as possibly delivered, after one request: never retried. */
	private void assertHelpdeskIsAmbiguousAndSentOnce(Fault fault) {
		this.lark.inject(fault);
		assertThatExceptionOfType(LarkTransientException.class)
			.isThrownBy(() -> track(builder().build())
				.sendHelpdesk(HelpdeskBotMessage.text("ou_1", "hi"), UserIdType.OPEN_ID)
				.block(BLOCK))
			.satisfies((ex) -> assertThat(ex.isAmbiguous()).isTrue());
		assertThat(api()).hasSize(1);
	}

	@Test
	void nullArgumentsAreNamedBeforeAnythingHappens() {
		ApprovalBotMessenger messenger = track(builder().build());
		assertThatNullPointerException()
			.isThrownBy(() -> messenger.sendHelpdesk(HelpdeskBotMessage.text("ou_1", "hi"), null))
			.withMessageContaining("userIdType");
		assertThatNullPointerException().isThrownBy(() -> messenger.send(null)).withMessageContaining("message");
		assertThatNullPointerException().isThrownBy(() -> messenger.update(null)).withMessageContaining("update");
		assertThatNullPointerException().isThrownBy(() -> messenger.patchCard(null, "{}"))
			.withMessageContaining("messageId");
		assertThatNullPointerException().isThrownBy(() -> messenger.patchCard("om_1", (Object) null))
			.withMessageContaining("card");
		assertThat(this.lark.requests()).isEmpty();
	}

	@Test
	void dotSegmentsAreNoMessageIds() {
		ApprovalBotMessenger messenger = track(builder().build());
		for (String id : List.of(".", "..", " ")) {
			assertThatIllegalArgumentException().isThrownBy(() -> messenger.patchCard(id, "{}"))
				.withMessageContaining("messageId");
		}
		assertThat(this.lark.requests()).isEmpty();
	}

	@Test
	void theGeneratedUuidIsFixedWhenSendIsCalledSoResubscribingCreatesNoSecondCard() {
		this.lark.inject(lark(400, 1000001, "bad"));
		Mono<SentMessage> send = track(builder().build()).send(pendingApproval());
		String first = send.retry(1).block(BLOCK).messageId();
		assertThat(send.block(BLOCK).messageId()).isEqualTo(first);
		assertThat(api()).hasSize(3).extracting((r) -> body(r).path("uuid").asString()).containsOnly(
				body(api().get(0)).path("uuid").asString());
		assertThat(this.lark.messages()).hasSize(1);
	}

	@Test
	void serverErrorIsRetriedWithTheSameUuid() {
		this.lark.inject(Fault.serverError());
		this.lark.inject(Fault.answer(502, "<html>bad gateway</html>").withHeader("Content-Type", "text/html"));
		track(builder().build()).send(pendingApproval()).block(BLOCK);
		assertThat(api()).hasSize(3);
		assertThat(api()).extracting((r) -> body(r).path("uuid").asString())
			.containsOnly(body(api().get(0)).path("uuid").asString());
		assertThat(this.lark.messages()).hasSize(1);
	}

	@Test
	void retriesAreBounded() {
		this.lark.inject(lark(503, 155000, "Internal error").times(4));
		assertThatExceptionOfType(LarkTransientException.class)
			.isThrownBy(() -> track(builder().build()).update(ApprovalBotMessageUpdate.of("1", MessageStatus.APPROVED))
				.block(BLOCK))
			.satisfies((ex) -> assertThat(ex.httpStatus()).isEqualTo(503));
		assertThat(api()).hasSize(4);
	}

	@Test
	void terminalErrorIsNotRetriedAndCarriesLarksDetails() {
		String card = this.lark.createCard("oc_1", CARD);
		this.lark.age(card, Duration.ofDays(15));
		assertThatExceptionOfType(LarkTerminalException.class)
			.isThrownBy(() -> track(builder().build()).patchCard(card, CARD).block(BLOCK))
			.satisfies((ex) -> {
				assertThat(ex.code()).isEqualTo(230031);
				assertThat(ex.msg()).startsWith("Message can only be modified within 14 days");
				assertThat(ex.httpStatus()).isEqualTo(400);
				assertThat(ex.logId()).startsWith("sandbox-");
				assertThat(ex.endpoint()).isEqualTo(LarkEndpoint.CARD_PATCH);
			});
		assertThat(api()).hasSize(1);
		this.lark.inject(Fault.answer(400, "{\"code\":230031,\"msg\":\"Message can only be modified within 14 days "
				+ "after sending.\",\"error\":{\"log_id\":\"body-log-id\",\"troubleshooter\":"
				+ "\"https://open.feishu.cn/search?log_id=x\"}}").withHeader("X-Request-Id", "request-id-1"));
		assertThatExceptionOfType(LarkTerminalException.class)
			.isThrownBy(() -> track(builder().build()).patchCard(card, CARD).block(BLOCK))
			.satisfies((ex) -> {
				assertThat(ex.logId()).isEqualTo("request-id-1");
				assertThat(ex.troubleshooter()).isEqualTo("https://open.feishu.cn/search?log_id=x");
			});
	}

	@Test
	void logIdPrefersTheTtLogidHeaderThenTheBody() {
		this.lark.inject(Fault.answer(400, "{\"code\":230110,\"msg\":\"deleted\",\"error\":{\"log_id\":\"from-body\"}}")
			.withHeader("X-Tt-Logid", "from-tt-logid")
			.withHeader("X-Request-Id", "from-request-id"));
		this.lark.inject(Fault.answer(400, "{\"code\":230110,\"msg\":\"deleted\",\"error\":{\"log_id\":\"from-body\"}}"));
		ApprovalBotMessenger messenger = track(builder().build());
		assertThat(logId(messenger)).isEqualTo("from-tt-logid");
		assertThat(logId(messenger)).isEqualTo("from-body");
	}

	private static String logId(ApprovalBotMessenger messenger) {
		try {
			messenger.patchCard("om_1", CARD).block(BLOCK);
			throw new AssertionError("expected a failure");
		}
		catch (LarkApiException ex) {
			return ex.logId();
		}
	}

	@Test
	void businessErrorWithHttp200IsAFailure() {
		this.lark.inject(lark(200, 60001, "actionUrls incomplete error"));
		assertThatExceptionOfType(LarkTerminalException.class)
			.isThrownBy(() -> track(builder().build()).send(pendingApproval()).block(BLOCK))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(60001));
		assertThat(api()).hasSize(1);
	}

	@Test
	void helpdeskMessageThatLosesItsConnectionAfterTheRequestIsNotRetried() {
		this.lark.inject(Fault.dropAfterWork());
		assertThatExceptionOfType(LarkTransientException.class)
			.isThrownBy(() -> track(builder().build())
				.sendHelpdesk(HelpdeskBotMessage.text("ou_1", "hi"), UserIdType.OPEN_ID)
				.block(BLOCK))
			.satisfies((ex) -> {
				assertThat(ex.isAmbiguous()).isTrue();
				assertThat(ex.endpoint()).isEqualTo(LarkEndpoint.HELPDESK_MESSAGE);
			});
		assertThat(api()).hasSize(1);
		assertThat(this.lark.messagesTo("ou_1")).as("delivered once, and its caller told it may have been").hasSize(1);
	}

	@Test
	void sendThatLosesItsConnectionIsRetriedWithItsUuid() {
		this.lark.inject(Fault.dropAfterWork());
		SentMessage sent = track(builder().build()).send(pendingApproval()).block(BLOCK);
		assertThat(api()).hasSize(2);
		assertThat(body(api().get(0)).path("uuid")).isEqualTo(body(api().get(1)).path("uuid"));
		assertThat(this.lark.messages()).singleElement()
			.satisfies((card) -> assertThat(card.messageId()).isEqualTo(sent.messageId()));
	}

	@Test
	void helpdeskThrottledIsRetried() {
		this.lark.inject(lark(429, 99991400, "request trigger frequency limit"));
		SentMessage sent = track(builder().build())
			.sendHelpdesk(HelpdeskBotMessage.text("ou_1", "hi"), UserIdType.USER_ID)
			.block(BLOCK);
		assertThat(api()).hasSize(2);
		assertThat(this.lark.messagesTo("ou_1")).singleElement()
			.satisfies((message) -> assertThat(message.messageId()).isEqualTo(sent.messageId()));
	}

	@Test
	void helpdeskServerErrorIsAmbiguousAndNotRetried() {
		assertHelpdeskIsAmbiguousAndSentOnce(Fault.serverError());
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
		ApprovalBotMessenger messenger = track(builder().baseUrl(deadBaseUrl).tokenProvider(fixedToken).build());
		long start = System.nanoTime();
		assertThatExceptionOfType(LarkTransientException.class)
			.isThrownBy(() -> messenger.sendHelpdesk(HelpdeskBotMessage.text("ou_1", "hi"), UserIdType.OPEN_ID)
				.block(BLOCK))
			.satisfies((ex) -> {
				assertThat(ex.isAmbiguous()).isFalse();
				assertThat(ex.msg()).isEmpty();
				assertThat(ex.getMessage()).containsPattern("no answer \\(\\w*ConnectException");
			});
		// three retries with at least 20 ms backoff each happened before the failure surfaced
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(30));
	}

	@Test
	void slowAnswerTimesOutAndAnIdempotentCallIsRetried() {
		String card = sentCard();
		this.lark.inject(Fault.delay(Duration.ofSeconds(2)));
		ApprovalBotMessenger messenger = track(builder().responseTimeout(Duration.ofMillis(300)).build());
		assertThat(messenger.update(ApprovalBotMessageUpdate.of(card, MessageStatus.APPROVED)).block(BLOCK).messageId())
			.isEqualTo(card);
		assertThat(api()).extracting(SandboxRequest::endpoint)
			.containsExactly(Endpoint.APPROVAL_SEND, Endpoint.APPROVAL_UPDATE, Endpoint.APPROVAL_UPDATE);
	}

	@Test
	void callTimeoutBoundsTheWholeCall() {
		String card = sentCard();
		this.lark.inject(Fault.delay(Duration.ofSeconds(2)).times(4));
		ApprovalBotMessenger messenger = track(builder().responseTimeout(Duration.ofSeconds(1))
			.callTimeout(Duration.ofMillis(500))
			.build());
		assertThatExceptionOfType(LarkTransientException.class)
			.isThrownBy(() -> messenger.update(ApprovalBotMessageUpdate.of(card, MessageStatus.APPROVED)).block(BLOCK))
			.satisfies((ex) -> {
				assertThat(ex.isAmbiguous()).isTrue();
				assertThat(ex.msg()).isEmpty();
				assertThat(ex.getMessage()).contains("no answer in time");
			});
		assertThat(this.lark.requests(Endpoint.APPROVAL_UPDATE)).hasSize(1);
	}

	@Test
	void patchesToOneMessageQueueAtFivePerSecond() {
		String card = this.lark.createCard("oc_1", CARD);
		ApprovalBotMessenger messenger = track(builder().rateLimits(new RateLimitSettings(0, 0, 0, 5, 0)).build());
		Flux.range(0, 10).flatMap((i) -> messenger.patchCard(card, patch(i)), 10).blockLast(BLOCK);
		List<SandboxRequest> patches = api();
		assertThat(patches).hasSize(10);
		// the sixth patch needed a permit from the next one-second window
		assertThat(Duration.between(patches.get(0).receivedAt(), patches.get(5).receivedAt()))
			.isGreaterThan(Duration.ofMillis(500));
		assertThat(this.lark.message(card).patches()).isEqualTo(10);
	}

	private static String patch(int version) {
		return "{\"config\":{\"update_multi\":true},\"header\":{\"title\":{\"tag\":\"plain_text\",\"content\":\"v"
				+ version + "\"}}}";
	}

	@Test
	void aPermitBeyondTheCallTimeoutFailsBeforeSendingAndIsNotRetried() {
		String card = this.lark.createCard("oc_1", CARD);
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		ApprovalBotMessenger messenger = track(builder().rateLimits(new RateLimitSettings(0, 0, 0, 1, 0))
			.observationRegistry(observedBy(meters))
			.callTimeout(Duration.ofMillis(300))
			.build());
		messenger.patchCard(card, CARD).block(BLOCK);
		assertThatExceptionOfType(LarkRateLimitException.class)
			.isThrownBy(() -> messenger.patchCard(card, CARD).block(BLOCK))
			.satisfies((ex) -> {
				assertThat(ex.isAmbiguous()).isFalse();
				assertThat(ex.isClientSide()).isTrue();
				assertThat(ex.limit()).isEqualTo("card.patch/message/s");
				assertThat(ex.getMessage()).contains("no permit within the call timeout");
			});
		assertThat(api()).hasSize(1);
		assertThat(meters.find("lark.approval-bot.retries").meters()).isEmpty();
	}

	@Test
	void onlyCallsThatWaitForAPermitAreTimedAsWaits() {
		String card = this.lark.createCard("oc_1", CARD);
		String other = this.lark.createCard("oc_1", CARD);
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		ApprovalBotMessenger messenger = track(builder().rateLimits(new RateLimitSettings(0, 0, 0, 5, 0))
			.observationRegistry(observedBy(meters))
			.build());
		Flux.range(0, 10).flatMap((i) -> messenger.patchCard(card, patch(i)), 10).blockLast(BLOCK);
		messenger.patchCard(other, CARD).block(BLOCK);
		Timer waits = meters.get("lark.approval-bot.rate-limit.waits").tag("endpoint", "card.patch").timer();
		// five per second for one card, one at once and the rest at an even pace: nine waited, the other did not
		assertThat(waits.count()).isEqualTo(9);
		assertThat(waits.max(TimeUnit.MILLISECONDS)).isGreaterThan(0);
		assertThat(meters.get("lark.approval-bot.requests").tag("endpoint", "card.patch").timer().count())
			.isEqualTo(11);
	}

	@Test
	void sendCardWithoutARendererFails() {
		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> track(builder().build()).sendCard(new Object()).block(BLOCK))
			.withMessageContaining("CardRenderer");
	}

	@Test
	void sendCardRendersThenSends() {
		ApprovalBotMessenger messenger = track(builder().cardRenderer((card) -> pendingApproval()).build());
		String id = messenger.sendCard(new Object()).block(BLOCK).messageId();
		assertThat(this.lark.message(id).templateId()).isEqualTo("1008");
	}

	@Test
	void blockingViewReturnsResults() {
		ApprovalBotMessenger messenger = track(builder().build());
		String card = messenger.blocking().send(pendingApproval()).messageId();
		messenger.blocking().patchCard(this.lark.createCard("oc_1", CARD), CARD);
		assertThat(messenger.blocking().update(ApprovalBotMessageUpdate.of(card, MessageStatus.APPROVED)).messageId())
			.isEqualTo(card);
		assertThat(this.lark.message(card).status()).isEqualTo("APPROVED");
	}

	@Test
	void toStringHidesSecrets() {
		assertThat(track(builder().build()).toString()).doesNotContain("app-secret-value").doesNotContain("ht-sometoken");
	}

}
