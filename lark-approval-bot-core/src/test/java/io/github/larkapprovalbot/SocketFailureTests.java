package io.github.larkapprovalbot;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import io.github.larkapprovalbot.helpdesk.HelpdeskBotMessage;
import io.github.larkapprovalbot.message.ApprovalBotMessageUpdate;
import io.github.larkapprovalbot.message.MessageStatus;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.http.client.reactive.JdkClientHttpConnector;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Failures below HTTP, from OkHttp's MockWebServer, on both connectors: an answer cut short, dribbled, too large or
 * never sent, and a connection lost after the request was read. The token request is answered normally first.
 */
class SocketFailureTests {

	private static final Duration BLOCK = Duration.ofSeconds(20);

	private static final String MESSAGE_ID = "7100000000000000001";

	private static final String UPDATED = "{\"code\":0,\"msg\":\"success\",\"data\":{\"message_id\":\"" + MESSAGE_ID
			+ "\"}}";

	/**
	 * Reactor Netty warns of the connections the server breaks; Reactor logs the JDK client's requests cancelled by a
	 * timeout.
	 */
	@RegisterExtension
	final CapturedLogs brokenConnections = CapturedLogs.of("reactor.netty", "reactor.core.publisher.Operators");

	private final MockWebServer server = new MockWebServer();

	private final List<ApprovalBotMessenger> messengers = new ArrayList<>();

	/** The connectors every test runs on. */
	enum Connector {

		REACTOR_NETTY(UnaryOperator.identity()),

		JDK((builder) -> builder.clientConnector(new JdkClientHttpConnector()));

		private final UnaryOperator<ApprovalBotMessengerBuilder> setUp;

		Connector(UnaryOperator<ApprovalBotMessengerBuilder> setUp) {
			this.setUp = setUp;
		}

	}

	@BeforeEach
	void start() throws IOException {
		this.server.start();
		this.server.enqueue(json("{\"code\":0,\"msg\":\"ok\",\"tenant_access_token\":\"t-x\",\"expire\":7200}").build());
	}

	@AfterEach
	void close() {
		this.messengers.forEach(ApprovalBotMessenger::close);
		this.server.close();
	}

	private ApprovalBotMessenger messenger(Connector connector, int maxRetries, Duration responseTimeout) {
		ApprovalBotMessenger messenger = connector.setUp
			.apply(new ApprovalBotMessengerBuilder().credentials("cli_test", "app-secret-value")
				.baseUrl("http://" + this.server.getHostName() + ":" + this.server.getPort())
				.helpdesk("12345", "ht-sometoken")
				.responseTimeout(responseTimeout)
				.callTimeout(Duration.ofSeconds(30))
				.retry(new RetrySettings(maxRetries, Duration.ofMillis(10), Duration.ofMillis(10), 0)))
			.build();
		this.messengers.add(messenger);
		return messenger;
	}

	private static MockResponse.Builder json(String body) {
		return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json; charset=utf-8")
			.body(body);
	}

	private static Mono<SentMessage> update(ApprovalBotMessenger messenger) {
		return messenger.update(ApprovalBotMessageUpdate.of(MESSAGE_ID, MessageStatus.APPROVED));
	}

	/** The paths requested, the token's first. */
	private List<String> requests() throws InterruptedException {
		List<String> targets = new ArrayList<>();
		for (RecordedRequest request = this.server.takeRequest(0, TimeUnit.SECONDS); request != null; request = this.server
			.takeRequest(0, TimeUnit.SECONDS)) {
			targets.add(request.getTarget());
		}
		return targets;
	}

	@ParameterizedTest
	@EnumSource(Connector.class)
	void anAnswerCutOffInItsBodyIsAmbiguousAndAnUpdateIsRetried(Connector connector) throws Exception {
		ApprovalBotMessenger messenger = messenger(connector, 1, Duration.ofSeconds(5));
		this.server.enqueue(json(UPDATED).onResponseBody(new SocketEffect.CloseSocket()).build());
		this.server.enqueue(json(UPDATED).build());

		assertThat(update(messenger).block(BLOCK).messageId()).isEqualTo(MESSAGE_ID);
		assertThat(requests()).containsExactly("/open-apis/auth/v3/tenant_access_token/internal",
				"/open-apis/approval/v1/message/update", "/open-apis/approval/v1/message/update");

		this.server.enqueue(json(UPDATED).onResponseBody(new SocketEffect.CloseSocket()).build());
		this.server.enqueue(json(UPDATED).onResponseBody(new SocketEffect.CloseSocket()).build());
		assertThatExceptionOfType(LarkTransientException.class).isThrownBy(() -> update(messenger).block(BLOCK))
			.satisfies((ex) -> {
				assertThat(ex.isAmbiguous()).isTrue();
				assertThat(ex.httpStatus()).isZero();
				assertThat(ex.msg()).isEmpty();
			});
		assertThat(requests()).hasSize(2);
	}

