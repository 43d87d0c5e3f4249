package io.github.larkapprovalbot.outbox;

import java.util.Optional;

import javax.sql.DataSource;

import io.github.larkapprovalbot.ApprovalBotMessenger;
import io.github.larkapprovalbot.UserIdType;
import io.github.larkapprovalbot.center.ExternalInstance;
import io.github.larkapprovalbot.helpdesk.HelpdeskBotMessage;
import io.github.larkapprovalbot.message.ApprovalBotMessage;
import io.github.larkapprovalbot.message.ApprovalBotMessageUpdate;

/**
 * Durable delivery: each call validates its payload (an invalid one throws a
 * {@link jakarta.validation.ConstraintViolationException} before anything is stored), records the call in the
 * caller's Spring-managed transaction on the outbox's {@link DataSource} when there is one (at once otherwise),
 * returns the row's id, and delivers it after the commit; a rollback delivers nothing. Delivery survives Lark
 * outages, restarts and crashes, and several instances share the table without delivering a row twice. A row that
 * ends failed or uncertain is reported as an {@link OutboxDeliveryFailedEvent}.
 * <p>
 * Order: an update or patch of a message never overtakes an earlier one of the same message, and may name a card
 * this outbox has not delivered yet by the id {@link #send} returned: it goes out after the card, with the card's
 * message id. Syncs of one approval center instance are coalesced: only the newest {@code update_time} needs to reach
 * Lark.
 */
public interface LarkOutbox extends AutoCloseable {

	/**
	 * Records an approval bot card. A message without a uuid gets one.
	 * @param message the message
	 * @return the uuid Lark de-duplicates the card on, also the row's id
	 */
	String send(ApprovalBotMessage message);

	/**
	 * Renders a card described by an annotated record (see
	 * {@link io.github.larkapprovalbot.template.LarkCardTemplate}) and records it as {@link #send} does.
	 * @param card the card
	 * @return the uuid, also the row's id
	 */
	String sendCard(Object card);

	/**
	 * Records the update of a 1008 card's status. Its {@code message_id} is Lark's, or the id {@link #send} returned
	 * for a card of this outbox, delivered or not.
	 * @param update the update
	 * @return the row's id
	 */
	String update(ApprovalBotMessageUpdate update);

	/**
	 * Records the replacement of an interactive card.
	 * @param messageId Lark's message id ({@code om_...}), or the id {@link #send} returned
	 * @param cardJson the new card, serialized
	 * @return the row's id
	 */
	String patchCard(String messageId, String cardJson);

	/**
	 * Records a helpdesk bot message. Lark has no idempotency key for it: an attempt whose outcome is unknown ends
	 * the row {@link OutboxState#UNCERTAIN} rather than risk a second message.
	 * @param message the message
	 * @param userIdType how {@code receiver_id} names the user
	 * @return the row's id
	 */
	String sendHelpdesk(HelpdeskBotMessage message, UserIdType userIdType);

	/**
	 * Records the state of an approval center instance; a newer {@code update_time} of the same instance recorded
	 * before delivery replaces it.
	 * @param instance the instance
	 * @return the row's id
	 */
	String sync(ExternalInstance instance);

	/**
	 * Looks a row up.
	 * @param id the id a call returned
	 * @return the row, empty when there is none (never recorded, rolled back, or purged after the retention)
	 */
	Optional<OutboxEntry> find(String id);

	/**
	 * Delivers a {@link OutboxState#FAILED failed} or {@link OutboxState#UNCERTAIN uncertain} row again, as a new
	 * row would be (a send keeps its uuid: after Lark's hour, Lark may show a second card).
	 * @param id the row's id
	 * @return whether the row was failed or uncertain and is pending again
	 */
	boolean retry(String id);

	/**
	 * Gives up a {@link OutboxState#FAILED failed} or {@link OutboxState#UNCERTAIN uncertain} row.
	 * @param id the row's id
	 * @return whether the row was failed or uncertain and is discarded
	 */
	boolean discard(String id);

	/**
	 * Returns what this app's outbox has not delivered yet.
	 * @return the backlog
	 */
	OutboxBacklog backlog();

	/**
	 * Starts delivering, when the builder was told not to at {@link LarkOutboxBuilder#build()} (the Spring Boot starter
	 * starts the outboxes with the context, once its event listeners are there to hear of failures). Calls record rows
	 * before it as after it.
	 */
	void start();

	/**
	 * Stops delivering: the rows being delivered finish within the shutdown timeout or are released for another
	 * instance, or the next start, to take over.
	 */
	@Override
	void close();

	/**
	 * Starts building an outbox that delivers through a messenger and keeps its rows in a database.
	 * @param messenger the messenger of the app
	 * @param dataSource the database (PostgreSQL, MySQL or MariaDB, H2)
	 * @return the builder
	 */
	static LarkOutboxBuilder builder(ApprovalBotMessenger messenger, DataSource dataSource) {
		return new LarkOutboxBuilder(messenger, dataSource);
	}

}
