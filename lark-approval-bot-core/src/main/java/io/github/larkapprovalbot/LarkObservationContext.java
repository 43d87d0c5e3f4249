package io.github.larkapprovalbot;

import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * What an observation of one call to Lark knows: the endpoint, the uuid of a send, and how the call ended (its error,
 * through {@link #getError()}, or a cancellation). One observation spans the whole call (validation, token,
 * rate-limit waits, every attempt and the check of Lark's answer), and is the parent of the HTTP client's own
 * observations of each attempt.
 */
public final class LarkObservationContext extends Observation.Context {

	private final LarkEndpoint endpoint;

	private final String app;

	private final @Nullable String uuid;

	private volatile boolean cancelled;

	LarkObservationContext(LarkEndpoint endpoint, String app, @Nullable String uuid) {
		this.endpoint = endpoint;
		this.app = app;
		this.uuid = uuid;
	}

	/**
	 * Returns the endpoint called.
	 * @return the endpoint
	 */
	public LarkEndpoint getEndpoint() {
		return this.endpoint;
	}

	/**
	 * Returns the configured name of the app that called.
	 * @return the app's name ({@code default} for the top-level app)
	 */
	public String getApp() {
		return this.app;
	}

	/**
	 * Returns the uuid Lark de-duplicates a send on.
	 * @return the uuid, or {@code null} for calls other than a send
	 */
	public @Nullable String getUuid() {
		return this.uuid;
	}

	/**
	 * Returns whether the caller cancelled the call before it ended.
	 * @return whether it was cancelled
	 */
	public boolean isCancelled() {
		return this.cancelled;
	}

	void cancelled() {
		this.cancelled = true;
	}

}
