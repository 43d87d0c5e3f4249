package io.github.larkapprovalbot;

import java.time.Duration;
import java.util.List;

import ch.qos.logback.classic.Level;
import io.github.larkapprovalbot.helpdesk.HelpdeskBotMessage;
import io.github.larkapprovalbot.message.ApprovalBotMessageUpdate;
import io.github.larkapprovalbot.message.MessageStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every log line of a full round of calls, at DEBUG for everything (our client, WebClient, Reactor Netty), holds
 * no secret: app secret, tenant token, helpdesk token or its header, callback token or key.
 */
class SecretsInLogsTests {

	private static final List<String> SECRETS = List.of("app-secret-value", "t-1", "t-2", "ht-sometoken",
			"MTIzNDU6aHQtc29tZXRva2Vu", "callback-token-value", "callback-key-value");

	@RegisterExtension
	final LarkStub lark = new LarkStub();

	/** Everything, at DEBUG, kept out of the build log. */
	@RegisterExtension
	final CapturedLogs logs = CapturedLogs.of(Logger.ROOT_LOGGER_NAME).atLevel(Level.DEBUG);

	@Test
	void debugLogsHoldNoSecret() {
		ApprovalBotMessenger messenger = new ApprovalBotMessengerBuilder()
			.credentials("cli_test", "app-secret-value")
			.baseUrl(this.lark.baseUrl())
			.helpdesk("12345", "ht-sometoken")
			.retry(new RetrySettings(1, Duration.ofMillis(10), Duration.ofMillis(10), 0))
			.build();
		this.lark.enqueue(LarkStub.failure(200, 99991663, "Invalid access token"));
		this.lark.enqueue(this.lark.ok());
		this.lark.enqueue(LarkStub.failure(400, 230031, "too old"));
		Duration block = Duration.ofSeconds(10);
		messenger.send(WebClientApprovalBotMessengerTests.pendingApproval()).block(block);
		try {
			messenger.patchCard("om_1", "{}").block(block);
		}
		catch (LarkApiException expected) {
			// logged and surfaced; its text is checked below too
			LoggerFactory.getLogger(SecretsInLogsTests.class).debug("caught: " + expected);
		}
		messenger.update(ApprovalBotMessageUpdate.of("7001", MessageStatus.APPROVED)).block(block);
		messenger.sendHelpdesk(HelpdeskBotMessage.text("ou_1", "hi"), UserIdType.OPEN_ID).block(block);

		List<String> lines = this.logs.messages();
		assertThat(lines).anySatisfy((line) -> assertThat(line).contains("/open-apis/approval/v1/message/send")
			.contains("code 99991663"));
		assertThat(lines).anySatisfy((line) -> assertThat(line).contains("/open-apis/helpdesk/v1/message")
			.contains("HTTP 200"));
		for (String line : lines) {
			for (String secret : SECRETS) {
				assertThat(line).as("log line").doesNotContain(secret);
			}
		}
	}

}
