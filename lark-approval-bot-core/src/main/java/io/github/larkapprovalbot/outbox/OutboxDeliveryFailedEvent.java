package io.github.larkapprovalbot.outbox;

/**
 * An outbox row ended without a delivery: Lark refused it for good ({@link OutboxState#FAILED}), or it may have
 * reached Lark and repeating it could deliver it twice ({@link OutboxState#UNCERTAIN}). The Spring Boot starter
 * publishes it as an application event; {@link LarkOutbox#retry} or {@link LarkOutbox#discard} settles the row.
 *
 * @param id the id the outbox call returned
 * @param app the Lark app's name
 * @param kind the call
 * @param payload the call's payload as it goes to Lark (JSON)
 * @param error what went wrong
 * @param state {@link OutboxState#FAILED} or {@link OutboxState#UNCERTAIN}
 */
public record OutboxDeliveryFailedEvent(String id, String app, OutboxCallKind kind, String payload, String error,
		OutboxState state) {

	/**
	 * Returns whether the call may have reached Lark.
	 * @return whether the end is uncertain rather than failed
	 */
	public boolean isUncertain() {
		return this.state == OutboxState.UNCERTAIN;
	}

}
