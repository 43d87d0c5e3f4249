package io.github.larkapprovalbot.internal;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import io.github.bucket4j.TimeMeter;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The time the client reads and waits on: a monotonic clock for deadlines and rate-limit buckets, and the scheduler
 * its delays and timeouts run on. One seam, so that a test on a {@code VirtualTimeScheduler} moves every deadline,
 * backoff and bucket refill at once instead of sleeping through them.
 */
public final class TimeSource {

	/** The JVM's monotonic clock, and Reactor's parallel scheduler for waits. */
	public static final TimeSource SYSTEM = new TimeSource(System::nanoTime, Schedulers::parallel);

	private final LongSupplier nanoTime;

	private final Supplier<Scheduler> scheduler;

	private TimeSource(LongSupplier nanoTime, Supplier<Scheduler> scheduler) {
		this.nanoTime = nanoTime;
		this.scheduler = scheduler;
	}

	/**
	 * A time source that reads the scheduler's own clock (a {@code VirtualTimeScheduler} in tests).
	 * @param scheduler the scheduler
	 * @return the time source
	 */
	public static TimeSource of(Scheduler scheduler) {
		return new TimeSource(() -> scheduler.now(TimeUnit.NANOSECONDS), () -> scheduler);
	}

	/**
	 * Returns the current time, for deadlines only (not a wall-clock time).
	 * @return nanoseconds from an arbitrary origin
	 */
	public long nanoTime() {
		return this.nanoTime.getAsLong();
	}

	/**
	 * Returns the deadline a duration from now.
	 * @param duration the duration
	 * @return the {@link #nanoTime()} of the deadline
	 */
	public long deadline(Duration duration) {
		long now = nanoTime();
		long nanos = saturatedNanos(duration);
		return (nanos > Long.MAX_VALUE - now) ? Long.MAX_VALUE : now + nanos;
	}

	/**
	 * Returns how long remains until a deadline.
	 * @param deadline a {@link #nanoTime()}
	 * @return the time left, zero once the deadline has passed
	 */
	public Duration remaining(long deadline) {
		return Duration.ofNanos(Math.max(0, deadline - nanoTime()));
	}

	/**
	 * Returns the scheduler waits run on.
	 * @return the scheduler
	 */
	public Scheduler scheduler() {
		return this.scheduler.get();
	}

	/**
	 * Returns this clock for Bucket4j buckets.
	 * @return the time meter
	 */
	public TimeMeter timeMeter() {
		return new TimeMeter() {

			@Override
			public long currentTimeNanos() {
				return nanoTime();
			}

			@Override
			public boolean isWallClockBased() {
				return false;
			}

		};
	}

	/**
	 * Returns a duration in nanoseconds, saturating instead of overflowing (a wait Lark asks for can be absurdly long).
	 * @param duration the duration
	 * @return its nanoseconds, at most {@link Long#MAX_VALUE}
	 */
	public static long saturatedNanos(Duration duration) {
		try {
			return duration.toNanos();
		}
		catch (ArithmeticException ex) {
			return duration.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
		}
	}

}
