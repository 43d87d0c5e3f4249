package io.github.larkapprovalbot.autoconfigure.redis;

/**
 * {@code lark.approval-bot.store=redis} is set, but the application has no Lettuce-based Spring Data Redis.
 */
class MissingRedisSupportException extends IllegalStateException {

	MissingRedisSupportException(String message) {
		super(message);
	}

}
