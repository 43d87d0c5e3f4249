package io.github.larkapprovalbot;

import io.github.larkapprovalbot.center.ApprovalCenter;
import io.github.larkapprovalbot.helpdesk.HelpdeskBotMessage;
import io.github.larkapprovalbot.message.ApprovalBotMessage;
import io.github.larkapprovalbot.message.ApprovalBotMessageUpdate;
import reactor.core.publisher.Mono;

/**
 * Sends and updates Lark approval bot cards, patches interactive cards and sends helpdesk bot messages.
 * <p>
 * Every call validates its payload first: an invalid one fails with a
 * {@link jakarta.validation.ConstraintViolationException} naming every violation, and nothing is sent. Failures from
 * Lark are {@link LarkApiException}s; transient ones are retried within bounds, and never in a way that could
 * deliver a message twice. Nothing happens until the returned {@link Mono} is subscribed.
 */
public interface ApprovalBotMessenger extends AutoCloseable {

	/**
	 * Sends an approval bot card ({@code POST /open-apis/approval/v1/message/send}). A message without a uuid gets
	 * a random one, kept across retries, so a retry never creates a second card.
	 * @param message the message
	 * @return the sent message's id, for {@link #update}
	 */
	Mono<SentMessage> send(ApprovalBotMessage message);

	/**
	 * Updates the status of a 1008 card sent in the last 30 days ({@code POST /open-apis/approval/v1/message/update}).
	 * @param update the update
	 * @return the updated message's id
	 */
	Mono<SentMessage> update(ApprovalBotMessageUpdate update);

	/**
	 * Replaces an interactive card sent in the last 14 days ({@code PATCH /open-apis/im/v1/messages/:message_id}).
	 * At most 5 patches per second go to one message; more wait their turn.
	 * @param messageId the IM message id ({@code om_...})
	 * @param cardJson the new card, serialized, at most 30 KB
	 * @return completion
	 */
	Mono<Void> patchCard(String messageId, String cardJson);

	/**
	 * Replaces an interactive card with a card object (a map, a record, a {@code JsonNode}) serialized with Jackson.
	 * @param messageId the IM message id ({@code om_...})
	 * @param card the new card
	 * @return completion
	 */
	Mono<Void> patchCard(String messageId, Object card);

	/**
	 * Sends a helpdesk bot message ({@code POST /open-apis/helpdesk/v1/message}); needs the helpdesk id and token.
	 * Lark offers no idempotency key here, so the message is retried only when it provably did not reach Lark; an
	 * ambiguous failure reaches the caller as a {@link LarkTransientException} whose
	 * {@link LarkTransientException#isAmbiguous()} is true.
	 * @param message the message
	 * @param userIdType how {@code receiver_id} names the user
	 * @return the IM message id
	 */
	Mono<SentMessage> sendHelpdesk(HelpdeskBotMessage message, UserIdType userIdType);

	/**
	 * Renders a card described by an annotated record (see
	 * {@link io.github.larkapprovalbot.template.LarkCardTemplate}) and sends it. Needs a card renderer, which the
	 * Spring Boot starter provides.
	 * @param card the card
	 * @return the sent message's id
	 */
	Mono<SentMessage> sendCard(Object card);

	/**
	 * Returns the approval center of the same app ({@code 三方审批}: definitions, instances with their tasks and CCs),
	 * sharing the messenger's token, limits and HTTP resources.
	 * @return the approval center
	 * @throws UnsupportedOperationException when this messenger has none (one not built by
	 * {@link ApprovalBotMessengerBuilder})
	 */
	default ApprovalCenter approvalCenter() {
		throw new UnsupportedOperationException(getClass().getName() + " has no approval center");
	}

	/**
	 * Releases what the messenger owns (the connection pool and event loops the builder made for it); a Spring bean
	 * is closed with its context. Calls after closing fail.
	 */
	@Override
	default void close() {
	}

	/**
	 * Returns a blocking view for code that is not reactive, such as Spring MVC controllers.
	 * @return the blocking view
	 */
	default BlockingApprovalBotMessenger blocking() {
		return new BlockingApprovalBotMessenger(this);
	}

	/**
	 * Starts building a messenger on Spring WebFlux {@code WebClient}.
	 * @return the builder
	 */
	static ApprovalBotMessengerBuilder builder() {
		return new ApprovalBotMessengerBuilder();
	}

}
