package io.github.larkapprovalbot.test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A clock the test moves, for {@link LarkSandbox.Builder#clock} and the application's own time seams alike: an
 * outage ({@link Fault#lasting}), backoffs, leases and windows pass without waiting. It stands still between moves,
 * in UTC.
 */
public final class TestClock extends Clock {

	private volatile Instant now;

	/**
	 * Creates a clock at an instant.
	 * @param start where it starts
	 */
	public TestClock(Instant start) {
		this.now = Objects.requireNonNull(start, "start must not be null");
	}

	/**
	 * Moves the clock forward.
	 * @param duration how far
	 */
	public synchronized void advance(Duration duration) {
		this.now = this.now.plus(duration);
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return this;
	}

	@Override
	public Instant instant() {
		return this.now;
	}

}
