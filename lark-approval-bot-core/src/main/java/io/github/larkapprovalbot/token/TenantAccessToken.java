package io.github.larkapprovalbot.token;

import java.time.Duration;

/**
 * A tenant_access_token and how long Lark said it stays valid ({@code expire}, at most two hours).
 *
 * @param value the token ({@code t-...}), sent as {@code Authorization: Bearer}
 * @param expiresIn the lifetime Lark gave it
 */
public record TenantAccessToken(String value, Duration expiresIn) {

	@Override
	public String toString() {
		return "TenantAccessToken[value=******, expiresIn=" + this.expiresIn + "]";
	}

}
