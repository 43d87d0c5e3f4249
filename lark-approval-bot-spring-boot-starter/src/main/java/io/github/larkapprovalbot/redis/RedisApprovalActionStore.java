package io.github.larkapprovalbot.redis;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.github.larkapprovalbot.callback.ApprovalActionStore;
import io.github.larkapprovalbot.callback.CallbackAnswer;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@link ApprovalActionStore} that every instance of an application shares, in Redis: one key per click,
 * {@code <prefix>:<appId>:click:<click id>}, holding {@code running:<claim token>} while a run is under way (for at
 * most the abandoned-claim time) and then {@code done:<outcome as JSON>} for the outcome's time to live. A claim is
 * a {@code SET NX}; completing or releasing it is a compare-and-set script, so that a stale claim changes nothing.
 * Callers waiting for a run poll its key. Every operation is bounded by the timeout: a Redis that is down or slow
 * fails the operation, and the callback processor answers Lark with a retryable failure.
 */
public final class RedisApprovalActionStore implements ApprovalActionStore {

	/** How often a caller waiting for another instance's run looks at its key. */
	static final Duration POLL_INTERVAL = Duration.ofMillis(50);

	private static final String RUNNING = "running:";

	private static final String DONE = "done:";

	private final ReactiveStringRedisTemplate redis;

	private final String keyPrefix;

	private final Duration abandonedClaimAfter;

	private final Duration timeout;

	private final JsonMapper json;

	/**
	 * Creates a store.
	 * @param redis the template on the application's connection
	 * @param keyPrefix the key prefix and app id, {@code <prefix>:<appId>}
	 * @param abandonedClaimAfter how long a claim may stay unfinished before it is dropped
	 * @param timeout how long an operation may take
	 * @param json reads and writes outcomes
	 */
	public RedisApprovalActionStore(ReactiveStringRedisTemplate redis, String keyPrefix, Duration abandonedClaimAfter,
			Duration timeout, JsonMapper json) {
		this.redis = redis;
		this.keyPrefix = keyPrefix;
		this.abandonedClaimAfter = abandonedClaimAfter;
		this.timeout = timeout;
		this.json = json;
	}

	@Override
	public Mono<Claim> claim(String clickId) {
		String key = key(clickId);
		Claim.Won won = new Claim.Won(clickId, UUID.randomUUID().toString());
		Mono<Claim> attempt = bounded(this.redis.opsForValue()
			.setIfAbsent(key, RUNNING + won.token(), this.abandonedClaimAfter)
			.flatMap((claimed) -> claimed ? Mono.just(won)
					: bounded(this.redis.opsForValue().get(key)).map((value) -> claimOf(clickId, value))));
		// Empty: the key went away between the SET and the GET (a released claim, an expired outcome); try again.
		return attempt.repeatWhenEmpty(3, (repeats) -> repeats);
	}

	@Override
	public Mono<Void> complete(Claim.Won claim, CallbackAnswer outcome, Duration timeToLive) {
		List<String> expectedAndNew = List.of(RUNNING + claim.token(), DONE + write(outcome),
				String.valueOf(Math.max(1, timeToLive.toMillis())));
		return bounded(
				this.redis.execute(RedisScripts.REPLACE_IF_EQUAL, List.of(key(claim.clickId())), expectedAndNew).then());
	}

	@Override
	public Mono<Void> release(Claim.Won claim) {
		return bounded(this.redis
			.execute(RedisScripts.DELETE_IF_EQUAL, List.of(key(claim.clickId())), List.of(RUNNING + claim.token()))
			.then());
	}

	@Override
	public Mono<CallbackAnswer> awaitOutcome(String clickId) {
		String key = key(clickId);
		return bounded(this.redis.opsForValue().get(key)).map(Optional::of)
			.defaultIfEmpty(Optional.empty())
			.filter((value) -> value.isEmpty() || !value.get().startsWith(RUNNING))
			.repeatWhenEmpty((polls) -> polls.delayElements(POLL_INTERVAL))
			.flatMap((value) -> Mono.justOrEmpty(value.filter((v) -> v.startsWith(DONE)).map(this::read)));
	}

	private Claim claimOf(String clickId, String value) {
		return value.startsWith(DONE) ? new Claim.Done(read(value)) : new Claim.Running(clickId);
	}

	private String key(String clickId) {
		return this.keyPrefix + ":click:" + clickId;
	}

	private <T> Mono<T> bounded(Mono<T> operation) {
		return operation.timeout(this.timeout);
	}

	private String write(CallbackAnswer outcome) {
		return this.json.createObjectNode().put("status", outcome.status()).put("message", outcome.message())
			.toString();
	}

	private CallbackAnswer read(String value) {
		JsonNode outcome = this.json.readTree(value.substring(DONE.length()));
		JsonNode message = outcome.path("message");
		return new CallbackAnswer(outcome.path("status").asInt(), message.isString() ? message.asString() : null);
	}

	@Override
	public String toString() {
		return "RedisApprovalActionStore[keyPrefix=" + this.keyPrefix + "]";
	}

}
