package io.github.larkapprovalbot.callback;

import java.time.Duration;

import reactor.core.publisher.Mono;

/**
 * Where the clicks being run and the outcomes of those run are kept, so that a click Lark delivers again, to this
 * instance or to another sharing the store, runs the handlers at most once. The in-memory
 * {@link CaffeineApprovalActionStore} serves one instance; several instances behind one callback URL need a shared
 * implementation (Redis, say) that keeps this contract:
 * <ol>
 * <li>{@link #claim}: exactly one caller wins a click until its claim is completed or released; every other caller
 * learns that the click is {@linkplain Claim.Running running} or gets its recorded
 * {@linkplain Claim.Done outcome};</li>
 * <li>{@link #complete}: the winner records the outcome (a success, or a deliberate refusal) for a time to live; later
 * claims get it, and callers in {@link #awaitOutcome} receive it;</li>
 * <li>{@link #release}: the winner of a run that failed forgets the claim, so that the next try runs the handlers
 * again; callers in {@link #awaitOutcome} complete empty;</li>
 * <li>only the winner's own claim can be completed or released: a stale claim changes nothing;</li>
 * <li>a claim neither completed nor released is dropped after a time the store defines, so that a run lost with
 * its instance does not block its click for good.</li>
 * </ol>
 * Failures are never recorded: a click whose run failed is tried again, never answered with the old failure.
 */
public interface ApprovalActionStore {

	/**
	 * Claims a click for one run of the handlers.
	 * @param clickId identifies the click (see {@link ApprovalAction#clickId()})
	 * @return who runs it: {@link Claim.Won} (the caller, which must then complete or release it),
	 * {@link Claim.Running} (another caller) or {@link Claim.Done} (already run, with its outcome)
	 */
	Mono<Claim> claim(String clickId);

	/**
	 * Records the outcome of a won claim and hands it to the callers waiting for it.
	 * @param claim the won claim
	 * @param outcome the answer the run gave
	 * @param timeToLive how long the outcome answers repeated deliveries
	 * @return completion
	 */
	Mono<Void> complete(Claim.Won claim, CallbackAnswer outcome, Duration timeToLive);

	/**
	 * Forgets a won claim whose run failed, so that a later try runs the handlers again.
	 * @param claim the won claim
	 * @return completion
	 */
	Mono<Void> release(Claim.Won claim);

	/**
	 * Waits for the outcome of a click that is running. Unbounded: callers bound it with their own deadline.
	 * @param clickId the click
	 * @return the outcome once recorded; empty when the claim is released or gone, or the click is not running
	 */
	Mono<CallbackAnswer> awaitOutcome(String clickId);

	/**
	 * Who runs a click.
	 */
	sealed interface Claim permits Claim.Won, Claim.Running, Claim.Done {

		/**
		 * The caller won the click and runs it.
		 *
		 * @param clickId the click
		 * @param token tells this claim from any other of the same click
		 */
		record Won(String clickId, String token) implements Claim {

		}

		/**
		 * Another caller is running the click.
		 *
		 * @param clickId the click
		 */
		record Running(String clickId) implements Claim {

		}

		/**
		 * The click has been run.
		 *
		 * @param outcome the answer its run gave
		 */
		record Done(CallbackAnswer outcome) implements Claim {

		}

	}

}
