package io.github.larkapprovalbot;

import java.time.Duration;

import io.github.larkapprovalbot.validation.InvalidSettingException;

/**
 * The messenger's own connection pool, when it runs on Reactor Netty: named {@code lark-approval-bot}, bounded, with
 * Micrometer metrics, and released with the messenger. (On the JDK's {@code HttpClient} the JDK pools connections.)
 *
 * @param maxConnections connections to Lark at most
 * @param pendingAcquireMaxCount calls that may wait for a connection at most; more fail at once, as not sent
 * @param maxIdleTime how long an idle connection is kept: less than a gateway keeps it, so that none is used just as
 * the gateway drops it
 */
public record HttpPoolSettings(int maxConnections, int pendingAcquireMaxCount, Duration maxIdleTime) {

	/**
	 * Creates the settings, refusing a value that is not positive.
	 *
	 * @param maxConnections connections to Lark at most
	 * @param pendingAcquireMaxCount calls that may wait for a connection at most; more fail at once, as not sent
	 * @param maxIdleTime how long an idle connection is kept: less than a gateway keeps it, so that none is used just as
	 * the gateway drops it
	 */
	public HttpPoolSettings {
		InvalidSettingException.positive("maxConnections", maxConnections);
		InvalidSettingException.positive("pendingAcquireMaxCount", pendingAcquireMaxCount);
		InvalidSettingException.positive("maxIdleTime", maxIdleTime);
	}

	/**
	 * 500 connections, 1,000 waiting calls, idle connections closed after 30 s (common gateways drop them after 60).
	 * @return the default settings
	 */
	public static HttpPoolSettings defaults() {
		return new HttpPoolSettings(500, 1000, Duration.ofSeconds(30));
	}

}
