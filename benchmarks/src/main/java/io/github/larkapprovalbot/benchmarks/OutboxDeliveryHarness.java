package io.github.larkapprovalbot.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import com.sun.management.OperatingSystemMXBean;
import com.zaxxer.hikari.HikariDataSource;
import io.github.larkapprovalbot.ApprovalBotMessenger;
import io.github.larkapprovalbot.RateLimitSettings;
import io.github.larkapprovalbot.message.ApprovalBotMessage;
import io.github.larkapprovalbot.outbox.LarkOutbox;
import io.github.larkapprovalbot.outbox.OutboxDeliveryFailedEvent;
import io.github.larkapprovalbot.outbox.OutboxSchema;
import io.github.larkapprovalbot.test.LarkSandbox;
import io.github.larkapprovalbot.test.SandboxRequest.Endpoint;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * How fast the outbox empties a backlog when nothing but itself sets the pace: N sends recorded while no outbox runs
 * (as after an outage), then the time from starting the outbox instances until every row is recorded delivered.
 * Lark is a {@link LarkSandbox} in this JVM with its rate limits off and no added latency, and each instance's
 * messenger has no limits either, so the figure is the outbox's own ceiling (claims, attempts, outcomes), which Lark's
 * 50 sends per second per app keep far out of reach in production. Each instance runs as an application's would:
 * its own pool, its own messenger, the default batch size of 64.
 * <p>
 * A warm-up backlog goes first, through the same instances' messengers (their tokens and connections stay warm), and
 * the table is emptied between it and the measured one. PostgreSQL's statistics are refreshed after the backlog is
 * recorded ({@code ANALYZE}), as autovacuum would have done during an outage long enough to leave one.
 * <p>
 * CPU time is reported per 1,000 rows: the whole JVM's (the instances, the sandbox, the JIT and the GC), the
 * sandbox's threads' alone (its server's dispatcher and handlers: Lark's side, which a real application does not pay
 * for) and, given the pid of PostgreSQL's postmaster, that of the server's processes.
 * <p>
 * Arguments: {@code jdbcUrl rows instances warmupRows [postmasterPid]}. Prints one {@code RESULT} line.
 */
public final class OutboxDeliveryHarness {

	private static final String TABLE = OutboxSchema.DEFAULT_TABLE_NAME;

	private static final Duration TIMEOUT = Duration.ofMinutes(10);

	private static final int RECORDED_PER_TRANSACTION = 500;

	private OutboxDeliveryHarness() {
	}

	public static void main(String[] args) throws InterruptedException {
		String url = args[0];
		int rows = Integer.parseInt(args[1]);
		int instances = Integer.parseInt(args[2]);
		int warmupRows = Integer.parseInt(args[3]);
		Long postmaster = (args.length > 4) ? Long.valueOf(args[4]) : null;
		LarkSandbox lark = LarkSandbox.builder().rateLimits(false).start();
		List<HikariDataSource> pools = new ArrayList<>();
		List<ApprovalBotMessenger> messengers = new ArrayList<>();
		for (int i = 0; i < instances; i++) {
			pools.add(pool(url));
			messengers.add(ApprovalBotMessenger.builder()
				.credentials(lark.appId(), lark.appSecret())
				.baseUrl(lark.baseUrl())
				.rateLimits(RateLimitSettings.unlimited())
				.build());
		}
		OutboxSchema.create(pools.get(0), TABLE);
		if (warmupRows > 0) {
			run(lark, pools, messengers, warmupRows, postmaster);
		}
		Result result = run(lark, pools, messengers, rows, postmaster);
		System.out.printf("RESULT instances=%d rows=%d seconds=%.3f rowsPerSec=%.0f jvmCpuSecPer1000=%.3f "
				+ "sandboxCpuSecPer1000=%.3f pgCpuSecPer1000=%s%n", instances, rows, result.seconds(),
				rows / result.seconds(), result.jvmCpuSeconds() * 1000 / rows, result.sandboxCpuSeconds() * 1000 / rows,
				(result.pgCpuSeconds() != null) ? String.format("%.3f", result.pgCpuSeconds() * 1000 / rows) : "-");
		messengers.forEach(ApprovalBotMessenger::close);
		pools.forEach(HikariDataSource::close);
		lark.close();
	}

