-- The outbox of lark-approval-bot: one row per call the application asked for, delivered after its
-- transaction commits. Safe to run again. Times are epoch milliseconds. Another table name replaces lark_outbox.
-- MySQL 8 and MariaDB 10.6 or later (FOR UPDATE SKIP LOCKED).
CREATE TABLE IF NOT EXISTS lark_outbox (
	seq BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
	id VARCHAR(64) NOT NULL,
	app VARCHAR(64) NOT NULL,
	kind VARCHAR(16) NOT NULL,
	state VARCHAR(16) NOT NULL,
	target VARCHAR(255),
	order_key VARCHAR(255),
	coalesce_key VARCHAR(255),
	version BIGINT,
	payload MEDIUMTEXT NOT NULL,
	attempts INTEGER NOT NULL,
	created_at BIGINT NOT NULL,
	due_at BIGINT NOT NULL,
	lease_owner VARCHAR(64),
	lease_until BIGINT,
	attempt_started_at BIGINT,
	maybe_sent_at BIGINT,
	message_id VARCHAR(255),
	last_error VARCHAR(2000),
	updated_at BIGINT NOT NULL,
	UNIQUE KEY lark_outbox_id (id),
	KEY lark_outbox_due (app, state, seq),
	KEY lark_outbox_message (app, kind, message_id),
	KEY lark_outbox_order (order_key, seq),
	KEY lark_outbox_coalesce (app, coalesce_key, state),
	KEY lark_outbox_ended (app, state, updated_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
