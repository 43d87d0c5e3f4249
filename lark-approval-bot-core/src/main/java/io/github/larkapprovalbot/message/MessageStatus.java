package io.github.larkapprovalbot.message;

/**
 * The statuses a 1008 card can be updated to ({@code message/update} {@code status}, and
 * {@code action_configs[].next_status}).
 */
public enum MessageStatus {

	APPROVED, REJECTED, CANCELLED, FORWARDED, ROLLBACK, ADD, DELETED, PROCESSED,

	/** A custom status whose title and detail button text come from {@code status_name} and {@code detail_action_name}. */
	CUSTOM;

	/** The regular expression of every status, for {@code @Pattern}. */
	public static final String PATTERN = "APPROVED|REJECTED|CANCELLED|FORWARDED|ROLLBACK|ADD|DELETED|PROCESSED|CUSTOM";

}
