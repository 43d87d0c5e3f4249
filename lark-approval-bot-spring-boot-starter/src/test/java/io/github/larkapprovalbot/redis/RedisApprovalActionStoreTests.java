package io.github.larkapprovalbot.redis;

import java.time.Duration;

import io.github.larkapprovalbot.callback.ApprovalActionStore;
import io.github.larkapprovalbot.callback.ApprovalActionStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Redis store passes the store contract, with a second store on a connection of its own, as another instance of
 * the application holds, against a real redis-server.
 */
class RedisApprovalActionStoreTests extends ApprovalActionStoreContract {

	private static RedisServer redis;

	private static LettuceConnectionFactory first;

	private static LettuceConnectionFactory second;

	@BeforeAll
	static void startRedis() {
		redis = RedisServer.onFreePort();
		first = connect(redis.port());
		second = connect(redis.port());
	}

	@AfterAll
	static void stopRedis() {
		first.destroy();
		second.destroy();
		redis.close();
	}

	static LettuceConnectionFactory connect(int port) {
		LettuceConnectionFactory factory = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", port));
		factory.afterPropertiesSet();
		factory.start();
		return factory;
	}

	static ApprovalActionStore store(LettuceConnectionFactory factory) {
		return new RedisApprovalActionStore(new ReactiveStringRedisTemplate(factory), "test:cli_a",
				Duration.ofSeconds(2), JsonMapper.shared());
	}

	@Override
	protected ApprovalActionStore store() {
		return store(first);
	}

	@Override
	protected ApprovalActionStore secondStore() {
		return store(second);
	}

	@Override
	protected void pass(Duration duration) {
		RedisServer.waitOnItsClock(duration);
	}

}
