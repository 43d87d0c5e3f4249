package io.github.larkapprovalbot.callback;

import java.time.Duration;

import io.github.larkapprovalbot.validation.InvalidSettingException;
import org.jspecify.annotations.Nullable;
import org.springframework.util.StringUtils;

/**
 * How one app's quick-approval callback endpoint answers.
 *
 * @param token the {@code action_callback_token} cards are sent with
 * @param key the {@code action_callback_key}, or {@code null} for plain callbacks
 * @param handlerTimeout longest time Lark waits for an answer; the handlers go on past it
 * @param duplicateWindow how long an outcome answers repeated deliveries of its click
 * @param claimLease how long a claim lasts unless its owner renews it (every third of it while the handlers run): a
 * claim whose owner is gone frees its click within this
 * @param maxBodyBytes largest body accepted
 */
public record CallbackSettings(String token, @Nullable String key, Duration handlerTimeout, Duration duplicateWindow,
		Duration claimLease, long maxBodyBytes) {

	/** How long a claim lasts unless renewed, by default. */
	public static final Duration DEFAULT_CLAIM_LEASE = Duration.ofSeconds(10);

	/**
	 * Creates the settings, refusing invalid values.
	 *
	 * @param token the {@code action_callback_token} cards are sent with
	 * @param key the {@code action_callback_key}, or {@code null} for plain callbacks
	 * @param handlerTimeout longest time Lark waits for an answer; the handlers go on past it
	 * @param duplicateWindow how long an outcome answers repeated deliveries of its click
	 * @param claimLease how long a claim lasts unless its owner renews it (every third of it while the handlers run): a
	 * claim whose owner is gone frees its click within this
	 * @param maxBodyBytes largest body accepted
	 */
	public CallbackSettings {
		if (!StringUtils.hasText(token)) {
			throw new InvalidSettingException("token", "must be set", null);
		}
		InvalidSettingException.positive("handlerTimeout", handlerTimeout);
		InvalidSettingException.positive("duplicateWindow", duplicateWindow);
		InvalidSettingException.positive("claimLease", claimLease);
		if (maxBodyBytes <= 0) {
			throw new InvalidSettingException("maxBodyBytes", "must be positive", maxBodyBytes);
		}
	}

	/**
	 * Checks that a claim's owner can renew it in time over a store whose operations take up to a timeout: a renewal
	 * starts a third of a lease after the last one and may take the timeout, so the lease must be longer than both.
	 * @param claimLease the lease
	 * @param storeTimeout the longest a store operation takes
	 * @throws InvalidSettingException when it cannot
	 */
	public static void checkLeaseRenewable(Duration claimLease, Duration storeTimeout) {
		if (claimLease.compareTo(storeTimeout.plus(claimLease.dividedBy(3))) <= 0) {
			throw new InvalidSettingException("claimLease", "must be longer than the store's timeout (" + storeTimeout
					+ ") plus a third of itself, so that a running claim can be renewed in time", claimLease);
		}
	}

	@Override
	public String toString() {
		return "CallbackSettings[handlerTimeout=" + this.handlerTimeout + ", duplicateWindow=" + this.duplicateWindow
				+ ", claimLease=" + this.claimLease + ", maxBodyBytes=" + this.maxBodyBytes + "]";
	}

}
