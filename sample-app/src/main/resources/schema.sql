-- The sample's leave requests; Spring Boot runs this script on the embedded database at startup. The outbox's own
-- table is created by the starter (lark.approval-bot.outbox.initialize-schema).
CREATE TABLE IF NOT EXISTS leave_request (
	id VARCHAR(64) PRIMARY KEY,
	applicant_id VARCHAR(64) NOT NULL,
	approver_id VARCHAR(64) NOT NULL,
	reason VARCHAR(500) NOT NULL,
	days INTEGER NOT NULL,
	status VARCHAR(16) NOT NULL,
	created_at TIMESTAMP WITH TIME ZONE NOT NULL,
	updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);
