package io.github.larkapprovalbot.center;

/**
 * How Lark applies a synced instance.
 */
public enum UpdateMode {

	/**
	 * Compares {@code update_time} level by level (the instance, each task, each CC) and keeps only what is newer;
	 * tasks and CCs absent from the payload stay. Cannot change the instance's department, nor a task's or CC's user,
	 * creation time or node. What {@link ApprovalCenter#sync} sends when the instance leaves the mode unset.
	 */
	UPDATE,
	/**
	 * Replaces the whole instance whatever its {@code update_time}, deleting tasks and CCs absent from the payload.
	 * Lark's default; {@link ApprovalCenter#sync} guards it so that an older state never replaces a newer one.
	 */
	REPLACE;

	static final String PATTERN = "UPDATE|REPLACE";

}
