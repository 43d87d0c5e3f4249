package io.github.larkapprovalbot.test;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A message as its receiver sees it in the sandbox at the moment it was read: an approval bot card, a helpdesk message
 * or an interactive card (in its last patched state).
 *
 * @param messageId the id Lark answered with
 * @param kind what kind of message it is
 * @param receiverId who receives it: the card's {@code user_id} (or {@code open_id}), the helpdesk {@code receiver_id},
 * or the receiver given to {@link LarkSandbox#createCard(String, String)}
 * @param templateId the approval template, such as {@code "1008"}; {@code null} for other messages
 * @param status for approval cards, {@code PENDING} until an update or a button's {@code next_status} sets another
 * status name; {@code null} for other messages
 * @param json the raw JSON: the approval send body, the helpdesk body, or the card
 * @param sentAt when it was sent
 * @param patches how many times the card was patched
 * @param appId the app that sent it: the app whose token the send carried; for a card created with
 * {@link LarkSandbox#createCard(String, String)}, the sandbox's own app ({@link LarkSandbox#appId()})
 */
public record SandboxMessage(String messageId, Kind kind, String receiverId, @Nullable String templateId,
		@Nullable String status, String json, Instant sentAt, int patches, String appId) {

	/** The status of an approval card no update has touched. */
	public static final String PENDING = "PENDING";

	/**
	 * Creates a message of no known app: its {@link #appId()} is empty.
	 * @param messageId the id Lark answered with
	 * @param kind what kind of message it is
	 * @param receiverId who receives it
	 * @param templateId the approval template, {@code null} for other messages
	 * @param status the approval card's status, {@code null} for other messages
	 * @param json the raw JSON
	 * @param sentAt when it was sent
	 * @param patches how many times the card was patched
	 */
	public SandboxMessage(String messageId, Kind kind, String receiverId, @Nullable String templateId,
			@Nullable String status, String json, Instant sentAt, int patches) {
		this(messageId, kind, receiverId, templateId, status, json, sentAt, patches, "");
	}

	/** The kinds of message. */
	public enum Kind {

		/** An approval bot card ({@code message/send}). */
		APPROVAL,
		/** A helpdesk bot message. */
		HELPDESK,
		/** An interactive card, patched with {@code PATCH /im/v1/messages}. */
		CARD

	}

	@Override
	public String toString() {
		// The JSON of an approval card carries its callback token and key.
		return "SandboxMessage[" + this.messageId + ", " + this.kind + " to " + this.receiverId
				+ ((this.templateId != null) ? ", template " + this.templateId : "")
				+ ((this.status != null) ? ", " + this.status : "") + "]";
	}

}
