package io.github.larkapprovalbot.outbox;

/**
 * The call an outbox row holds, which decides how it may be repeated.
 */
public enum OutboxCallKind {

	/** An approval bot card ({@code send} or {@code sendCard}): repeated with its uuid within Lark's one hour. */
	SEND,

	/** A 1008 card's status: repeating it is harmless. */
	UPDATE,

	/** An interactive card's content: repeating it is harmless. */
	PATCH_CARD,

	/** A helpdesk bot message: Lark has no idempotency key for it, so it is repeated only when provably not sent. */
	SEND_HELPDESK,

	/** An approval center instance: only the newest state of an instance needs to reach Lark. */
	SYNC

}
