package io.github.larkapprovalbot.autoconfigure.outbox;

import io.github.larkapprovalbot.outbox.MissingOutboxTableException;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains the outbox's configuration problems at startup: no {@code DataSource}, or no table where the starter was
 * told not to create it.
 */
class LarkOutboxFailureAnalyzer extends AbstractFailureAnalyzer<IllegalStateException> {

	@Override
	protected @Nullable FailureAnalysis analyze(Throwable rootFailure, IllegalStateException cause) {
		if (cause instanceof MissingOutboxDataSourceException missing) {
			return new FailureAnalysis(missing.getMessage(), "Add spring-boot-starter-jdbc (or JPA) and a database to "
					+ "the application, or define a DataSource bean (qualify it @LarkOutboxDataSource when the outbox "
					+ "needs another database than the application's), or remove " + String.join(", ",
							missing.properties()) + ".", cause);
		}
		if (cause instanceof MissingOutboxTableException table) {
			return new FailureAnalysis(table.getMessage(), "Create the table '" + table.tableName() + "' with the "
					+ "script named above (from the lark-approval-bot-core jar; it can run again safely), or set "
					+ "lark.approval-bot.outbox.initialize-schema=always to let the starter create it.", cause);
		}
		return null;
	}

}
