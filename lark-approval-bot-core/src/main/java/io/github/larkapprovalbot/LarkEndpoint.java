package io.github.larkapprovalbot;

/**
 * The Open Platform endpoints the client calls, named for logs, metrics, exceptions and the per-endpoint settings
 * ({@code lark.approval-bot.rate-limit.<endpoint>.*} in the Spring Boot starter, keyed by {@link #propertyName()}).
 */
public enum LarkEndpoint {

	/** {@code POST /open-apis/auth/v3/tenant_access_token/internal}. */
	TENANT_ACCESS_TOKEN("token"),
	/** {@code POST /open-apis/approval/v1/message/send}. */
	MESSAGE_SEND("message.send"),
	/** {@code POST /open-apis/approval/v1/message/update}. */
	MESSAGE_UPDATE("message.update"),
	/** {@code PATCH /open-apis/im/v1/messages/:message_id}. */
	CARD_PATCH("card.patch"),
	/** {@code POST /open-apis/helpdesk/v1/message}. */
	HELPDESK_MESSAGE("helpdesk.message"),
	/** {@code POST /open-apis/approval/v4/external_approvals}. */
	EXTERNAL_APPROVAL_CREATE("external-approval.create"),
	/** {@code GET /open-apis/approval/v4/external_approvals/:approval_code}. */
	EXTERNAL_APPROVAL_GET("external-approval.get"),
	/** {@code POST /open-apis/approval/v4/external_instances}. */
	EXTERNAL_INSTANCE_SYNC("external-instance.sync"),
	/** {@code POST /open-apis/approval/v4/external_instances/check}. */
	EXTERNAL_INSTANCE_CHECK("external-instance.check"),
	/** {@code GET /open-apis/approval/v4/external_tasks} (with a JSON body). */
	EXTERNAL_TASK_LIST("external-task.list");

	private final String tag;

	LarkEndpoint(String tag) {
		this.tag = tag;
	}

	/**
	 * Returns the short name used as a metric tag and in the names of rate-limit buckets.
	 * @return for example {@code message.send}
	 */
	public String tag() {
		return this.tag;
	}

	/**
	 * Returns the name of the endpoint's settings in a configuration file.
	 * @return for example {@code message-send}
	 */
	public String propertyName() {
		return this.tag.replace('.', '-');
	}

}
