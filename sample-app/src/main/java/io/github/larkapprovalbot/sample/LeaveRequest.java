package io.github.larkapprovalbot.sample;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A leave request and where its approval card is.
 *
 * @param id the request id, also the uuid of its approval card and so the card's outbox id
 * @param applicantId the applicant's user_id
 * @param approverId the approver's user_id
 * @param reason why
 * @param days how many days
 * @param status PENDING, APPROVED or REJECTED
 * @param messageId the approval card's Lark message id, once the outbox has delivered it
 * @param createdAt when the request was made
 * @param updatedAt when it last changed: the version the approval center compares, so it increases with every change
 */
public record LeaveRequest(String id, String applicantId, String approverId, String reason, int days, String status,
		@Nullable String messageId, Instant createdAt, Instant updatedAt) {

	LeaveRequest withStatus(String status) {
		// At least a millisecond later: Lark's approval center ignores a change whose update time did not increase.
		Instant now = Instant.now();
		Instant later = now.isAfter(this.updatedAt) ? now : this.updatedAt.plusMillis(1);
		return new LeaveRequest(this.id, this.applicantId, this.approverId, this.reason, this.days, status,
				this.messageId, this.createdAt, later);
	}

	boolean isPending() {
		return "PENDING".equals(this.status);
	}

}