	private static Result run(LarkSandbox lark, List<HikariDataSource> pools, List<ApprovalBotMessenger> messengers,
			int rows, Long postmaster) throws InterruptedException {
		JdbcTemplate jdbc = new JdbcTemplate(pools.get(0));
		jdbc.execute("TRUNCATE TABLE " + TABLE);
		lark.reset();
		record(pools.get(0), messengers.get(0), rows);
		jdbc.execute("ANALYZE " + TABLE);
		List<OutboxDeliveryFailedEvent> failures = new CopyOnWriteArrayList<>();
		OperatingSystemMXBean os = ManagementFactory.getPlatformMXBean(OperatingSystemMXBean.class);
		long jvmCpu = os.getProcessCpuTime();
		long sandboxCpu = sandboxCpu();
		Duration pgCpu = cpu(postmaster);
		long start = System.nanoTime();
		long deadline = start + TIMEOUT.toNanos();
		List<LarkOutbox> outboxes = new ArrayList<>();
		for (int i = 0; i < pools.size(); i++) {
			outboxes.add(LarkOutbox.builder(messengers.get(i), pools.get(i)).onFailure(failures::add).build());
		}
		// The sandbox's count is in memory and cheap to poll; the backlog, a query, only for the last rows.
		while (lark.requestCount(Endpoint.APPROVAL_SEND) < rows && System.nanoTime() < deadline) {
			Thread.sleep(5);
		}
		while (outboxes.get(0).backlog().pending() > 0 && System.nanoTime() < deadline) {
			Thread.sleep(5);
		}
		long elapsed = System.nanoTime() - start;
		double jvmCpuSeconds = (os.getProcessCpuTime() - jvmCpu) / 1e9;
		double sandboxCpuSeconds = (sandboxCpu() - sandboxCpu) / 1e9;
		Double pgCpuSeconds = (postmaster != null) ? cpu(postmaster).minus(pgCpu).toNanos() / 1e9 : null;
		outboxes.forEach(LarkOutbox::close);
		check(jdbc, lark, rows, failures);
		return new Result(elapsed / 1e9, jvmCpuSeconds, sandboxCpuSeconds, pgCpuSeconds);
	}

	/** The backlog, written by an outbox whose worker is stopped: nothing is delivered before the clock starts. */
	private static void record(HikariDataSource pool, ApprovalBotMessenger messenger, int rows) {
		ApprovalBotMessage card = PayloadBenchmark.fullPendingApprovalBuilder().build();
		TransactionTemplate transactions = new TransactionTemplate(new JdbcTransactionManager(pool));
		LarkOutbox recorder = LarkOutbox.builder(messenger, pool).build();
		recorder.close();
		for (int done = 0; done < rows; done += RECORDED_PER_TRANSACTION) {
			int batch = Math.min(RECORDED_PER_TRANSACTION, rows - done);
			transactions.executeWithoutResult((status) -> {
				for (int i = 0; i < batch; i++) {
					recorder.send(card);
				}
			});
		}
	}

	/** Every row delivered, each once: otherwise the figure is not one of a working outbox. */
	private static void check(JdbcTemplate jdbc, LarkSandbox lark, int rows,
			List<OutboxDeliveryFailedEvent> failures) {
		Long delivered = jdbc.queryForObject("SELECT COUNT(*) FROM " + TABLE + " WHERE state = 'DELIVERED'",
				Long.class);
		long requests = lark.requestCount(Endpoint.APPROVAL_SEND);
		int messages = lark.messages().size();
		if (delivered == null || delivered != rows || requests != rows || messages != rows || !failures.isEmpty()) {
			throw new IllegalStateException("Not a clean run: " + delivered + " rows delivered, " + requests
					+ " send requests and " + messages + " messages at Lark for " + rows + " rows, " + failures.size()
					+ " failures" + (failures.isEmpty() ? "" : " (first: " + failures.get(0).error() + ")"));
		}
	}

	/**
	 * The CPU time of the sandbox's threads: its pool's (kept 60 s when idle, so none ends during a run) and the JDK
	 * server's dispatcher.
	 */
	private static long sandboxCpu() {
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		long total = 0;
		for (ThreadInfo thread : threads.getThreadInfo(threads.getAllThreadIds())) {
			if (thread != null && (thread.getThreadName().startsWith("lark-sandbox-")
					|| thread.getThreadName().equals("HTTP-Dispatcher"))) {
				total += Math.max(0, threads.getThreadCpuTime(thread.getThreadId()));
			}
		}
		return total;
	}

	/** The CPU time of PostgreSQL's postmaster and every process it started that is still running. */
	private static Duration cpu(Long postmaster) {
		if (postmaster == null) {
			return Duration.ZERO;
		}
		ProcessHandle server = ProcessHandle.of(postmaster)
			.orElseThrow(() -> new IllegalStateException("No process " + postmaster));
		return Stream.concat(Stream.of(server), server.descendants())
			.map((process) -> process.info().totalCpuDuration().orElse(Duration.ZERO))
			.reduce(Duration.ZERO, Duration::plus);
	}

	private static HikariDataSource pool(String url) {
		HikariDataSource pool = new HikariDataSource();
		pool.setJdbcUrl(url);
		pool.setUsername("postgres");
		pool.setMaximumPoolSize(10);
		return pool;
	}

	private record Result(double seconds, double jvmCpuSeconds, double sandboxCpuSeconds, Double pgCpuSeconds) {
	}

}
