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

	/** Sets KEYS[1] to ARGV[1] for ARGV[2] milliseconds, if it is absent or already holds ARGV[1]. */
	static final RedisScript<Long> SET_IF_ABSENT_OR_EQUAL = RedisScript.of("""
			local held = redis.call('GET', KEYS[1])
			if not held or held == ARGV[1] then
			  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
			  return 1
			end
			return 0""", Long.class);

	/**
	 * Sets each field ARGV[2i] of hash KEYS[1] to ARGV[2i+1] ({@code <time>:<digest>}) where the field is absent or
	 * holds an older time, then lets the hash expire in ARGV[1] milliseconds.
	 */
	static final RedisScript<Long> MERGE_NEWER = RedisScript.of("""
			for i = 2, #ARGV, 2 do
			  local held = redis.call('HGET', KEYS[1], ARGV[i])
			  if not held or tonumber(string.match(held, '^(%d+):')) < tonumber(string.match(ARGV[i + 1], '^(%d+):')) then
			    redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1])
			  end
			end
			return redis.call('PEXPIRE', KEYS[1], ARGV[1])""", Long.class);

	private RedisScripts() {
	}

}
