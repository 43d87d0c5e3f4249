package io.github.larkapprovalbot.redis;

import org.springframework.data.redis.core.script.RedisScript;

/**
 * The compare-and-set scripts of the Redis store: a key changes only if it still holds what the caller last saw, so
 * that a stale claim or an already refreshed token is left alone.
 */
final class RedisScripts {

	/** KEYS[1] to ARGV[2] for ARGV[3] milliseconds, if it holds ARGV[1]. */
	static final RedisScript<Long> REPLACE_IF_EQUAL = RedisScript.of("""
			if redis.call('GET', KEYS[1]) == ARGV[1] then
			  redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
			  return 1
			end
			return 0""", Long.class);

	/** Sets KEYS[1] to expire in ARGV[2] milliseconds, if it holds ARGV[1]. */
	static final RedisScript<Long> EXPIRE_IF_EQUAL = RedisScript.of("""
			if redis.call('GET', KEYS[1]) == ARGV[1] then
			  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
			end
			return 0""", Long.class);

	/** Deletes KEYS[1] if it holds ARGV[1]. */
	static final RedisScript<Long> DELETE_IF_EQUAL = RedisScript.of("""
			if redis.call('GET', KEYS[1]) == ARGV[1] then
			  return redis.call('DEL', KEYS[1])
			end
			return 0""", Long.class);

	private RedisScripts() {
	}

}
