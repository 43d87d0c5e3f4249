package io.github.larkapprovalbot.token;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A tenant_access_token and how long Lark said it stays valid ({@code expire}, at most two hours).
 *
 * @param value the token ({@code t-...}), sent as {@code Authorization: Bearer}
 * @param expiresIn the lifetime Lark gave it
 */
public record TenantAccessToken(String value, Duration expiresIn) {

	/**
	 * Reads the token out of a successful answer of Lark's token endpoints
	 * ({@code {"code":0,"msg":"ok","tenant_access_token":"t-...","expire":7200}}: the internal app's, and the store
	 * app's, which answers alike).
	 * @param answer the answer, whose {@code code} is 0
	 * @return the token
	 * @throws IllegalArgumentException naming what the answer lacks: a token, or a positive whole {@code expire}
	 */
	public static TenantAccessToken from(JsonNode answer) {
		String problem = problem(answer);
		if (problem != null) {
			throw new IllegalArgumentException(problem);
		}
		return new TenantAccessToken(answer.path("tenant_access_token").asString(),
				Duration.ofSeconds(answer.path("expire").asLong()));
	}

	/**
	 * Returns what a successful token answer lacks.
	 * @param answer the answer
	 * @return {@code null} when it carries a token and a positive whole {@code expire}, else what it lacks
	 */
	public static @Nullable String problem(JsonNode answer) {
		JsonNode token = answer.path("tenant_access_token");
		JsonNode expire = answer.path("expire");
		if (!token.isString() || token.asString().isBlank()) {
			return "no tenant_access_token";
		}
		return (!expire.isIntegralNumber() || expire.asLong() <= 0) ? "no positive whole expire" : null;
	}

	@Override
	public String toString() {
		return "TenantAccessToken[value=******, expiresIn=" + this.expiresIn + "]";
	}

}
