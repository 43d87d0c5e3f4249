package io.github.larkapprovalbot.test;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A request the sandbox received, as it arrived: for assertions on the wire (headers, body, timing) and on the faults
 * it met.
 *
 * @param endpoint the Open Platform endpoint it called
 * @param method the HTTP method
 * @param path the path, without the query
 * @param query the raw query, empty when there is none
 * @param headers the headers, names in lower case, each with its first value
 * @param body the body as text, empty when there is none
 * @param receivedAt when it arrived
 * @param fault the fault it met, or {@code null}
 * @param appId the app the request came from: for a token request, the app whose id and secret its body carried; for
 * an API call, the app whose valid token it carried; {@code null} when it carried no valid token or credentials
 */
public record SandboxRequest(Endpoint endpoint, String method, String path, String query, Map<String, String> headers,
		String body, Instant receivedAt, @Nullable Fault fault, @Nullable String appId) {

	/**
	 * Creates a request of no known app: its {@link #appId()} is {@code null}.
	 * @param endpoint the Open Platform endpoint it called
	 * @param method the HTTP method
	 * @param path the path, without the query
	 * @param query the raw query, empty when there is none
	 * @param headers the headers, names in lower case, each with its first value
	 * @param body the body as text, empty when there is none
	 * @param receivedAt when it arrived
	 * @param fault the fault it met, or {@code null}
	 */
	public SandboxRequest(Endpoint endpoint, String method, String path, String query, Map<String, String> headers,
			String body, Instant receivedAt, @Nullable Fault fault) {
		this(endpoint, method, path, query, headers, body, receivedAt, fault, null);
	}

	/** The Open Platform endpoints the sandbox serves. */
	public enum Endpoint {

		/** {@code POST /open-apis/auth/v3/tenant_access_token/internal}. */
		TOKEN,
		/** {@code POST /open-apis/approval/v1/message/send}, or the Lark host's legacy path. */
		APPROVAL_SEND,
		/** {@code POST /open-apis/approval/v1/message/update}, or the Lark host's legacy path. */
		APPROVAL_UPDATE,
		/** {@code PATCH /open-apis/im/v1/messages/:message_id}. */
		CARD_PATCH,
		/** {@code POST /open-apis/helpdesk/v1/message}. */
		HELPDESK,
		/** {@code POST /open-apis/approval/v4/external_approvals}: creates or updates an approval center definition. */
		EXTERNAL_APPROVAL_CREATE,
		/** {@code GET /open-apis/approval/v4/external_approvals/:approval_code}: reads a definition. */
		EXTERNAL_APPROVAL_GET,
		/** {@code POST /open-apis/approval/v4/external_instances}: syncs an instance with its tasks and CCs. */
		EXTERNAL_INSTANCE_SYNC,
		/** {@code POST /open-apis/approval/v4/external_instances/check}: which instances Lark lacks or holds older. */
		EXTERNAL_INSTANCE_CHECK,
		/** {@code GET /open-apis/approval/v4/external_tasks}, a GET with a JSON body: the status of tasks. */
		EXTERNAL_TASK_LIST

	}

	/**
	 * Returns a header.
	 * @param name the header name, in any case
	 * @return its first value, or {@code null}
	 */
	public @Nullable String header(String name) {
		return this.headers.get(name.toLowerCase(Locale.ROOT));
	}

	@Override
	public String toString() {
		// The body and headers carry credentials and tokens.
		return "SandboxRequest[" + this.method + " " + this.path + ", " + this.endpoint + ", at " + this.receivedAt
				+ ((this.fault != null) ? ", fault " + this.fault : "") + "]";
	}

}
