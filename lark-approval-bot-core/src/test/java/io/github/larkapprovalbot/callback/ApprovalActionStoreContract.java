package io.github.larkapprovalbot.callback;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import io.github.larkapprovalbot.callback.ApprovalActionStore.Claim;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@link ApprovalActionStore} contract, for every implementation to pass: extend it and return a store backed by
 * a fresh or shared backend (each test uses click ids of its own). {@link #secondStore()} may return another client
 * of the same backend, as a second instance of an application would hold.
 */
public abstract class ApprovalActionStoreContract {

	private static final Duration BLOCK = Duration.ofSeconds(10);

	private static final CallbackAnswer REFUSED = CallbackAnswer.failure(500, "The leave balance is too low");

	/** A lease that outlives every test that does not let it run out. */
	private static final Duration LEASE = Duration.ofMinutes(1);

	/** A lease a test lets run out: short, since a Redis backend keeps its own clock. */
	protected static final Duration SHORT_LEASE = Duration.ofMillis(400);

	/**
	 * Returns the store under test.
	 * @return the store
	 */
	protected abstract ApprovalActionStore store();

	/**
	 * Returns a store that shares this one's backend, as another instance of the application sees it.
	 * @return the second store; by default the same one
	 */
	protected ApprovalActionStore secondStore() {
		return store();
	}

	/**
	 * Lets time pass for the store's leases and times to live: a fake clock moved on, or, for a backend with a clock
	 * of its own, a real wait.
	 * @param duration how long
	 */
	protected abstract void pass(Duration duration);

	private static String click() {
		return UUID.randomUUID().toString().replace("-", "");
	}

	@Test
	void theFirstClaimWinsAndLaterOnesSeeTheClickRunning() {
		String click = click();
		assertThat(store().claim(click, LEASE).block(BLOCK)).isInstanceOf(Claim.Won.class);
		assertThat(secondStore().claim(click, LEASE).block(BLOCK)).isEqualTo(new Claim.Running(click));
		assertThat(store().claim(click, LEASE).block(BLOCK)).isEqualTo(new Claim.Running(click));
	}

	@Test
	void aCompletedClickAnswersLaterClaimsWithItsOutcome() {
		String click = click();
		Claim.Won won = won(click);
		store().complete(won, REFUSED, Duration.ofMinutes(1)).block(BLOCK);
		assertThat(secondStore().claim(click, LEASE).block(BLOCK)).isEqualTo(new Claim.Done(REFUSED));
		assertThat(secondStore().awaitOutcome(click).block(BLOCK)).isEqualTo(REFUSED);
	}

	@Test
	void callersWaitingForARunningClickGetItsOutcome() {
		String click = click();
		Claim.Won won = won(click);
		Mono<CallbackAnswer> waiting = secondStore().awaitOutcome(click).cache();
		waiting.subscribe();
		store().complete(won, CallbackAnswer.ok(), Duration.ofMinutes(1)).block(BLOCK);
		assertThat(waiting.block(BLOCK)).isEqualTo(CallbackAnswer.ok());
	}

	@Test
	void aReleasedClaimIsForgottenAndItsWaitersCompleteEmpty() {
		String click = click();
		Claim.Won won = won(click);
		Mono<CallbackAnswer> waiting = secondStore().awaitOutcome(click).cache();
		waiting.subscribe();
		store().release(won).block(BLOCK);
		assertThat(waiting.blockOptional(BLOCK)).isEmpty();
		assertThat(secondStore().claim(click, LEASE).block(BLOCK)).isInstanceOf(Claim.Won.class);
	}

	@Test
	void aStaleClaimChangesNothing() {
		String click = click();
		Claim.Won won = won(click);
		Claim.Won stale = new Claim.Won(click, "not-" + won.token());
		assertThat(store().complete(stale, CallbackAnswer.ok(), Duration.ofMinutes(1)).block(BLOCK)).isFalse();
		store().release(stale).block(BLOCK);
		assertThat(secondStore().claim(click, LEASE).block(BLOCK)).isEqualTo(new Claim.Running(click));
		store().complete(won, REFUSED, Duration.ofMinutes(1)).block(BLOCK);
		assertThat(secondStore().claim(click, LEASE).block(BLOCK)).isEqualTo(new Claim.Done(REFUSED));
	}

	@Test
	void anOutcomeExpiresAfterItsTimeToLive() {
		String click = click();
		assertThat(store().complete(won(click), CallbackAnswer.ok(), Duration.ofMillis(200)).block(BLOCK)).isTrue();
		pass(Duration.ofMillis(600));
		assertThat(secondStore().claim(click, LEASE).block(BLOCK)).isInstanceOf(Claim.Won.class);
	}

	@Test
	void aClaimNobodyRenewsFreesItsClickWhenItsLeaseRunsOut() {
		String click = click();
		Claim.Won abandoned = (Claim.Won) store().claim(click, SHORT_LEASE).block(BLOCK);
		assertThat(secondStore().claim(click, SHORT_LEASE).block(BLOCK)).isEqualTo(new Claim.Running(click));
		pass(SHORT_LEASE.multipliedBy(2));
		assertThat(secondStore().claim(click, LEASE).block(BLOCK)).isInstanceOf(Claim.Won.class);
		// The owner that lost its lease can no longer record an outcome, nor take the new claim away.
		assertThat(store().complete(abandoned, CallbackAnswer.ok(), LEASE).block(BLOCK)).isFalse();
		assertThat(store().renew(abandoned, LEASE).block(BLOCK)).isFalse();
		assertThat(store().claim(click, LEASE).block(BLOCK)).isEqualTo(new Claim.Running(click));
	}

	@Test
	void anOwnerThatRenewsKeepsItsClaimBeyondTheLease() {
		String click = click();
		Claim.Won won = (Claim.Won) store().claim(click, SHORT_LEASE).block(BLOCK);
		for (int i = 0; i < 4; i++) {
			pass(SHORT_LEASE.dividedBy(2));
			assertThat(store().renew(won, SHORT_LEASE).block(BLOCK)).isTrue();
		}
		assertThat(secondStore().claim(click, LEASE).block(BLOCK)).isEqualTo(new Claim.Running(click));
		assertThat(store().complete(won, REFUSED, LEASE).block(BLOCK)).isTrue();
		assertThat(secondStore().claim(click, LEASE).block(BLOCK)).isEqualTo(new Claim.Done(REFUSED));
	}

	@Test
	void aStaleRenewalChangesNothing() {
		String click = click();
		Claim.Won won = won(click);
		assertThat(store().renew(new Claim.Won(click, "not-" + won.token()), LEASE).block(BLOCK)).isFalse();
		assertThat(store().renew(won, LEASE).block(BLOCK)).isTrue();
	}

	@Test
	void waitingForAClickThatIsNotRunningCompletesEmpty() {
		assertThat(store().awaitOutcome(click()).blockOptional(BLOCK)).isEmpty();
	}

	@Test
	void ofManyConcurrentClaimsExactlyOneWins() throws Exception {
		String click = click();
		ExecutorService pool = Executors.newFixedThreadPool(16);
		try {
			List<Callable<Claim>> tasks = IntStream.range(0, 200)
				.<Callable<Claim>>mapToObj((i) -> () -> ((i % 2 == 0) ? store() : secondStore()).claim(click, LEASE).block(BLOCK))
				.toList();
			List<Future<Claim>> claims = pool.invokeAll(tasks);
			long won = 0;
			for (Future<Claim> claim : claims) {
				won += (claim.get() instanceof Claim.Won) ? 1 : 0;
			}
			assertThat(won).isEqualTo(1);
		}
		finally {
			pool.shutdownNow();
		}
	}

	private Claim.Won won(String click) {
		Claim claim = store().claim(click, LEASE).block(BLOCK);
		assertThat(claim).isInstanceOf(Claim.Won.class);
		return (Claim.Won) claim;
	}

}
