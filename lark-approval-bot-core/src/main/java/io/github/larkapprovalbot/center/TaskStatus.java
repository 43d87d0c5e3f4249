package io.github.larkapprovalbot.center;

/**
 * The status of a task in the approval center.
 */
public enum TaskStatus {

	/** Waiting for the approver: shown in their 待办 list. */
	PENDING,
	/** Approved by this approver: moves to 已办. */
	APPROVED,
	/** Rejected by this approver: moves to 已办. */
	REJECTED,
	/** Handed to someone else. */
	TRANSFERRED,
	/** Passed without this approver acting (another approver decided): hidden from them. */
	DONE;

	static final String PATTERN = "PENDING|APPROVED|REJECTED|TRANSFERRED|DONE";

}
