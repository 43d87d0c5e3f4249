package io.github.larkapprovalbot.center;

import java.time.Instant;
import java.util.stream.Stream;

/**
 * What the application holds: the reconciler compares it with what Lark holds and re-syncs the difference.
 */
@FunctionalInterface
public interface ExternalInstanceSource {

	/**
	 * Returns the current state of every instance that changed since a time, ended ones included. The stream is
	 * closed once read, so that one backed by a database cursor releases it.
	 * @param since the start of the lookback period
	 * @return the instances, each as it should be synced now
	 */
	Stream<ExternalInstance> changedSince(Instant since);

}
