package io.github.larkapprovalbot;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import ch.qos.logback.classic.Level;
import io.github.larkapprovalbot.helpdesk.HelpdeskBotMessage;
import io.github.larkapprovalbot.message.ApprovalBotMessageUpdate;
import io.github.larkapprovalbot.message.MessageStatus;
import io.github.larkapprovalbot.test.Fault;
import io.github.larkapprovalbot.test.LarkSandbox;
import io.github.larkapprovalbot.test.SandboxRequest;
import org.junit.jupiter.api.AfterEach;
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

	private static final List<String> SECRETS = List.of("app-secret-value", "ht-sometoken", "MTIzNDU6aHQtc29tZXRva2Vu",
			"callback-token-value", "callback-key-value");

	/** Everything, at DEBUG, kept out of the build log. */
	@RegisterExtension
	final CapturedLogs logs = CapturedLogs.of(Logger.ROOT_LOGGER_NAME).atLevel(Level.DEBUG);

	private final LarkSandbox lark = LarkSandbox.builder()
		.credentials("cli_test", "app-secret-value")
		.helpdesk("12345", "ht-sometoken")
		.start();

	@AfterEach
	void close() {
		this.lark.close();
	}

	@Test
	void debugLogsHoldNoSecret() {
		try (ApprovalBotMessenger messenger = new ApprovalBotMessengerBuilder()
			.credentials("cli_test", "app-secret-value")
			.baseUrl(this.lark.baseUrl())
			.helpdesk("12345", "ht-sometoken")
			.retry(new RetrySettings(1, Duration.ofMillis(10), Duration.ofMillis(10), 0))
			.build()) {
			exerciseEveryEndpoint(messenger);
		}
		assertNoSecretIn(this.logs.messages());
	}

	private void exerciseEveryEndpoint(ApprovalBotMessenger messenger) {
		this.lark.inject(Fault.revokeToken());
		String oldCard = this.lark.createCard("oc_1", "{\"config\":{\"update_multi\":true}}");
		this.lark.age(oldCard, Duration.ofDays(15));
		Duration block = Duration.ofSeconds(10);
		String card = messenger.send(WebClientApprovalBotMessengerTests.pendingApproval()).block(block).messageId();
		try {
			messenger.patchCard(oldCard, "{\"config\":{\"update_multi\":true}}").block(block);
		}
		catch (LarkApiException expected) {
			// logged and surfaced; its text is checked below too
			LoggerFactory.getLogger(SecretsInLogsTests.class).debug("caught: " + expected);
		}
		messenger.update(ApprovalBotMessageUpdate.of(card, MessageStatus.APPROVED)).block(block);
		messenger.sendHelpdesk(HelpdeskBotMessage.text("ou_1", "hi"), UserIdType.OPEN_ID).block(block);
	}

	private void assertNoSecretIn(List<String> lines) {
		List<String> secrets = new ArrayList<>(SECRETS);
		this.lark.requests().stream()
			.map((request) -> request.header("Authorization"))
			.filter(Objects::nonNull)
			.map((authorization) -> authorization.substring("Bearer ".length()))
			.forEach(secrets::add);
		assertThat(secrets).hasSizeGreaterThan(SECRETS.size() + 1);
		assertThat(this.lark.requests(SandboxRequest.Endpoint.CARD_PATCH)).hasSize(1);
		assertThat(lines).anySatisfy((line) -> assertThat(line).contains("/open-apis/approval/v1/message/send")
			.contains("code 99991663"));
		assertThat(lines).anySatisfy((line) -> assertThat(line).contains("/open-apis/helpdesk/v1/message")
			.contains("HTTP 200"));
		for (String line : lines) {
			for (String secret : secrets) {
				assertThat(line).as("log line").doesNotContain(secret);
			}
		}
	}

}
