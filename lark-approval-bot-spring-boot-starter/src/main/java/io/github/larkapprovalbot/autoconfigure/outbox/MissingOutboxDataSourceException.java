package io.github.larkapprovalbot.autoconfigure.outbox;

import java.util.List;

/**
 * An app has {@code outbox.enabled=true} but the context has no {@link javax.sql.DataSource} for the outbox.
 */
public class MissingOutboxDataSourceException extends IllegalStateException {

	/** The properties that turned the outbox on. */
	private final List<String> properties;

	MissingOutboxDataSourceException(List<String> properties) {
		super(String.join(", ", properties) + " turned the Lark outbox on, but there is no DataSource to keep it in "
				+ "(or several, none of them primary or qualified @LarkOutboxDataSource)");
		this.properties = List.copyOf(properties);
	}

	/**
	 * Returns the properties that turned the outbox on.
	 * @return the properties
	 */
	public List<String> properties() {
		return this.properties;
	}

}
