package io.github.larkapprovalbot;

import java.util.Objects;

import io.github.larkapprovalbot.helpdesk.HelpdeskBotMessage;
import io.github.larkapprovalbot.message.ApprovalBotMessage;
import io.github.larkapprovalbot.message.ApprovalBotMessageUpdate;
import reactor.core.publisher.Mono;

/**
 * The blocking view of an {@link ApprovalBotMessenger}. Each call waits at most the messenger's call timeout; it
 * must not run on a reactive event-loop thread.
 */
public final class BlockingApprovalBotMessenger {

	private final ApprovalBotMessenger messenger;

	BlockingApprovalBotMessenger(ApprovalBotMessenger messenger) {
		this.messenger = messenger;
	}

	/**
	 * See {@link ApprovalBotMessenger#send}.
	 * @param message the message
	 * @return the sent message
	 */
	public SentMessage send(ApprovalBotMessage message) {
		return result(this.messenger.send(message));
	}

	/**
	 * See {@link ApprovalBotMessenger#update}.
	 * @param update the update
	 * @return the updated message
	 */
	public SentMessage update(ApprovalBotMessageUpdate update) {
		return result(this.messenger.update(update));
	}

	/**
	 * See {@link ApprovalBotMessenger#patchCard(String, String)}.
	 * @param messageId the message id
	 * @param cardJson the card
	 */
	public void patchCard(String messageId, String cardJson) {
		this.messenger.patchCard(messageId, cardJson).block();
	}

	/**
	 * See {@link ApprovalBotMessenger#patchCard(String, Object)}.
	 * @param messageId the message id
	 * @param card the card object, serialized with Jackson
	 */
	public void patchCard(String messageId, Object card) {
		this.messenger.patchCard(messageId, card).block();
	}

	/**
	 * See {@link ApprovalBotMessenger#sendHelpdesk}.
	 * @param message the message
	 * @param userIdType the user id type
	 * @return the sent message
	 */
	public SentMessage sendHelpdesk(HelpdeskBotMessage message, UserIdType userIdType) {
		return result(this.messenger.sendHelpdesk(message, userIdType));
	}

	/**
	 * See {@link ApprovalBotMessenger#sendCard}.
	 * @param card the card
	 * @return the sent message
	 */
	public SentMessage sendCard(Object card) {
		return result(this.messenger.sendCard(card));
	}

	private static SentMessage result(Mono<SentMessage> call) {
		return Objects.requireNonNull(call.block(), "the messenger completed without a message id");
	}

}
