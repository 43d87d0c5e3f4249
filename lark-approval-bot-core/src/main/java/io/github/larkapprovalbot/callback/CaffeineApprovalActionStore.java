package io.github.larkapprovalbot.callback;

import java.time.Duration;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import reactor.core.publisher.Mono;

/**
 * The in-memory {@link ApprovalActionStore}: Caffeine, each answer kept for the window after it was given.
 */
public final class CaffeineApprovalActionStore implements ApprovalActionStore {

	private final AsyncCache<String, CallbackAnswer> answers;

	/**
	 * Creates a store.
	 * @param window how long an answer is remembered
	 * @param maximumSize how many answers at most
	 */
	public CaffeineApprovalActionStore(Duration window, long maximumSize) {
		this.answers = Caffeine.newBuilder().expireAfterWrite(window).maximumSize(maximumSize).buildAsync();
	}

	@Override
	public Mono<CallbackAnswer> firstAnswer(String key, Supplier<Mono<CallbackAnswer>> first) {
		return Mono.fromFuture(() -> this.answers.get(key, (k, executor) -> first.get().toFuture()), true);
	}

}
