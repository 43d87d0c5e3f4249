package io.github.larkapprovalbot.callback;

/**
 * Refuses a quick-approval action with a message the approver sees on the card (for example "The leave balance is
 * too low"). Thrown or signalled by an {@link ApprovalActionHandler}.
 */
public class ApprovalActionRejectedException extends RuntimeException {

	public ApprovalActionRejectedException(String userMessage) {
		super(userMessage);
	}

}
