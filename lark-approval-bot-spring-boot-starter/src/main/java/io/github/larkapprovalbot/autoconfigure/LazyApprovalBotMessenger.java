package io.github.larkapprovalbot.autoconfigure;

import java.util.function.Supplier;

import io.github.larkapprovalbot.ApprovalBotMessenger;
import io.github.larkapprovalbot.SentMessage;
import io.github.larkapprovalbot.UserIdType;
import io.github.larkapprovalbot.helpdesk.HelpdeskBotMessage;
import io.github.larkapprovalbot.message.ApprovalBotMessage;
import io.github.larkapprovalbot.message.ApprovalBotMessageUpdate;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * The messenger bean, built on first use: an application that injects it pays at startup for nothing it has not used
 * yet (the client, its connector and event loops, the token cache, the classes they load). The configuration itself
 * is checked at startup, when the properties are bound.
 */
final class LazyApprovalBotMessenger implements ApprovalBotMessenger {

	private final Supplier<ApprovalBotMessenger> factory;

	private volatile @Nullable ApprovalBotMessenger messenger;

	LazyApprovalBotMessenger(Supplier<ApprovalBotMessenger> factory) {
		this.factory = factory;
	}

	private ApprovalBotMessenger messenger() {
		ApprovalBotMessenger built = this.messenger;
		if (built == null) {
			synchronized (this) {
				built = this.messenger;
				if (built == null) {
					built = this.factory.get();
					this.messenger = built;
				}
			}
		}
		return built;
	}

	@Override
	public Mono<SentMessage> send(ApprovalBotMessage message) {
		return messenger().send(message);
	}

	@Override
	public Mono<SentMessage> update(ApprovalBotMessageUpdate update) {
		return messenger().update(update);
	}

	@Override
	public Mono<Void> patchCard(String messageId, String cardJson) {
		return messenger().patchCard(messageId, cardJson);
	}

	@Override
	public Mono<Void> patchCard(String messageId, Object card) {
		return messenger().patchCard(messageId, card);
	}

	@Override
	public Mono<SentMessage> sendHelpdesk(HelpdeskBotMessage message, UserIdType userIdType) {
		return messenger().sendHelpdesk(message, userIdType);
	}

	@Override
	public Mono<SentMessage> sendCard(Object card) {
		return messenger().sendCard(card);
	}

	/** Closes the messenger if it was ever built. */
	@Override
	public void close() {
		ApprovalBotMessenger built = this.messenger;
		if (built != null) {
			built.close();
		}
	}

	@Override
	public String toString() {
		ApprovalBotMessenger built = this.messenger;
		return (built != null) ? built.toString() : "ApprovalBotMessenger[not used yet]";
	}

}
