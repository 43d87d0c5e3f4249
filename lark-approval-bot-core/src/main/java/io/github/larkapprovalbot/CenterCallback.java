package io.github.larkapprovalbot;

import org.jspecify.annotations.Nullable;

/**
 * The app's quick-approval callback endpoint, as a definition of the approval center names it.
 *
 * @param url the endpoint's public URL
 * @param token the token it accepts
 * @param key the key it decrypts with
 */
record CenterCallback(String url, String token, @Nullable String key) {

	@Override
	public String toString() {
		return "CenterCallback[url=" + this.url + ", token=******, key=" + ((this.key != null) ? "******" : null)
				+ "]";
	}

}
