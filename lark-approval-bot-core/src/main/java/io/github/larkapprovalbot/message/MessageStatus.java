package io.github.larkapprovalbot.message;

/**
 * The statuses a 1008 card can be updated to ({@code message/update} {@code status}, and
 * {@code action_configs[].next_status}).
 */
public enum MessageStatus {

	/** Approved. */
	APPROVED,

	/** Rejected. */
	REJECTED,

	/** Withdrawn by the applicant. */
	CANCELLED,

	/** Forwarded to another approver. */
	FORWARDED,

	/** Sent back to an earlier step. */
	ROLLBACK,

	/** An approver was added. */
	ADD,

	/** Deleted. */
	DELETED,

	/** Processed. */
	PROCESSED,

	/** A custom status whose title and detail button text come from {@code status_name} and {@code detail_action_name}. */
	CUSTOM;

	/** The regular expression of every status, for {@code @Pattern}. */
	public static final String PATTERN = "APPROVED|REJECTED|CANCELLED|FORWARDED|ROLLBACK|ADD|DELETED|PROCESSED|CUSTOM";

}
