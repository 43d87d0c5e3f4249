package io.github.larkapprovalbot.callback;

import reactor.core.publisher.Mono;

/**
 * Application code that acts on quick-approval clicks. Completing answers Lark with success; an error answers with
 * a failure, whose text the card shows when the error is an {@link ApprovalActionRejectedException}.
 * <p>
 * {@link #supports} and {@link #handle} are called on a Reactor bounded-elastic thread, never on the web server's
 * event loop and never inside a lock, so {@code handle} may block; the {@code Mono} it returns may complete on any
 * thread. A handler runs to its end even when Lark has already been answered at the deadline, and it is not
 * interrupted. Each click runs once while its outcome is remembered, but a handler must still be idempotent: a
 * repeat after the duplicate window, or on an instance that does not share the {@link ApprovalActionStore}, runs it
 * again.
 * <p>
 * When the card's button has no {@code next_status}, Lark leaves the card as it is: update it from the handler with
 * {@code ApprovalBotMessenger#update}.
 */
@FunctionalInterface
public interface ApprovalActionHandler {

	/**
	 * Acts on a click.
	 * @param action the click
	 * @return completion
	 */
	Mono<Void> handle(ApprovalAction action);

	/**
	 * Returns whether this handler wants the action; all handlers that want it are called, in order. With several
	 * Lark apps, {@link ApprovalAction#app()} says which app's endpoint received it.
	 * @param action the click
	 * @return whether to call {@link #handle}
	 */
	default boolean supports(ApprovalAction action) {
		return true;
	}

}
