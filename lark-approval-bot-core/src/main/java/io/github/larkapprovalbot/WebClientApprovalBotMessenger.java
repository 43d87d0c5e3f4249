package io.github.larkapprovalbot;

import java.util.Objects;
import java.util.UUID;

import io.github.larkapprovalbot.CallPipeline.Call;
import io.github.larkapprovalbot.card.CardPatch;
import io.github.larkapprovalbot.center.ApprovalCenter;
import io.github.larkapprovalbot.helpdesk.HelpdeskBotMessage;
import io.github.larkapprovalbot.message.ApprovalBotMessage;
import io.github.larkapprovalbot.message.ApprovalBotMessageUpdate;
import io.github.larkapprovalbot.message.CardRenderer;
import org.jspecify.annotations.Nullable;
import org.springframework.util.StringUtils;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * The {@link ApprovalBotMessenger} on Spring WebFlux {@code WebClient}: each method describes its call, and the
 * app's {@link CallPipeline} runs it. Built by {@link ApprovalBotMessengerBuilder}.
 */
final class WebClientApprovalBotMessenger implements ApprovalBotMessenger {

	private final LarkApp app;

	private final @Nullable CardRenderer cardRenderer;

	private final ApprovalCenter approvalCenter;

	WebClientApprovalBotMessenger(LarkApp app, @Nullable CardRenderer cardRenderer, ApprovalCenter approvalCenter) {
		this.app = app;
		this.cardRenderer = cardRenderer;
		this.approvalCenter = approvalCenter;
	}

	@Override
	public ApprovalCenter approvalCenter() {
		return this.approvalCenter;
	}

	@Override
	public Mono<SentMessage> send(ApprovalBotMessage message) {
		Objects.requireNonNull(message, "message must not be null");
		// The uuid is fixed now, once: every retry and every resubscription is the same idempotent request.
		ApprovalBotMessage withUuid = (message.uuid() != null) ? message
				: message.withUuid(UUID.randomUUID().toString());
		return this.app.pipeline
			.call(new Call(LarkEndpoint.MESSAGE_SEND, withUuid, true, null, null, withUuid.uuid()))
			.map(WebClientApprovalBotMessenger::sentMessage);
	}

	@Override
	public Mono<SentMessage> update(ApprovalBotMessageUpdate update) {
		Objects.requireNonNull(update, "update must not be null");
		return this.app.pipeline
			.call(new Call(LarkEndpoint.MESSAGE_UPDATE, update.withI18nResources(), true, null, null, null))
			.map(WebClientApprovalBotMessenger::sentMessage);
	}

	@Override
	public Mono<Void> patchCard(String messageId, String cardJson) {
		return patch(messageId, new CardPatch(cardJson));
	}

	@Override
	public Mono<Void> patchCard(String messageId, Object card) {
		Objects.requireNonNull(card, "card must not be null");
		return patch(messageId, new CardPatch(this.app.mapper.writeValueAsString(card)));
	}

	private Mono<Void> patch(String messageId, CardPatch patch) {
		Objects.requireNonNull(messageId, "messageId must not be null");
		if (!StringUtils.hasText(messageId) || messageId.equals(".") || messageId.equals("..")) {
			throw new IllegalArgumentException("messageId must be a message id, was '" + messageId + "'");
		}
		return this.app.pipeline.call(new Call(LarkEndpoint.CARD_PATCH, patch, true, messageId, null, null)).then();
	}

	@Override
	public Mono<SentMessage> sendHelpdesk(HelpdeskBotMessage message, UserIdType userIdType) {
		Objects.requireNonNull(message, "message must not be null");
		Objects.requireNonNull(userIdType, "userIdType must not be null");
		if (this.app.helpdeskAuthorization == null) {
			return Mono.error(new IllegalStateException(
					"Helpdesk messages need the helpdesk id and token (lark.approval-bot.helpdesk.id and .token)"));
		}
		return this.app.pipeline
			.call(new Call(LarkEndpoint.HELPDESK_MESSAGE, message, true, null, "user_id_type=" + userIdType.value(),
					null))
			.map(WebClientApprovalBotMessenger::sentMessage);
	}

	@Override
	public Mono<SentMessage> sendCard(Object card) {
		CardRenderer renderer = this.cardRenderer;
		if (renderer == null) {
			return Mono.error(new IllegalStateException(
					"No CardRenderer is configured: use the Spring Boot starter or ApprovalBotMessenger.builder().cardRenderer(...)"));
		}
		return Mono.fromCallable(() -> renderer.render(card)).flatMap(this::send);
	}

	/** What {@link Endpoints} has checked every success of these endpoints to carry. */
	private static SentMessage sentMessage(JsonNode answer) {
		return new SentMessage(answer.at("/data/message_id").asString());
	}

	/**
	 * Stops new calls, lets those in flight finish within the shutdown timeout, and releases the HTTP resources the
	 * builder made for this messenger.
	 */
	@Override
	public void close() {
		this.app.close();
	}

	@Override
	public String toString() {
		return "WebClientApprovalBotMessenger[" + this.app + "]";
	}

}
