package io.github.larkapprovalbot.callback;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

import io.github.larkapprovalbot.callback.ApprovalActionStore.Claim;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

/**
 * Runs the handlers of a verified click once per click (see {@link ApprovalAction#clickId()}) in everything that
 * shares the {@link ApprovalActionStore}, whichever callback delivered it.
 * <p>
 * The deadline bounds the answer, never the work. Handlers run off the calling thread (each on a Reactor
 * bounded-elastic thread) and outside any lock; when they are not done by the deadline, Lark is answered with a
 * failure that asks the approver to try again shortly, and the handlers go on to their end, never interrupted. Only
 * outcomes are remembered, for the duplicate window: a success, or a refusal
 * ({@link ApprovalActionRejectedException}). A delivery of a click that has such an outcome gets it without running
 * the handlers; one that arrives while they still run waits for the same run, within the deadline; a failed run is
 * forgotten, so that the next try runs the handlers again.
 */
final class ApprovalActionDispatcher {

	private static final Log logger = LogFactory.getLog(ApprovalActionDispatcher.class);

	private static final String TRY_AGAIN_SHORTLY = "The approval system is still working on this. Please try again "
			+ "in a few seconds.";

	private static final String TRY_AGAIN = "The approval system could not process this action. Please try again.";

	private final Supplier<List<ApprovalActionHandler>> handlers;

	private final ApprovalActionStore store;

	private final Duration deadline;

	private final Duration duplicateWindow;

	ApprovalActionDispatcher(Supplier<List<ApprovalActionHandler>> handlers, ApprovalActionStore store,
			Duration deadline, Duration duplicateWindow) {
		this.handlers = handlers;
		this.store = store;
		this.deadline = deadline;
		this.duplicateWindow = duplicateWindow;
	}

	/**
	 * Runs a click, or answers with the outcome of its run.
	 * @param action the verified click
	 * @return the answer, within the deadline; never an error
	 */
	Mono<CallbackAnswer> dispatch(ApprovalAction action) {
		String clickId = action.clickId();
		if (clickId == null) {
			return withinDeadline(start(action, null));
		}
		return this.store.claim(clickId).flatMap((claim) -> {
			if (claim instanceof Claim.Done done) {
				return Mono.just(done.outcome());
			}
			if (claim instanceof Claim.Won won) {
				return withinDeadline(start(action, won));
			}
			// Running elsewhere: wait for the same run. Empty: it failed, and the next try runs it again.
			return withinDeadline(this.store.awaitOutcome(clickId)
				.switchIfEmpty(Mono.fromSupplier(() -> CallbackAnswer.failure(500, TRY_AGAIN))));
		}).onErrorResume((ex) -> {
			logger.error("Could not claim a quick-approval click; Lark is told to try again", ex);
			return Mono.just(CallbackAnswer.failure(503, "The approval system is unavailable. Please try again."));
		});
	}

	/**
	 * Starts a run of the handlers that no caller's cancellation or deadline stops, and records its outcome (or
	 * releases the claim of a failed run).
	 * @return the run's answer, to wait for
	 */
	private Mono<CallbackAnswer> start(ApprovalAction action, Claim.@Nullable Won claim) {
		Sinks.One<CallbackAnswer> answer = Sinks.one();
		run(action).flatMap((outcome) -> (claim != null) ? remember(claim, outcome) : Mono.just(outcome))
			.onErrorResume((ex) -> {
				CallbackAnswer failure = failure(action, ex);
				return (claim != null) ? this.store.release(claim).onErrorResume((releaseFailure) -> {
					logger.error("Could not release the claim of a failed quick-approval click", releaseFailure);
					return Mono.empty();
				}).thenReturn(failure) : Mono.just(failure);
			})
			.subscribe(answer::tryEmitValue);
		return answer.asMono();
	}

	private Mono<CallbackAnswer> remember(Claim.Won claim, CallbackAnswer outcome) {
		return this.store.complete(claim, outcome, this.duplicateWindow).onErrorResume((ex) -> {
			// The handlers did their work: Lark gets their answer even though a repeat may not find it.
			logger.error("Could not record the outcome of a quick-approval click", ex);
			return Mono.empty();
		}).thenReturn(outcome);
	}

	/**
	 * Runs every handler that supports the click, one after the other, each called on a bounded-elastic thread.
	 * @return success, or a deliberate refusal; an error for anything else
	 */
	private Mono<CallbackAnswer> run(ApprovalAction action) {
		return Mono.fromCallable(() -> this.handlers.get().stream().filter((h) -> h.supports(action)).toList())
			.subscribeOn(Schedulers.boundedElastic())
			.flatMap((matching) -> {
				if (matching.isEmpty()) {
					return Mono.error(new Unhandled(action));
				}
				return Flux.fromIterable(matching)
					.concatMap((handler) -> Mono.defer(() -> handler.handle(action))
						.subscribeOn(Schedulers.boundedElastic()))
					.then(Mono.fromSupplier(CallbackAnswer::ok));
			})
			.onErrorResume(ApprovalActionRejectedException.class,
					(rejected) -> Mono.just(CallbackAnswer.failure(500, rejected.userMessage())));
	}

	private Mono<CallbackAnswer> withinDeadline(Mono<CallbackAnswer> answer) {
		return answer.timeout(this.deadline, Mono.fromSupplier(() -> {
			logger.warn("Quick-approval handlers took longer than " + this.deadline
					+ "; Lark is asked to try again, and the handlers go on");
			return CallbackAnswer.failure(504, TRY_AGAIN_SHORTLY);
		}));
	}

	private static CallbackAnswer failure(ApprovalAction action, Throwable ex) {
		if (ex instanceof Unhandled) {
			logger.warn(ex.getMessage());
			return CallbackAnswer.failure(501, "This action is not handled by the approval system.");
		}
		logger.error("Approval action handler failed for " + action.actionType() + " of task " + action.taskId(), ex);
		return CallbackAnswer.failure(500, TRY_AGAIN);
	}

	/** No handler supports the click: a failure, not an outcome, so that a handler deployed later gets it. */
	private static final class Unhandled extends RuntimeException {

		Unhandled(ApprovalAction action) {
			super("No ApprovalActionHandler supports " + action.actionType() + " of " + action.approvalCode(), null,
					false, false);
		}

	}

}
