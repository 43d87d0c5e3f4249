package io.github.larkapprovalbot.callback;

/**
 * Refuses a quick-approval action with a message the approver sees on the card (for example "The leave balance is
 * too low"). Thrown or signalled by an {@link ApprovalActionHandler}.
 */
public class ApprovalActionRejectedException extends RuntimeException {

	/** The text the approver sees on the card. */
	private final String userMessage;

	/**
	 * Creates a refusal.
	 * @param userMessage the text the approver sees on the card
	 */
	public ApprovalActionRejectedException(String userMessage) {
		super(userMessage);
		this.userMessage = userMessage;
	}

	/**
	 * Returns the text the approver sees on the card.
	 * @return the message
	 */
	public String userMessage() {
		return this.userMessage;
	}

}
