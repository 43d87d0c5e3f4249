package io.github.larkapprovalbot.autoconfigure.redis;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a startup with {@code lark.approval-bot.store=redis} and no Redis support: what to add, or how to go back
 * to one instance's memory.
 */
class MissingRedisSupportFailureAnalyzer extends AbstractFailureAnalyzer<MissingRedisSupportException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, MissingRedisSupportException cause) {
		return new FailureAnalysis(cause.getMessage(),
				"Add org.springframework.boot:spring-boot-starter-data-redis (Lettuce, its default client) and "
						+ "com.bucket4j:bucket4j_jdk17-lettuce to the application and point spring.data.redis.* at your "
						+ "Redis, or set lark.approval-bot.store=memory "
						+ "to keep the rate limits and quick-approval claims in each instance.",
				cause);
	}

}
