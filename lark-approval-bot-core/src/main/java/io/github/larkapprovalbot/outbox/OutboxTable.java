package io.github.larkapprovalbot.outbox;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The outbox's SQL, in one place. Writes from the application run in its transaction when it has one on this
 * {@link DataSource} (through {@link JdbcTemplate}); a claim runs in a short transaction of its own.
 */
final class OutboxTable {

	private static final String COLUMNS = "seq, id, app, kind, state, target, order_key, coalesce_key, version, "
			+ "payload, attempts, created_at, attempt_started_at, maybe_sent_at, message_id, last_error, updated_at";

	/** What an application decides about: the rest ends on its own. */
	private static final String DECIDABLE = "('" + OutboxState.FAILED + "', '" + OutboxState.UNCERTAIN + "')";

	private final JdbcTemplate jdbc;

	private final TransactionTemplate claims;

	private final String table;

	private final String platform;

	private final RowMapper<OutboxRow> rows = OutboxTable::row;

	OutboxTable(DataSource dataSource, String table) {
		this.jdbc = new JdbcTemplate(dataSource);
		this.claims = new TransactionTemplate(new JdbcTransactionManager(dataSource));
		// MySQL's and MariaDB's default, REPEATABLE READ, would lock gaps and read the ordering subquery from an
		// older snapshot than the locked rows.
		this.claims.setIsolationLevel(TransactionDefinition.ISOLATION_READ_COMMITTED);
		this.table = OutboxSchema.checkTableName(table);
		this.platform = OutboxSchema.platform(dataSource);
	}

	/** Fails with {@link MissingOutboxTableException} when the table is not there. */
	void check() {
		try {
			this.jdbc.queryForObject("SELECT COUNT(*) FROM " + this.table + " WHERE 1 = 0", Long.class);
		}
		catch (DataAccessException ex) {
			throw new MissingOutboxTableException(this.table, OutboxSchema.location(this.platform), ex);
		}
	}

	void insert(OutboxRow row, long dueAt) {
		this.jdbc.update("INSERT INTO " + this.table + " (id, app, kind, state, target, order_key, coalesce_key, "
				+ "version, payload, attempts, created_at, due_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, "
				+ "?, ?)", row.id(), row.app(), row.kind().name(), row.state().name(), row.target(), row.orderKey(),
				row.coalesceKey(), row.version(), row.payload(), row.createdAt(), dueAt, row.updatedAt());
	}

	Optional<OutboxRow> find(String app, String id) {
		return this.jdbc.query("SELECT " + COLUMNS + " FROM " + this.table + " WHERE id = ? AND app = ?", this.rows,
				id, app).stream().findFirst();
	}

	/** A row of any app: ids are unique across the table. */
	Optional<OutboxRow> findAnyApp(String id) {
		return this.jdbc.query("SELECT " + COLUMNS + " FROM " + this.table + " WHERE id = ?", this.rows, id)
			.stream()
			.findFirst();
	}

	/** A send of this outbox, found by the id it returned, else by the message id Lark gave it (each indexed). */
	Optional<OutboxRow> findSend(String app, String reference) {
		Optional<OutboxRow> byId = find(app, reference).filter((row) -> row.kind() == OutboxCallKind.SEND);
		if (byId.isPresent()) {
			return byId;
		}
		return this.jdbc.query("SELECT " + COLUMNS + " FROM " + this.table + " WHERE app = ? AND kind = ? AND "
				+ "message_id = ? ORDER BY seq", this.rows, app, OutboxCallKind.SEND.name(), reference)
			.stream()
			.findFirst();
	}

	/**
	 * Claims due rows no other instance works on, oldest first, leaving each row that an earlier pending row of the
	 * same message must precede: locks them ({@code FOR UPDATE SKIP LOCKED}, which every supported database has, so
	 * instances polling at once take different rows instead of waiting on each other), then leases them. The lease's
	 * own condition would still let one instance alone take a row on a database without it.
	 */
	List<OutboxRow> claim(String app, String owner, long now, long leaseUntil, int limit) {
		List<OutboxRow> claimed = this.claims.execute((status) -> {
			List<OutboxRow> due = this.jdbc.query("SELECT " + COLUMNS + " FROM " + this.table + " o WHERE o.app = ? "
					+ "AND o.state = ? AND o.due_at <= ? AND (o.lease_until IS NULL OR o.lease_until < ?) AND NOT EXISTS "
					+ "(SELECT 1 FROM " + this.table + " e WHERE e.order_key = o.order_key AND e.seq < o.seq AND e.state = ?) "
					+ "ORDER BY o.seq LIMIT ? FOR UPDATE SKIP LOCKED", this.rows, app, OutboxState.PENDING.name(), now,
					now, OutboxState.PENDING.name(), limit);
			List<OutboxRow> leased = new ArrayList<>(due.size());
			for (OutboxRow row : due) {
				int updated = this.jdbc.update("UPDATE " + this.table + " SET lease_owner = ?, lease_until = ?, "
						+ "attempt_started_at = ?, attempts = attempts + 1, updated_at = ? WHERE seq = ? AND state = ? AND "
						+ "(lease_until IS NULL OR lease_until < ?)", owner, leaseUntil, now, now, row.seq(),
						OutboxState.PENDING.name(), now);
				if (updated == 1) {
					leased.add(row);
				}
			}
			return leased;
		});
		return (claimed != null) ? claimed : List.of();
	}

