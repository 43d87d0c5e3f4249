package io.github.larkapprovalbot;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import io.github.larkapprovalbot.helpdesk.HelpdeskBotMessage;
import io.github.larkapprovalbot.message.ApprovalBotMessageUpdate;
import io.github.larkapprovalbot.message.MessageStatus;
import io.github.larkapprovalbot.test.LarkSandbox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The HTTP resources of messengers on the default connector (Reactor Netty, on the test class path): each messenger
 * owns its own, so closing one never breaks another built by the same builder, and a closed messenger refuses calls
 * at once, before anything is sent.
 */
class MessengerResourcesTests {

	private static final Duration BLOCK = Duration.ofSeconds(20);

	private static final String CARD = "{\"config\":{\"update_multi\":true},\"elements\":[]}";

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

	private static SentMessage send(ApprovalBotMessenger messenger) {
		return messenger.send(WebClientApprovalBotMessengerTests.pendingApproval()).block(BLOCK);
	}

	@Test
	void closingOneMessengerLeavesAnotherFromTheSameBuilderWorking() {
		ApprovalBotMessengerBuilder builder = builder();
		ApprovalBotMessenger first = build(builder);
		ApprovalBotMessenger second = build(builder);
		// Both have made their HTTP resources (on their first call) and hold pooled connections.
		send(first);
		send(second);

		first.close();

		SentMessage sent = send(second);
		assertThat(this.lark.message(sent.messageId()).templateId()).isEqualTo("1008");
		assertThat(this.lark.messages()).hasSize(3);
		assertThatExceptionOfType(LarkTransientException.class).isThrownBy(() -> send(first));
	}

	@Test
	void aClosedMessengerFailsEveryCallAtOnceAsNotSent() {
		ApprovalBotMessenger messenger = build(builder());
		String card = send(messenger).messageId();
		int before = this.lark.requests().size();

		messenger.close();

		assertClosed(LarkEndpoint.MESSAGE_SEND,
				(closed) -> closed.send(WebClientApprovalBotMessengerTests.pendingApproval()), messenger);
		assertClosed(LarkEndpoint.MESSAGE_UPDATE,
				(closed) -> closed.update(ApprovalBotMessageUpdate.of(card, MessageStatus.APPROVED)), messenger);
		assertClosed(LarkEndpoint.CARD_PATCH, (closed) -> closed.patchCard(card, CARD), messenger);
		assertClosed(LarkEndpoint.HELPDESK_MESSAGE,
				(closed) -> closed.sendHelpdesk(HelpdeskBotMessage.text("ou_1", "hi"), UserIdType.OPEN_ID), messenger);
		assertThat(this.lark.requests()).hasSize(before);
	}

	@Test
	void aMessengerClosedBeforeItsFirstCallNeverMakesItsResources() {
		ApprovalBotMessenger messenger = build(builder());

		messenger.close();

		assertClosed(LarkEndpoint.MESSAGE_SEND,
				(closed) -> closed.send(WebClientApprovalBotMessengerTests.pendingApproval()), messenger);
		assertThat(this.lark.requests()).as("not even a token request").isEmpty();
	}

	private static void assertClosed(LarkEndpoint endpoint, Function<ApprovalBotMessenger, Mono<?>> call,
			ApprovalBotMessenger messenger) {
		long start = System.nanoTime();
		assertThatExceptionOfType(LarkTransientException.class)
			.isThrownBy(() -> call.apply(messenger).block(BLOCK))
			.satisfies((ex) -> {
				assertThat(ex.isAmbiguous()).as("nothing was sent").isFalse();
				assertThat(ex.endpoint()).isEqualTo(endpoint);
				assertThat(ex.httpStatus()).isZero();
				assertThat(ex.msg()).isEmpty();
				assertThat(ex.getMessage()).contains("is closed");
			});
		assertThat(Duration.ofNanos(System.nanoTime() - start)).as("failed at once").isLessThan(Duration.ofMillis(500));
	}

}