	@ParameterizedTest
	@EnumSource(Connector.class)
	void anAnswerDribbledByteByByteWithinTheResponseTimeoutIsRead(Connector connector) throws Exception {
		ApprovalBotMessenger messenger = messenger(connector, 0, Duration.ofSeconds(5));
		// About 70 bytes, one every 5 ms.
		this.server.enqueue(json(UPDATED).throttleBody(1, 5, TimeUnit.MILLISECONDS).build());

		assertThat(update(messenger).block(BLOCK).messageId()).isEqualTo(MESSAGE_ID);
		assertThat(requests()).hasSize(2);
	}

	@ParameterizedTest
	@EnumSource(Connector.class)
	void anAnswerLargerThanTheBufferLimitIsAmbiguous(Connector connector) throws Exception {
		ApprovalBotMessenger messenger = messenger(connector, 0, Duration.ofSeconds(5));
		// WebClient buffers 256 KB at most.
		String padding = "x".repeat(300 * 1024);
		this.server.enqueue(json("{\"code\":0,\"msg\":\"success\",\"data\":{\"message_id\":\"" + MESSAGE_ID
				+ "\",\"padding\":\"" + padding + "\"}}").build());

		assertThatExceptionOfType(LarkTransientException.class).isThrownBy(() -> update(messenger).block(BLOCK))
			.satisfies((ex) -> {
				assertThat(ex.isAmbiguous()).isTrue();
				assertThat(ex.getMessage()).contains("DataBufferLimitException");
			});
		assertThat(requests()).hasSize(2);
	}

	@ParameterizedTest
	@EnumSource(Connector.class)
	void anAnswerThatNeverComesTimesOutByTheResponseTimeout(Connector connector) throws Exception {
		ApprovalBotMessenger messenger = messenger(connector, 1, Duration.ofMillis(500));
		this.server.enqueue(json(UPDATED).onResponseStart(SocketEffect.Stall.INSTANCE).build());
		this.server.enqueue(json(UPDATED).onResponseStart(SocketEffect.Stall.INSTANCE).build());

		long start = System.nanoTime();
		assertThatExceptionOfType(LarkTransientException.class).isThrownBy(() -> update(messenger).block(BLOCK))
			.satisfies((ex) -> {
				assertThat(ex.isAmbiguous()).isTrue();
				assertThat(ex.httpStatus()).isZero();
			});
		assertThat(Duration.ofNanos(System.nanoTime() - start)).as("two attempts of 0.5 s, not the 30 s call timeout")
			.isBetween(Duration.ofMillis(1000), Duration.ofSeconds(5));
		assertThat(requests()).hasSize(3);
	}

	@ParameterizedTest
	@EnumSource(Connector.class)
	void aHelpdeskMessageWhoseConnectionIsLostAfterTheRequestWasReadIsNotRetried(Connector connector)
			throws Exception {
		ApprovalBotMessenger messenger = messenger(connector, 3, Duration.ofSeconds(5));
		this.server.enqueue(json(UPDATED).onResponseStart(new SocketEffect.CloseSocket()).build());
		this.server.enqueue(json(UPDATED).build());

		assertThatExceptionOfType(LarkTransientException.class)
			.isThrownBy(() -> messenger.sendHelpdesk(HelpdeskBotMessage.text("ou_1", "hi"), UserIdType.OPEN_ID)
				.block(BLOCK))
			.satisfies((ex) -> {
				assertThat(ex.isAmbiguous()).isTrue();
				assertThat(ex.endpoint()).isEqualTo(LarkEndpoint.HELPDESK_MESSAGE);
			});
		assertThat(requests()).containsExactly("/open-apis/auth/v3/tenant_access_token/internal",
				"/open-apis/helpdesk/v1/message?user_id_type=open_id");
	}

}
