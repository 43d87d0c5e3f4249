package io.github.larkapprovalbot.redis;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.github.larkapprovalbot.callback.ApprovalActionStore;
import io.github.larkapprovalbot.callback.CallbackAnswer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@link ApprovalActionStore} that every instance of an application shares, in Redis: one key per click,
 * {@code <prefix>:<appId>:click:{<click id>}} (the click id is a hash; the braces make it the key's hash tag on Redis
 * Cluster), holding {@code running:<claim token>} for the claim's lease (renewed by its owner) and then
 * {@code done:<outcome as JSON>} for the outcome's time to live.
 * <p>
 * A claim is a {@code SET NX PX <lease>}; renewing, completing and releasing are compare-and-set scripts on the claim's
 * token, so that a stale claim changes nothing. Every operation is bounded by the timeout, and a timeout does not undo
 * what Redis did: a claim whose answer came too late, or a release that failed, is deleted afterwards if the key still
 * holds that claim, retried a few times in the background; failing that, the lease frees the click. Callers waiting for
 * a run poll its key.
 */
public final class RedisApprovalActionStore implements ApprovalActionStore {

	/** How often a caller waiting for another instance's run looks at its key. */
	static final Duration POLL_INTERVAL = Duration.ofMillis(50);

	/** Cleanups of claims that may have been applied after their caller gave up. */
	private static final Retry CLEANUP = Retry.backoff(5, Duration.ofMillis(200)).maxBackoff(Duration.ofSeconds(2));

	private static final Log logger = LogFactory.getLog(RedisApprovalActionStore.class);

	private static final String RUNNING = "running:";

	private static final String DONE = "done:";

	private final ReactiveStringRedisTemplate redis;

	private final String keyPrefix;

	private final Duration timeout;

	private final JsonMapper json;

	/**
	 * Creates a store.
	 * @param redis the template on the application's connection
	 * @param keyPrefix the key prefix and app id, {@code <prefix>:<appId>}
	 * @param timeout how long an operation may take
	 * @param json reads and writes outcomes
	 */
	public RedisApprovalActionStore(ReactiveStringRedisTemplate redis, String keyPrefix, Duration timeout,
			JsonMapper json) {
		this.redis = redis;
		this.keyPrefix = keyPrefix;
		this.timeout = timeout;
		this.json = json;
	}

	@Override
	public Mono<Claim> claim(String clickId, Duration lease) {
		String key = key(clickId);
		Claim.Won won = new Claim.Won(clickId, UUID.randomUUID().toString());
		Mono<Claim> attempt = bounded(this.redis.opsForValue().setIfAbsent(key, RUNNING + won.token(), lease))
			.onErrorResume((ex) -> {
				// The SET may have been applied although its answer did not come in time.
				cleanUp(won);
				return Mono.error(ex);
			})
			.flatMap((claimed) -> claimed ? Mono.just(won)
					: bounded(this.redis.opsForValue().get(key)).map((value) -> claimOf(clickId, value)));
		// Empty: the key went away between the SET and the GET (a released claim, an expired outcome); try again.
		return attempt.repeatWhenEmpty(3, (repeats) -> repeats);
	}

	@Override
	public Mono<Boolean> renew(Claim.Won claim, Duration lease) {
		return bounded(this.redis.execute(RedisScripts.EXPIRE_IF_EQUAL, List.of(key(claim.clickId())),
				List.of(RUNNING + claim.token(), String.valueOf(Math.max(1, lease.toMillis())))).next())
			.map((renewed) -> renewed == 1L);
	}

	@Override
	public Mono<Boolean> complete(Claim.Won claim, CallbackAnswer outcome, Duration timeToLive) {
		List<String> expectedAndNew = List.of(RUNNING + claim.token(), DONE + write(outcome),
				String.valueOf(Math.max(1, timeToLive.toMillis())));
		return bounded(this.redis.execute(RedisScripts.REPLACE_IF_EQUAL, List.of(key(claim.clickId())), expectedAndNew)
			.next()).map((replaced) -> replaced == 1L);
	}

	@Override
	public Mono<Void> release(Claim.Won claim) {
		return delete(claim).onErrorResume((ex) -> {
			cleanUp(claim);
			return Mono.error(ex);
		});
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

	private Mono<Void> delete(Claim.Won claim) {
		return bounded(this.redis
			.execute(RedisScripts.DELETE_IF_EQUAL, List.of(key(claim.clickId())), List.of(RUNNING + claim.token()))
			.then());
	}

	/** Deletes a claim that may or may not have been applied, if the key still holds it; retried in the background. */
	private void cleanUp(Claim.Won claim) {
		delete(claim).retryWhen(CLEANUP)
			.subscribe(null, (ex) -> logger.warn("Could not clean up the claim of quick-approval click "
					+ claim.clickId() + " (" + ex + "); its lease frees the click"));
	}

	private Claim claimOf(String clickId, String value) {
		return value.startsWith(DONE) ? new Claim.Done(read(value)) : new Claim.Running(clickId);
	}

	/** One hash tag per click, so that a script touching a click's keys works on Redis Cluster. */
	private String key(String clickId) {
		return this.keyPrefix + ":click:{" + clickId + "}";
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
