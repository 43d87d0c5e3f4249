package io.github.larkapprovalbot.rendering;

import org.jspecify.annotations.Nullable;

/**
 * The {@code action_callback} every quick-approval card gets, from {@code lark.approval-bot.callback.*}.
 *
 * @param url the default {@code action_callback_url}, overridden by a {@code @CallbackUrl} component
 * @param token the {@code action_callback_token}
 * @param key the {@code action_callback_key}
 */
public record CardCallback(@Nullable String url, @Nullable String token, @Nullable String key) {

	@Override
	public String toString() {
		return "CardCallback[url=" + this.url + "]";
	}

}
