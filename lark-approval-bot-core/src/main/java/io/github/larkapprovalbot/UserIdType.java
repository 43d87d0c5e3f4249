package io.github.larkapprovalbot;

/**
 * How a request names a user ({@code user_id_type} query parameter).
 */
public enum UserIdType {

	/** The user's id within the app, {@code open_id}. */
	OPEN_ID("open_id"),

	/** The user's id across the apps of one developer, {@code union_id}. */
	UNION_ID("union_id"),

	/** The user's id within the tenant (employee id), {@code user_id}. */
	USER_ID("user_id");

	private final String value;

	UserIdType(String value) {
		this.value = value;
	}

	/**
	 * Returns the wire value.
	 * @return for example {@code open_id}
	 */
	public String value() {
		return this.value;
	}

}
