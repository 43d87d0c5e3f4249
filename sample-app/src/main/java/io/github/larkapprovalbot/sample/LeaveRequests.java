package io.github.larkapprovalbot.sample;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.github.larkapprovalbot.outbox.LarkOutbox;
import io.github.larkapprovalbot.outbox.OutboxEntry;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The sample's leave requests, in its database (H2 by default): the same database and transactions as the outbox, so
 * that a request and the calls to Lark it causes are recorded together or not at all. A request's card id is its own
 * id; the card's Lark message id comes from the outbox once it has delivered the card.
 */
@Repository
public class LeaveRequests {

	private final JdbcClient jdbc;

	private final LarkOutbox outbox;

	LeaveRequests(JdbcClient jdbc, LarkOutbox outbox) {
		this.jdbc = jdbc;
		this.outbox = outbox;
	}

	void insert(LeaveRequest request) {
		this.jdbc.sql("INSERT INTO leave_request (id, applicant_id, approver_id, reason, days, status, created_at, "
				+ "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
			.params(request.id(), request.applicantId(), request.approverId(), request.reason(), request.days(),
					request.status(), Timestamp.from(request.createdAt()), Timestamp.from(request.updatedAt()))
			.update();
	}

	/**
	 * Records a decision on a pending request.
	 * @param decided the request with its decision
	 * @return whether the request was pending (a concurrent decision leaves it as that one made it)
	 */
	boolean decide(LeaveRequest decided) {
		return this.jdbc.sql("UPDATE leave_request SET status = ?, updated_at = ? WHERE id = ? AND status = 'PENDING'")
			.params(decided.status(), Timestamp.from(decided.updatedAt()), decided.id())
			.update() == 1;
	}

	Optional<LeaveRequest> find(String id) {
		return this.jdbc.sql("SELECT * FROM leave_request WHERE id = ?").param(id).query(this::row).optional();
	}

	List<LeaveRequest> all() {
		return this.jdbc.sql("SELECT * FROM leave_request ORDER BY created_at").query(this::row).list();
	}

	List<LeaveRequest> changedSince(Instant since) {
		return this.jdbc.sql("SELECT * FROM leave_request WHERE updated_at >= ? ORDER BY created_at")
			.param(Timestamp.from(since))
			.query(this::row)
			.list();
	}

	private LeaveRequest row(ResultSet rs, int rowNum) throws SQLException {
		String id = rs.getString("id");
		return new LeaveRequest(id, rs.getString("applicant_id"), rs.getString("approver_id"), rs.getString("reason"),
				rs.getInt("days"), rs.getString("status"),
				this.outbox.find(id).map(OutboxEntry::messageId).orElse(null),
				rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
	}

}
