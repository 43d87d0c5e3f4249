package io.github.larkapprovalbot.callback;

import java.util.function.Supplier;

import reactor.core.publisher.Mono;

/**
 * Remembers the answers given to callbacks, so that the same callback delivered again within a window runs the
 * handlers once and gets the first answer. Replace the in-memory default with a shared store (Redis...) when
 * several instances receive callbacks.
 */
@FunctionalInterface
public interface ApprovalActionStore {

	/**
	 * Returns the first answer recorded for a key, or runs {@code first}, records and returns its answer.
	 * Concurrent deliveries of one key wait for the same answer.
	 * @param key identifies the callback (message, task and action)
	 * @param first processes the first delivery
	 * @return the answer
	 */
	Mono<CallbackAnswer> firstAnswer(String key, Supplier<Mono<CallbackAnswer>> first);

}
