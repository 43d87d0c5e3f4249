package io.github.larkapprovalbot;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

import io.github.larkapprovalbot.ratelimit.RateLimit;
import io.github.larkapprovalbot.token.TenantAccessToken;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;
import tools.jackson.databind.JsonNode;

/**
 * Every Open Platform endpoint the client calls, described once: how it is called, whether a call may be repeated,
 * Lark's documented limits and what a success must carry. The call pipeline reads nothing about an endpoint from
 * anywhere else, so adding one is one entry here, a method on the API and its payload record.
 */
final class Endpoints {

	private static final Map<LarkEndpoint, Endpoint> TABLE = new EnumMap<>(LarkEndpoint.class);

	static {
		add(new Endpoint(LarkEndpoint.TENANT_ACCESS_TOKEN, HttpMethod.POST,
				"/open-apis/auth/v3/tenant_access_token/internal", Idempotency.NATURAL, RateLimit.NONE,
				TenantAccessToken::problem));
		add(new Endpoint(LarkEndpoint.MESSAGE_SEND, HttpMethod.POST, "/open-apis/approval/v1/message/send",
				Idempotency.UUID_KEYED, RateLimit.of(50, 1000), Endpoints::messageId));
		// No limit is documented for message/update.
		add(new Endpoint(LarkEndpoint.MESSAGE_UPDATE, HttpMethod.POST, "/open-apis/approval/v1/message/update",
				Idempotency.NATURAL, RateLimit.NONE, Endpoints::messageId));
		add(new Endpoint(LarkEndpoint.CARD_PATCH, HttpMethod.PATCH, "/open-apis/im/v1/messages/{message_id}",
				Idempotency.NATURAL, new RateLimit(50, 0, 5), (answer) -> null));
		add(new Endpoint(LarkEndpoint.HELPDESK_MESSAGE, HttpMethod.POST, "/open-apis/helpdesk/v1/message",
				Idempotency.NONE, RateLimit.of(0, 100), Endpoints::messageId));
		// The approval center: upserts by code or by instance id and update_time, and reads.
		add(new Endpoint(LarkEndpoint.EXTERNAL_APPROVAL_CREATE, HttpMethod.POST,
				"/open-apis/approval/v4/external_approvals", Idempotency.NATURAL, RateLimit.of(50, 1000),
				(answer) -> null));
		add(new Endpoint(LarkEndpoint.EXTERNAL_APPROVAL_GET, HttpMethod.GET,
				"/open-apis/approval/v4/external_approvals/{approval_code}", Idempotency.NATURAL,
				RateLimit.of(50, 1000), (answer) -> answer.path("data").isObject() ? null : "no data"));
		add(new Endpoint(LarkEndpoint.EXTERNAL_INSTANCE_SYNC, HttpMethod.POST,
				"/open-apis/approval/v4/external_instances", Idempotency.NATURAL, RateLimit.of(50, 1000),
				(answer) -> null));
		add(new Endpoint(LarkEndpoint.EXTERNAL_INSTANCE_CHECK, HttpMethod.POST,
				"/open-apis/approval/v4/external_instances/check", Idempotency.NATURAL, RateLimit.of(50, 1000),
				(answer) -> null));
		add(new Endpoint(LarkEndpoint.EXTERNAL_TASK_LIST, HttpMethod.GET, "/open-apis/approval/v4/external_tasks",
				Idempotency.NATURAL, RateLimit.of(50, 1000), (answer) -> null));
	}

	private Endpoints() {
	}

	static Endpoint get(LarkEndpoint id) {
		return Objects.requireNonNull(TABLE.get(id));
	}

	/**
	 * Returns every endpoint's documented limits, the client's defaults.
	 * @return the limits by endpoint
	 */
	static Map<LarkEndpoint, RateLimit> defaultLimits() {
		Map<LarkEndpoint, RateLimit> limits = new EnumMap<>(LarkEndpoint.class);
		TABLE.forEach((id, endpoint) -> limits.put(id, endpoint.limit()));
		return limits;
	}

	private static void add(Endpoint endpoint) {
		TABLE.put(endpoint.id(), endpoint);
	}

	private static @Nullable String messageId(JsonNode answer) {
		JsonNode id = answer.at("/data/message_id");
		return ((id.isString() || id.isNumber()) && !id.asString().isBlank()) ? null : "no data.message_id";
	}

	/**
	 * Whether repeating a call can make Lark act twice.
	 */
	enum Idempotency {

		/** Lark de-duplicates on the uuid the call carries (for an hour): a repeat never acts twice. */
		UUID_KEYED,

		/** Doing it twice leaves the same state as once (an update, a patch, a token request). */
		NATURAL,

		/** No key: repeated only when the failed attempt provably did not reach Lark. */
		NONE

	}

	/**
	 * What a success must carry.
	 */
	@FunctionalInterface
	interface Success {

		/**
		 * Checks an answer whose {@code code} is 0.
		 * @param answer the answer
		 * @return {@code null} when it carries what it must, else what it lacks
		 */
		@Nullable String problem(JsonNode answer);

	}

	/**
	 * One endpoint.
	 *
	 * @param id its name
	 * @param method the HTTP method
	 * @param path its path on the Open Platform host, with {@code {name}} for a path variable; the approval bot's
	 * {@code /open-apis/approval/v1/message/*} paths move to the legacy host under
	 * {@link ApprovalPathStyle#LEGACY}
	 * @param idempotency whether a repeat can act twice
	 * @param limit Lark's documented limits, the default of the client-side ones
	 * @param success what a success must carry
	 */
	record Endpoint(LarkEndpoint id, HttpMethod method, String path, Idempotency idempotency, RateLimit limit,
			Success success) {

		/** The approval bot's paths, which the legacy path style moves. */
		static final String APPROVAL_V1 = "/open-apis/approval/v1/";

		/** Whether a call needs the tenant_access_token. */
		boolean authorized() {
			return this.id != LarkEndpoint.TENANT_ACCESS_TOKEN;
		}

		/**
		 * Whether an attempt that failed this way may be repeated.
		 * @param failure a transient failure
		 */
		boolean repeatable(LarkTransientException failure) {
			return this.idempotency != Idempotency.NONE || !failure.isAmbiguous();
		}

	}

}
