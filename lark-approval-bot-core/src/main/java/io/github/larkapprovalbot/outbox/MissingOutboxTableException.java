package io.github.larkapprovalbot.outbox;

/**
 * The outbox's table is not in its database: create it with the schema script of the database
 * ({@code io/github/larkapprovalbot/outbox/schema-<platform>.sql}), or let the Spring Boot starter do it
 * ({@code lark.approval-bot.outbox.initialize-schema}).
 */
public final class MissingOutboxTableException extends IllegalStateException {

	/** The missing table's name. */
	private final String tableName;

	MissingOutboxTableException(String tableName, String script, Throwable cause) {
		super("The Lark outbox's table '" + tableName + "' is not in the database: create it with " + script
				+ " (the Spring Boot starter does with lark.approval-bot.outbox.initialize-schema=always)", cause);
		this.tableName = tableName;
	}

	/**
	 * Returns the table's name.
	 * @return the name
	 */
	public String tableName() {
		return this.tableName;
	}

}
