package io.github.larkapprovalbot.callback;

import java.time.Duration;

import reactor.core.publisher.Mono;

/**
 * Where the clicks being run and the outcomes of those run are kept, so that a click Lark delivers again, to this
 * instance or to another sharing the store, runs the handlers at most once at a time and, once it has an outcome, not
 * again while the outcome is kept. The in-memory {@link CaffeineApprovalActionStore} serves one instance; several
 * instances behind one callback URL need a shared implementation (Redis, say) that keeps this contract:
 * <ol>
 * <li>{@link #claim}: exactly one caller wins a click until its claim is completed, released or its lease runs out;
 * every other caller learns that the click is {@linkplain Claim.Running running} or gets its recorded
 * {@linkplain Claim.Done outcome};</li>
 * <li>a claim is a lease: it lasts the lease given, and its owner {@linkplain #renew renews} it while the handlers run.
 * A claim whose owner is gone (its instance died, a pause outlived the lease) or that was never confirmed to its caller
 * (the store applied it but its answer came too late) frees the click once the lease has run out: <b>within one lease,
 * 10 s by default, never the duplicate window</b>. A store cleans up a claim or release that failed on its side
 * when it can, but only if the key is still that claim's;</li>
 * <li>{@link #complete}: the winner records the outcome (a success, or a deliberate refusal) for a time to live; later
 * claims get it, and callers in {@link #awaitOutcome} receive it;</li>
 * <li>{@link #release}: the winner of a run that failed forgets the claim, so that the next try runs the handlers
 * again; callers in {@link #awaitOutcome} complete empty;</li>
 * <li>only the winner's own claim can be renewed, completed or released: a stale claim changes nothing, and says so
 * ({@code false}).</li>
 * </ol>
 * Failures are never recorded: a click whose run failed is tried again, never answered with the old failure.
 * <p>
 * The guarantees hold while the store keeps what it was given: a store that loses data (a Redis restarted without
 * persistence, a key evicted under memory pressure) may let a click run again; the callback processor logs a WARN
 * when a completion finds no claim, and an ERROR when an owner could not renew its lease in time.
 */
public interface ApprovalActionStore {

	/**
	 * Claims a click for one run of the handlers.
	 * @param clickId identifies the click (see {@link ApprovalAction#clickId()})
	 * @param lease how long the claim lasts unless renewed
	 * @return who runs it: {@link Claim.Won} (the caller, which must then renew, complete or release it),
	 * {@link Claim.Running} (another caller) or {@link Claim.Done} (already run, with its outcome)
	 */
	Mono<Claim> claim(String clickId, Duration lease);

	/**
	 * Extends a won claim whose handlers still run.
	 * @param claim the won claim
	 * @param lease how long it lasts from now
	 * @return whether the claim was still the caller's, and is extended
	 */
	Mono<Boolean> renew(Claim.Won claim, Duration lease);

	/**
	 * Records the outcome of a won claim and hands it to the callers waiting for it.
	 * @param claim the won claim
	 * @param outcome the answer the run gave
	 * @param timeToLive how long the outcome answers repeated deliveries
	 * @return whether the claim was still the caller's (when not, the outcome is not recorded)
	 */
	Mono<Boolean> complete(Claim.Won claim, CallbackAnswer outcome, Duration timeToLive);

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
