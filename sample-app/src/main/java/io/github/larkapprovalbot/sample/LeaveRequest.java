package io.github.larkapprovalbot.sample;

import org.jspecify.annotations.Nullable;

/**
 * A leave request and where its approval card is.
 *
 * @param id the request id
 * @param applicantId the applicant's user_id
 * @param approverId the approver's user_id
 * @param reason why
 * @param days how many days
 * @param status PENDING, APPROVED or REJECTED
 * @param messageId the approval card sent to the approver
 */
public record LeaveRequest(String id, String applicantId, String approverId, String reason, int days, String status,
		@Nullable String messageId) {

	LeaveRequest withMessageId(String messageId) {
		return new LeaveRequest(this.id, this.applicantId, this.approverId, this.reason, this.days, this.status,
				messageId);
	}

	LeaveRequest withStatus(String status) {
		return new LeaveRequest(this.id, this.applicantId, this.approverId, this.reason, this.days, status,
				this.messageId);
	}

}
