package io.github.larkapprovalbot.center;

import java.util.Map;

import io.github.larkapprovalbot.apps.AppRegistry;

/**
 * The reconciler of every app that has an {@link ExternalInstanceSource}, by app name: the Spring Boot starter starts
 * them with the context and stops them with it.
 */
public final class ApprovalCenterReconcilers extends AppRegistry<ApprovalCenterReconciler> implements AutoCloseable {

	/**
	 * Creates the registry.
	 * @param reconcilers each app's reconciler, by app name
	 */
	public ApprovalCenterReconcilers(Map<String, ApprovalCenterReconciler> reconcilers) {
		super("approval center reconciler", reconcilers);
	}

	/**
	 * Returns every app's reconciler.
	 * @return the reconcilers by app name
	 */
	@Override
	public Map<String, ApprovalCenterReconciler> all() {
		return super.all();
	}

	/** Starts every reconciler's schedule. */
	public void start() {
		all().values().forEach(ApprovalCenterReconciler::start);
	}

	/** Stops every reconciler's schedule. */
	@Override
	public void close() {
		all().values().forEach(ApprovalCenterReconciler::close);
	}

}
