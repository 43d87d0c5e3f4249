package io.github.larkapprovalbot.redis;

import java.time.Duration;

import io.github.larkapprovalbot.center.ApprovalCenterStore;
import io.github.larkapprovalbot.center.ApprovalCenterStoreContract;
import io.github.larkapprovalbot.center.CaffeineApprovalCenterStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/**
 * The Redis approval center store passes the store contract against a real redis-server, each of the two stores on
 * a connection of its own, as two instances of the service hold them: its merge-newer and lease scripts.
 */
class RedisApprovalCenterStoreTests extends ApprovalCenterStoreContract {

	private static RedisServer redis;

	private static LettuceConnectionFactory first;

	private static LettuceConnectionFactory second;

	@BeforeAll
	static void startRedis() {
		redis = RedisServer.onFreePort();
		first = RedisApprovalActionStoreTests.connect(redis.port());
		second = RedisApprovalActionStoreTests.connect(redis.port());
	}

	@AfterAll
	static void stopRedis() {
		first.destroy();
		second.destroy();
		redis.close();
	}

	private static ApprovalCenterStore store(LettuceConnectionFactory factory) {
		return new RedisApprovalCenterStore(new ReactiveStringRedisTemplate(factory), "test:cli_a",
				Duration.ofSeconds(2), CaffeineApprovalCenterStore.DEFAULT_TIME_TO_LIVE);
	}

	@Override
	protected ApprovalCenterStore store() {
		return store(first);
	}

	@Override
	protected ApprovalCenterStore secondStore() {
		return store(second);
	}

	@Override
	protected void pass(Duration duration) {
		RedisServer.waitOnItsClock(duration);
	}

}
