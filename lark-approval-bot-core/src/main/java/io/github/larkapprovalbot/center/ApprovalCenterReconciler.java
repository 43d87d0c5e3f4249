package io.github.larkapprovalbot.center;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Repairs drift between the application and Lark's approval center, as the integration guide asks (a check about
 * every five minutes): every interval, it reads from the {@link ExternalInstanceSource} every instance changed within
 * the lookback period, checks them with Lark in batches, and re-syncs each instance Lark lacks or holds in an older
 * state (the instance, or one of its tasks). One instance of the service at a time runs it: a run takes the store's
 * lease for the interval, so that with a shared store (Redis) the others skip that interval.
 * <p>
 * A source that throws, or a check that fails, is logged and tried again at the next interval: the schedule never
 * stops until {@link #close()}. {@link #repairs()} counts the instances re-synced.
 */
public final class ApprovalCenterReconciler implements AutoCloseable {

	/** How often a run starts by default. */
	public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(5);

	/** How far back a run asks the source for changed instances by default. */
	public static final Duration DEFAULT_LOOKBACK = Duration.ofDays(7);

	/** How many instances one check carries. */
	static final int BATCH_SIZE = 50;

	private static final String LEASE = "reconcile";

	private static final Log logger = LogFactory.getLog(ApprovalCenterReconciler.class);

	private final String app;

	private final ApprovalCenter center;

	private final ExternalInstanceSource source;

	private final ApprovalCenterStore store;

	private final Duration interval;

	private final Duration lookback;

	private final Clock clock;

	private final Scheduler scheduler;

	private final String owner = UUID.randomUUID().toString();

	private final AtomicLong repairs = new AtomicLong();

	private final AtomicLong runs = new AtomicLong();

	private final AtomicLong failures = new AtomicLong();

	private @Nullable Disposable schedule;

	/**
	 * Creates a reconciler on the system clock and Reactor's parallel scheduler.
	 * @param app the app's configured name, for logs
	 * @param center the app's approval center
	 * @param source what the application holds
	 * @param store the app's store, for the lease
	 * @param interval how often a run starts
	 * @param lookback how far back a run asks the source
	 */
	public ApprovalCenterReconciler(String app, ApprovalCenter center, ExternalInstanceSource source,
			ApprovalCenterStore store, Duration interval, Duration lookback) {
		this(app, center, source, store, interval, lookback, Clock.systemUTC(), Schedulers.parallel());
	}

	/**
	 * Creates a reconciler.
	 * @param app the app's configured name, for logs
	 * @param center the app's approval center
	 * @param source what the application holds
	 * @param store the app's store, for the lease
	 * @param interval how often a run starts
	 * @param lookback how far back a run asks the source
	 * @param clock the wall clock the lookback is measured on
	 * @param scheduler the scheduler of the interval (a virtual one in tests)
	 */
	public ApprovalCenterReconciler(String app, ApprovalCenter center, ExternalInstanceSource source,
			ApprovalCenterStore store, Duration interval, Duration lookback, Clock clock, Scheduler scheduler) {
		this.app = Objects.requireNonNull(app, "app must not be null");
		this.center = Objects.requireNonNull(center, "center must not be null");
		this.source = Objects.requireNonNull(source, "source must not be null");
		this.store = Objects.requireNonNull(store, "store must not be null");
		this.interval = positive("interval", interval);
		this.lookback = positive("lookback", lookback);
		this.clock = Objects.requireNonNull(clock, "clock must not be null");
		this.scheduler = Objects.requireNonNull(scheduler, "scheduler must not be null");
	}

	private static Duration positive(String name, Duration value) {
		if (value.isNegative() || value.isZero()) {
			throw new IllegalArgumentException(name + " must be positive, was " + value);
		}
		return value;
	}

	/**
	 * Starts running every interval, the first run one interval from now. Starting twice does nothing more.
	 */
	public synchronized void start() {
		if (this.schedule == null) {
			this.schedule = Flux.interval(this.interval, this.interval, this.scheduler)
				.onBackpressureDrop()
				.concatMap((tick) -> reconcile(), 1)
				.subscribe();
		}
	}

	/**
	 * Runs once now, if this instance of the service takes the lease.
	 * @return how many instances were re-synced (0 when another instance holds the lease)
	 */
	public Mono<Integer> reconcile() {
		return this.store.tryLock(LEASE, this.owner, this.interval)
			.flatMap((held) -> held ? run() : Mono.just(0))
			.onErrorResume((ex) -> {
				logger.warn("The approval center reconciliation of app " + this.app
						+ " failed; it runs again in " + this.interval, ex);
				// Counted once logged, so that whoever watches the count also finds the cause in the log.
				this.failures.incrementAndGet();
				return Mono.just(0);
			});
	}

	private Mono<Integer> run() {
		Instant since = this.clock.instant().minus(this.lookback);
		return Flux.using(() -> this.source.changedSince(since), Flux::fromStream, Stream::close)
			.subscribeOn(Schedulers.boundedElastic())
			.buffer(BATCH_SIZE)
			.concatMap((batch) -> repair(batch).onErrorResume((ex) -> {
				// One batch Lark refused (an invalid instance, a throttled check) leaves the others to run.
				logger.warn("Could not check " + batch.size() + " instance(s) from " + batch.get(0).instanceId()
						+ " with the approval center of app " + this.app + "; the next run tries again", ex);
				this.failures.incrementAndGet();
				return Mono.just(0);
			}))
			.reduce(0, Integer::sum)
			.doOnSuccess((repaired) -> {
				this.runs.incrementAndGet();
				if (repaired != null && repaired > 0) {
					logger.info("Re-synced " + repaired + " instance(s) that Lark's approval center of app " + this.app
							+ " lacked or held in an older state");
				}
			});
	}

	private Mono<Integer> repair(List<ExternalInstance> batch) {
		Map<String, ExternalInstance> ours = new LinkedHashMap<>();
		for (ExternalInstance instance : batch) {
			if (instance.instanceId() == null || instance.updateTime() == null) {
				// Lark's check refuses a version without them, and with it the whole batch.
				logger.warn("Skipped instance " + instance.instanceId() + " from the source of app " + this.app
						+ ": without an instance_id and an update_time it cannot be checked");
			}
			else {
				ours.put(instance.instanceId(), instance);
			}
		}
		if (ours.isEmpty()) {
			return Mono.just(0);
		}
		return this.center.check(ours.values().stream().map(ExternalInstance::version).toList())
			.flatMapMany(Flux::fromIterable)
			.filter((lark) -> lark.instanceId() != null && isBehind(lark, ours.get(lark.instanceId())))
			.concatMap((lark) -> this.center.sync(Objects.requireNonNull(ours.get(lark.instanceId())))
				.thenReturn(1)
				.onErrorResume((ex) -> {
					logger.warn("Could not re-sync instance " + lark.instanceId() + " to the approval center of app "
							+ this.app + "; the next run tries again", ex);
					return Mono.just(0);
				}))
			.reduce(0, Integer::sum)
			.doOnNext(this.repairs::addAndGet);
	}

	/** Whether Lark lacks the instance or holds it, or one of its tasks, in an older state than ours. */
	private static boolean isBehind(InstanceVersion lark, @Nullable ExternalInstance ours) {
		if (ours == null) {
			return false;
		}
		InstanceVersion version = ours.version();
		if (lark.updateTimeMillis() < version.updateTimeMillis()) {
			return true;
		}
		Map<String, Long> larkTasks = new HashMap<>();
		for (InstanceVersion.TaskVersion task : lark.tasks()) {
			larkTasks.put(task.taskId(), ExternalInstance.millis(task.updateTime()));
		}
		for (InstanceVersion.TaskVersion task : version.tasks()) {
			Long held = larkTasks.get(task.taskId());
			if (held != null && held < ExternalInstance.millis(task.updateTime())) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Returns how many instances the runs have re-synced.
	 * @return the count since start
	 */
	public long repairs() {
		return this.repairs.get();
	}

	/**
	 * Returns how many runs this instance of the service has completed.
	 * @return the count since start
	 */
	public long runs() {
		return this.runs.get();
	}

	/**
	 * Returns how many runs or batches failed (a source that threw, a batch whose check Lark refused).
	 * @return the count since start
	 */
	public long failures() {
		return this.failures.get();
	}

	/** Stops the schedule; a run under way is cancelled. */
	@Override
	public synchronized void close() {
		if (this.schedule != null) {
			this.schedule.dispose();
		}
	}

	@Override
	public String toString() {
		return "ApprovalCenterReconciler[" + this.app + ", every " + this.interval + ", lookback " + this.lookback + "]";
	}

}
