package io.github.larkapprovalbot.center;

/**
 * The status of an instance in the approval center.
 */
public enum InstanceStatus {

	PENDING, APPROVED, REJECTED, CANCELED, DELETED, HIDDEN, TERMINATED;

	static final String PATTERN = "PENDING|APPROVED|REJECTED|CANCELED|DELETED|HIDDEN|TERMINATED";

}
