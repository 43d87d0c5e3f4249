package io.github.larkapprovalbot.callback;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

import io.github.larkapprovalbot.callback.ApprovalActionStore.Claim;
import io.github.larkapprovalbot.internal.TimeSource;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
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
 * <p>
 * A claim is a lease, renewed every third of it while the handlers run, so that two runs of one click never overlap
 * however long a handler takes, and a claim whose owner is gone frees its click within one lease. An owner that could
 * not renew in time logs an ERROR naming the click; an outcome that finds its claim gone logs a WARN.
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

	private final Duration lease;

	private final TimeSource time;

	private final String app;

	private final AtomicReference<@Nullable Instant> storeUnavailableSince = new AtomicReference<>();

	private final LongAdder refused = new LongAdder();

	private final LongAdder leasesRenewed = new LongAdder();

	private final LongAdder leasesLost = new LongAdder();

	private final LongAdder outcomesWithoutClaim = new LongAdder();

	ApprovalActionDispatcher(String app, Supplier<List<ApprovalActionHandler>> handlers, ApprovalActionStore store,
			Duration deadline, Duration duplicateWindow, Duration lease, TimeSource time) {
		this.app = app;
		this.handlers = handlers;
		this.store = store;
		this.deadline = deadline;
		this.duplicateWindow = duplicateWindow;
		this.lease = lease;
		this.time = time;
	}

	ApprovalCallbackState state() {
		Instant since = this.storeUnavailableSince.get();
		return new ApprovalCallbackState(this.app, since == null, since, this.refused.sum(), this.leasesRenewed.sum(),
				this.leasesLost.sum(), this.outcomesWithoutClaim.sum());
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
		return this.store.claim(clickId, this.lease).flatMap((claim) -> {
			storeAnswered();
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
			this.refused.increment();
			if (this.storeUnavailableSince.compareAndSet(null, Instant.now())) {
				logger.error("Could not claim a quick-approval click of app " + this.app + "; clicks are refused with a "
						+ "retryable failure until the store answers", ex);
			}
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
		Disposable renewals = (claim != null) ? renewals(claim) : null;
		run(action).doFinally((signal) -> {
			if (renewals != null) {
				renewals.dispose();
			}
		})
			.flatMap((outcome) -> (claim != null) ? remember(claim, outcome) : Mono.just(outcome))
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
		return this.store.complete(claim, outcome, this.duplicateWindow).doOnNext((recorded) -> {
			if (!recorded) {
				this.outcomesWithoutClaim.increment();
				logger.warn("The claim of quick-approval click " + claim.clickId() + " of app " + this.app
						+ " was gone when its run ended (the store lost it: a restart without persistence, an eviction, "
						+ "or a lease lost); a repeated delivery of this click may run it again");
			}
		}).onErrorResume((ex) -> {
			// The handlers did their work: Lark gets their answer even though a repeat may not find it.
			logger.error("Could not record the outcome of quick-approval click " + claim.clickId(), ex);
			return Mono.empty();
		}).thenReturn(outcome);
	}

	/**
	 * Renews a claim every third of its lease until disposed. A renewal the store refuses (the claim is no longer
	 * this run's) or that does not succeed before the lease runs out loses the lease: logged, counted, and renewing
	 * stops.
	 */
	private Disposable renewals(Claim.Won claim) {
		Duration period = this.lease.dividedBy(3);
		long[] renewedAt = { this.time.nanoTime() };
		return Flux.interval(period, period, this.time.scheduler())
			.concatMap((tick) -> this.store.renew(claim, this.lease).onErrorResume((ex) -> {
				if (this.time.nanoTime() - renewedAt[0] < this.lease.toNanos()) {
					logger.warn("Could not renew the claim of quick-approval click " + claim.clickId()
							+ "; trying again (" + ex + ")");
					return Mono.empty();
				}
				return Mono.just(false);
			}))
			.takeWhile((renewed) -> {
				if (renewed) {
					renewedAt[0] = this.time.nanoTime();
					this.leasesRenewed.increment();
					return true;
				}
				this.leasesLost.increment();
				logger.error("Lost the claim of quick-approval click " + claim.clickId() + " of app " + this.app
						+ " while its handlers ran: a repeated delivery may run them again at the same time");
				return false;
			})
			.subscribe();
	}

	private void storeAnswered() {
		Instant since = this.storeUnavailableSince.getAndSet(null);
		if (since != null) {
			logger.info("Quick-approval clicks of app " + this.app + " are claimed again after an outage since "
					+ since);
		}
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
		return answer.timeout(this.deadline, this.time.scheduler()).onErrorResume(TimeoutException.class, (timeout) -> Mono.fromSupplier(() -> {
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
