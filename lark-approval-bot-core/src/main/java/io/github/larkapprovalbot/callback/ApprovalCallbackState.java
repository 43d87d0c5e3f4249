package io.github.larkapprovalbot.callback;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * How an app's quick-approval callbacks fare: whether clicks can be claimed at all (a store that does not answer
 * refuses every click with a retryable failure), and what happened to the leases of the clicks being run. For health
 * indicators and metrics.
 *
 * @param app the app's configured name
 * @param storeAvailable whether the last claim reached the store
 * @param storeUnavailableSince when the store stopped answering, or {@code null} while it answers
 * @param refused clicks refused because the store did not answer
 * @param leasesRenewed renewals of running claims
 * @param leasesLost running claims whose owner could not keep them (the run went on; a redelivery may run again)
 * @param outcomesWithoutClaim outcomes that found their claim gone (the store lost it)
 */
public record ApprovalCallbackState(String app, boolean storeAvailable, @Nullable Instant storeUnavailableSince,
		long refused, long leasesRenewed, long leasesLost, long outcomesWithoutClaim) {

}
