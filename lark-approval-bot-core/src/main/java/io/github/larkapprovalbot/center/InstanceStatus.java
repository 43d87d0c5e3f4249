package io.github.larkapprovalbot.center;

/**
 * The status of an instance in the approval center.
 */
public enum InstanceStatus {

	/** Waiting for approval. */
	PENDING,

	/** Approved. */
	APPROVED,

	/** Rejected. */
	REJECTED,

	/** Withdrawn by the initiator. */
	CANCELED,

	/** Deleted. */
	DELETED,

	/** Shown without a status. */
	HIDDEN,

	/** Terminated. */
	TERMINATED;

	static final String PATTERN = "PENDING|APPROVED|REJECTED|CANCELED|DELETED|HIDDEN|TERMINATED";

}
