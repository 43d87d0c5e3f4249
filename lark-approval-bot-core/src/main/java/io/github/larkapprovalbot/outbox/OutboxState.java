package io.github.larkapprovalbot.outbox;

/**
 * Where an outbox row stands.
 */
public enum OutboxState {

	/** Waiting for delivery, or being delivered. */
	PENDING,

	/** Lark took it. */
	DELIVERED,

	/** Lark refused it for good (a terminal code), or what it refers to was never delivered. */
	FAILED,

	/**
	 * It may or may not have reached Lark, and repeating it could deliver it twice: a send whose uuid window passed
	 * after an attempt that may have reached Lark, a helpdesk message whose attempt's outcome is unknown.
	 */
	UNCERTAIN,

	/** The application discarded it after it failed or became uncertain. */
	DISCARDED,

	/** A newer state of the same approval center instance replaced this sync before it was delivered. */
	COALESCED;

	boolean needsDecision() {
		return this == FAILED || this == UNCERTAIN;
	}

}