	/** Records an attempt's outcome, when the row is still this instance's. */
	boolean finish(String id, String owner, OutboxState state, long dueAt, @Nullable Long maybeSentAt,
			@Nullable String messageId, @Nullable String lastError, long now) {
		return this.jdbc.update("UPDATE " + this.table + " SET state = ?, due_at = ?, maybe_sent_at = ?, message_id = ?, "
				+ "last_error = ?, lease_owner = NULL, lease_until = NULL, attempt_started_at = NULL, updated_at = ? "
				+ "WHERE id = ? AND lease_owner = ?", state.name(), dueAt, maybeSentAt, messageId, truncate(lastError),
				now, id, owner) == 1;
	}

	/**
	 * Gives a claimed row back unfinished. An attempt that started stays recorded, as of unknown outcome; one that
	 * never started is forgotten, so that the row is not taken for possibly sent.
	 */
	void release(String id, String owner, boolean attemptStarted) {
		this.jdbc.update("UPDATE " + this.table + " SET lease_owner = NULL, lease_until = NULL"
				+ (attemptStarted ? "" : ", attempt_started_at = NULL, attempts = attempts - 1")
				+ " WHERE id = ? AND lease_owner = ? AND state = ?", id, owner, OutboxState.PENDING.name());
	}

	/** Whether a newer state of the same instance waits: this one need not go. */
	boolean hasNewerSync(OutboxRow row) {
		// Equal versions: the later row stands for both, so that two rows of one state never replace each other.
		Long count = this.jdbc.queryForObject("SELECT COUNT(*) FROM " + this.table + " WHERE app = ? AND "
				+ "coalesce_key = ? AND state = ? AND (version > ? OR (version = ? AND seq > ?))", Long.class,
				row.app(), row.coalesceKey(), OutboxState.PENDING.name(), row.version(), row.version(), row.seq());
		return count != null && count > 0;
	}

	/** Ends the older pending states of an instance that no instance works on. */
	void coalesce(String app, String key, long version, long now) {
		this.jdbc.update("UPDATE " + this.table + " SET state = ?, updated_at = ? WHERE app = ? AND coalesce_key = ? AND "
				+ "state = ? AND version < ? AND lease_owner IS NULL", OutboxState.COALESCED.name(), now, app, key,
				OutboxState.PENDING.name(), version);
	}

	boolean newerSyncPending(String app, String key, long version) {
		Long count = this.jdbc.queryForObject("SELECT COUNT(*) FROM " + this.table + " WHERE app = ? AND "
				+ "coalesce_key = ? AND state = ? AND version >= ?", Long.class, app, key,
				OutboxState.PENDING.name(), version);
		return count != null && count > 0;
	}

	boolean retry(String app, String id, long now) {
		return this.jdbc.update("UPDATE " + this.table + " SET state = ?, due_at = ?, attempts = 0, maybe_sent_at = NULL, "
				+ "attempt_started_at = NULL, lease_owner = NULL, lease_until = NULL, last_error = NULL, updated_at = ? "
				+ "WHERE id = ? AND app = ? AND state IN " + DECIDABLE, OutboxState.PENDING.name(), now, now, id,
				app) == 1;
	}

	boolean discard(String app, String id, long now) {
		return this.jdbc.update("UPDATE " + this.table + " SET state = ?, updated_at = ? WHERE id = ? AND app = ? AND "
				+ "state IN " + DECIDABLE, OutboxState.DISCARDED.name(), now, id, app) == 1;
	}

	/** Deletes the rows that ended on their own, or were discarded, before a time. */
	int purge(String app, long endedBefore) {
		return this.jdbc.update("DELETE FROM " + this.table + " WHERE app = ? AND state IN (?, ?, ?) AND updated_at < ?",
				app, OutboxState.DELIVERED.name(), OutboxState.COALESCED.name(), OutboxState.DISCARDED.name(),
				endedBefore);
	}

	OutboxBacklog backlog(String app, long now) {
		return Objects.requireNonNull(this.jdbc.queryForObject("SELECT COUNT(*), MIN(created_at) FROM " + this.table + " WHERE app = ? AND "
				+ "state = ?", (rs, n) -> {
					long oldest = rs.getLong(2);
					Duration age = rs.wasNull() ? null : Duration.ofMillis(Math.max(0, now - oldest));
					return new OutboxBacklog(rs.getLong(1), age);
				}, app, OutboxState.PENDING.name()));
	}

	private static @Nullable String truncate(@Nullable String error) {
		return (error != null && error.length() > 2000) ? error.substring(0, 1997) + "..." : error;
	}

	private static OutboxRow row(ResultSet rs, int rowNum) throws SQLException {
		return new OutboxRow(rs.getLong("seq"), rs.getString("id"), rs.getString("app"),
				OutboxCallKind.valueOf(rs.getString("kind")), OutboxState.valueOf(rs.getString("state")),
				rs.getString("target"), rs.getString("order_key"), rs.getString("coalesce_key"),
				nullableLong(rs, "version"), rs.getString("payload"), rs.getInt("attempts"), rs.getLong("created_at"),
				nullableLong(rs, "attempt_started_at"), nullableLong(rs, "maybe_sent_at"), rs.getString("message_id"),
				rs.getString("last_error"), rs.getLong("updated_at"));
	}

	private static @Nullable Long nullableLong(ResultSet rs, String column) throws SQLException {
		long value = rs.getLong(column);
		return rs.wasNull() ? null : value;
	}

}
